// Attack: a delivery target that echoes what it holds (an internal service, a metadata endpoint answering with
// credentials, a receiver reflecting our own headers) must not turn `GET /api/deliveries` into a reading window.
// The delivery log keeps a short snippet of the answer, with anything that looks like a credential masked.
import { describe, expect, it } from 'vitest';
import { buildEventInsert } from '../../worker/store/events.ts';
import { apiJson } from '../worker/helpers.ts';
import { buildTestOutboxDeps, createRecordingFetch, db, deliverEventOnce } from './support.ts';

const SECRET_ACCESS_KEY = 'wJalrXUtnFEMIK7MDENGbPxRfiCYzEXAMPLEKEY';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEJr9aQ8Rk3mZLw0dTqXbV7yHsN2cP5eUjG1fW4oA6tKxCv';
const BEARER = 'mg_admin_Zx9Qm2Lr8Tn4Vb6Kp1Jw3Hs5Dc7Fg0Ae';

describe('the delivery log', () => {
  it('keeps at most 256 characters of an answer, with credentials masked', async () => {
    const { id: endpointId } = await apiJson<{ id: string }>('/api/webhooks', {
      method: 'POST',
      body: JSON.stringify({ url: 'https://echo.receiver-erp.example/hook', events: ['message.received'] }),
    });
    const echoed = JSON.stringify({
      Code: 'Success',
      AccessKeyId: 'ASIAZ4EXAMPLE7QWERTY',
      SecretAccessKey: SECRET_ACCESS_KEY,
      Token: SESSION_TOKEN,
      request: { authorization: `Bearer ${BEARER}`, password: 'hunter2-but-longer' },
      padding: 'x'.repeat(4000),
    });
    const network = createRecordingFetch(() => new Response(echoed, { status: 500 }));
    const event = buildEventInsert(db, { type: 'message.received', domainId: null, data: { probe: true } }, new Date());
    await event.statement;
    const deliveries = await deliverEventOnce(buildTestOutboxDeps(network.fetch), event.id);
    const attempt = deliveries.find((delivery) => delivery.targetId === endpointId)!.attemptLog[0]!;
    const snippet = attempt.responseSnippet ?? '';
    expect(snippet.length).toBeGreaterThan(0);
    expect(snippet.length).toBeLessThanOrEqual(256);
    for (const secret of [SECRET_ACCESS_KEY, SESSION_TOKEN, BEARER, 'hunter2-but-longer']) {
      expect(snippet).not.toContain(secret);
      expect(snippet).not.toContain(secret.slice(0, 12));
    }
    // What is left still helps an admin see what answered.
    expect(snippet).toContain('Success');
  });
});
