// A message still being filed when its row was copied by a domain move, and filed in the source before the flip:
// counts alone match, so the move must see the stale copy (pending or processing in the target) and copy again.
import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';
import type { DomainMoveJson } from '../../shared/api/domain-move.ts';
import { api, buildMail, deliverEmail, uniqueMessageId } from './helpers.ts';

const DOMAIN = 'settling.example';
const second = (env as unknown as { DB_2: D1Database }).DB_2;

async function readStatus(db: D1Database, messageId: string): Promise<string | null> {
  return db.prepare('SELECT status FROM inbound_emails WHERE message_id = ?').bind(messageId).first<string>('status');
}

it('copies again an inbound row that settled in the source after its copy, before the flip', async () => {
  expect((await api('/api/domains', { method: 'POST', body: JSON.stringify({ name: DOMAIN }) })).status).toBe(201);
  const alias = await api('/api/aliases', {
    method: 'POST',
    body: JSON.stringify({ address: `inbox@${DOMAIN}`, action: 'thread' }),
  });
  expect(alias.status).toBe(201);
  const messageId = uniqueMessageId('settling');
  const raw = buildMail({
    from: 'ann@buyer.example',
    to: `inbox@${DOMAIN}`,
    messageId,
    subject: 'Crates',
    text: 'Ten.',
  });
  const envelope = { from: 'ann@buyer.example', to: `inbox@${DOMAIN}` };
  expect((await deliverEmail(raw, envelope, { env })).rejected).toBeNull();
  const settled = await readStatus(env.DB, messageId);
  expect(settled).toBe('delivered');
  // As if the attempt that files it were still running when the move began (it found the source before the mark).
  await env.DB.prepare("UPDATE inbound_emails SET status = 'processing' WHERE message_id = ?").bind(messageId).run();

  let step: DomainMoveJson | null = null;
  let finishedMidCopy = false;
  for (let calls = 0; step?.state !== 'done' && calls < 40; calls += 1) {
    const response = await api(`/api/domains/${DOMAIN}/move`, {
      method: 'POST',
      body: JSON.stringify({ to: 'DB_2', maxQueries: 50 }),
    });
    expect(response.status, await response.clone().text()).toBe(200);
    step = (await response.json()) as DomainMoveJson;
    // Once the row was copied in its processing state, the attempt finishes in the source, the move still copying.
    if (!finishedMidCopy && step.state === 'copying' && (await readStatus(second, messageId)) === 'processing') {
      await env.DB.prepare('UPDATE inbound_emails SET status = ? WHERE message_id = ?').bind(settled, messageId).run();
      finishedMidCopy = true;
    }
  }
  expect(finishedMidCopy).toBe(true);
  expect(step?.state).toBe('done');
  expect(await readStatus(second, messageId)).toBe('delivered');
  expect(await readStatus(env.DB, messageId)).toBeNull();
});
