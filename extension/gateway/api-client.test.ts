// The API client against a fake fetch: the exact URL, method, headers and body it sends, and what it makes of answers.
import { describe, expect, it } from 'vitest';
import { aliasJson, domainJson, inboundItem, suppressionJson } from '../console/testing/fixtures.ts';
import { createApiClient, GatewayError, type FetchFunction } from './api-client.ts';

type Call = { url: string; method: string; headers: Record<string, string>; body: string | undefined };

const TOKEN = 'mg_admin_0123456789abcdef';

function json(status: number, value: unknown): Response {
  return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
}

/** A fetch that records each call and answers with the next of `answers`. */
function fakeFetch(...answers: (Response | Error)[]): { fetch: FetchFunction; calls: Call[] } {
  const calls: Call[] = [];
  const fetch: FetchFunction = async (url, init) => {
    calls.push({
      url,
      method: init.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: init.body === undefined ? undefined : String(init.body),
    });
    const answer = answers.shift();
    if (!answer) throw new Error('no answer left');
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { fetch, calls };
}

function clientWith(...answers: (Response | Error)[]) {
  const fake = fakeFetch(...answers);
  return {
    client: createApiClient({ origin: 'https://gw.example.com/', token: TOKEN, fetch: fake.fetch }),
    calls: fake.calls,
  };
}

describe('createApiClient', () => {
  it('sends the bearer token to the origin and parses the domain list', async () => {
    const { client, calls } = clientWith(json(200, { items: [domainJson('example.com')] }));
    const domains = await client.listDomains();
    expect(domains.map((domain) => domain.name)).toEqual(['example.com']);
    expect(calls).toEqual([
      {
        url: 'https://gw.example.com/api/domains',
        method: 'GET',
        headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/json' },
        body: undefined,
      },
    ]);
  });

  it('posts a new alias as JSON and returns the created alias', async () => {
    const created = aliasJson({
      id: 'ali_new',
      address: 'support@example.com',
      localPart: 'support',
      model: 'helpdesk.ticket',
    });
    const { client, calls } = clientWith(json(201, created));
    const answer = await client.createAlias({
      address: 'support@example.com',
      action: 'record',
      model: 'helpdesk.ticket',
      policy: 'known',
    });
    expect(answer).toEqual(created);
    expect(calls[0]).toMatchObject({ url: 'https://gw.example.com/api/aliases', method: 'POST' });
    expect(calls[0]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(calls[0]!.body!)).toEqual({
      address: 'support@example.com',
      action: 'record',
      model: 'helpdesk.ticket',
      policy: 'known',
    });
  });

  it('patches and deletes an alias by its encoded id (204: no body to parse)', async () => {
    const { client, calls } = clientWith(
      json(200, aliasJson({ policy: 'followers' })),
      new Response(null, { status: 204 }),
    );
    expect((await client.updateAlias('ali/1', { policy: 'followers' })).policy).toBe('followers');
    expect(await client.deleteAlias('ali_sales')).toBeUndefined();
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      'PATCH https://gw.example.com/api/aliases/ali%2F1',
      'DELETE https://gw.example.com/api/aliases/ali_sales',
    ]);
    expect(JSON.parse(calls[0]!.body!)).toEqual({ policy: 'followers' });
  });

  it('puts only the given filters in the query string', async () => {
    const page = { items: [inboundItem()], nextCursor: null };
    const { client, calls } = clientWith(json(200, { items: [], nextCursor: null }), json(200, page), json(200, page));
    await client.listThreads({ q: 'chairs & tables', before: 'thr_9' });
    await client.listInbound({ status: 'failed', route: undefined });
    const inbound = await client.listInbound({});
    expect(calls.map((call) => call.url)).toEqual([
      'https://gw.example.com/api/threads?q=chairs+%26+tables&before=thr_9',
      'https://gw.example.com/api/inbound?status=failed',
      'https://gw.example.com/api/inbound',
    ]);
    expect(inbound.items[0]!.reason).toBe('alias sales@ → crm.lead');
  });

  it('lifts a suppression, with ?force=true only when asked', async () => {
    const { client, calls } = clientWith(
      json(200, suppressionJson({ suppressed: false })),
      json(200, suppressionJson({ suppressed: false })),
    );
    await client.liftSuppression('Gone+x@remote.example');
    await client.liftSuppression('angry@remote.example', { force: true });
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      'DELETE https://gw.example.com/api/suppressions/Gone%2Bx%40remote.example',
      'DELETE https://gw.example.com/api/suppressions/angry%40remote.example?force=true',
    ]);
  });

  it('adds a suppression with a POST of the entry, and reads the outcome', async () => {
    const { client, calls } = clientWith(
      json(200, {
        domain: 'example.com',
        added: 1,
        alreadyThere: 0,
        replaced: 0,
        results: [{ address: 'asked@remote.example', outcome: 'added' }],
      }),
    );
    const result = await client.addSuppression({ address: 'asked@remote.example', reason: 'asked by phone' });
    expect(result.added).toBe(1);
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual(['POST https://gw.example.com/api/suppressions']);
    expect(JSON.parse(String(calls[0]!.body))).toEqual({ address: 'asked@remote.example', reason: 'asked by phone' });
  });

  it('replays, retries and reads the stats at their routes', async () => {
    const stats = {
      domain: 'example.com',
      days: 2,
      series: [
        { date: '2026-11-20', inbound: 3, bounces: 1, complaints: 0 },
        { date: '2026-11-21', inbound: 0, bounces: 0, complaints: 0 },
      ],
    };
    const { client, calls } = clientWith(
      json(200, inboundItem({ attempts: 2 })),
      json(200, { id: 'dlv_1', status: 'pending' }),
      json(200, stats),
    );
    expect((await client.replayInbound('inb_1')).attempts).toBe(2);
    expect(await client.retryDelivery('dlv_1')).toEqual({ id: 'dlv_1', status: 'pending' });
    expect((await client.getStats({ domain: 'example.com', days: 2 })).series[0]!.inbound).toBe(3);
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      'POST https://gw.example.com/api/inbound/inb_1/replay',
      'POST https://gw.example.com/api/deliveries/dlv_1/retry',
      'GET https://gw.example.com/api/stats?domain=example.com&days=2',
    ]);
  });

  it("turns the API's error JSON into a readable error with its status and code", async () => {
    const { client } = clientWith(
      json(409, { error: { code: 'conflict', message: 'the alias sales@example.com already exists' } }),
    );
    const error = await client
      .createAlias({ address: 'sales@example.com', action: 'thread' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ status: 409, code: 'conflict' });
    expect((error as Error).message).toBe(
      'the alias sales@example.com already exists (POST /api/aliases: 409 conflict)',
    );
  });

  it('says what a non-JSON failure, an unreachable gateway and an unexpected answer were', async () => {
    const { client } = clientWith(
      new Response('<html><body>502 Bad Gateway</body></html>', { status: 502 }),
      new TypeError('Failed to fetch'),
      json(200, { items: [{ name: 'example.com' }] }),
    );
    await expect(client.listDomains()).rejects.toThrow(
      'the gateway answered GET /api/domains with HTTP 502: <html><body>502 Bad Gateway</body></html>',
    );
    await expect(client.listDomains()).rejects.toMatchObject({
      status: 0,
      code: 'unreachable',
      message: 'could not reach the gateway at https://gw.example.com (GET /api/domains): Failed to fetch',
    });
    await expect(client.listDomains()).rejects.toMatchObject({
      code: 'unexpected_answer',
      message: expect.stringMatching(/items\[0\]\.id/),
    });
  });

  it("downloads an attachment's bytes with the token, and refuses other paths", async () => {
    const { client, calls } = clientWith(
      new Response(new Uint8Array([37, 80, 68, 70]), { status: 200, headers: { 'content-type': 'application/pdf' } }),
    );
    const blob = await client.downloadAttachment('/api/attachments/att_1');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([37, 80, 68, 70]);
    expect(calls[0]).toMatchObject({
      url: 'https://gw.example.com/api/attachments/att_1',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    await expect(client.downloadAttachment('https://elsewhere.example/steal')).rejects.toThrow(
      /not an attachment path/,
    );
    expect(calls).toHaveLength(1);
  });
});
