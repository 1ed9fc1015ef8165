// Delivery fault tests in workerd: the outbox under an injected clock and a fake receiver faithful to the wire.
import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  env,
  getQueueResult,
  SELF,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readMethodCall, writeMethodResponse } from '../fakes/xml-rpc-reader.ts';
import { verifyStandardWebhook } from '../fakes/webhook-receiver.ts';
import worker from '../../worker/index.ts';
import { consumeDeliveryMessages } from '../../worker/deliver/consumer.ts';
import { MAX_DELIVERY_ATTEMPTS } from '../../worker/deliver/backoff.ts';
import { runDueDeliveries, type OutboxDeps } from '../../worker/deliver/outbox.ts';
import { createDatabase } from '../../worker/store/db.ts';
import { buildEventInsert, type EventType } from '../../worker/store/events.ts';
import { ADMIN_TOKEN } from './helpers.ts';

const DOMAIN_ID = 'dom_test_deliveries';
const DOMAIN = 'deliveries.test';
const DAY_MS = 24 * 60 * 60 * 1000;
const db = createDatabase(env.DB);

beforeAll(async () => {
  await env.DB.prepare('INSERT OR IGNORE INTO domains (id, name) VALUES (?, ?)').bind(DOMAIN_ID, DOMAIN).run();
});

afterEach(async () => {
  vi.unstubAllGlobals();
  // Each test's endpoints go away, so no later event fans out to them.
  await env.DB.prepare('DELETE FROM webhook_endpoints WHERE domain_id = ?').bind(DOMAIN_ID).run();
});

async function callApi(method: string, path: string, body?: unknown): Promise<Response> {
  return SELF.fetch(`https://mailgate.test${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function registerWebhook(url: string, events?: string[]): Promise<{ id: string; secret: string }> {
  const response = await callApi('POST', '/api/webhooks', { url, domain: DOMAIN, ...(events ? { events } : {}) });
  expect(response.status).toBe(201);
  return response.json();
}

async function insertEvent(
  type: EventType,
  data: Record<string, unknown>,
  at: number,
  inboundId?: string,
): Promise<string> {
  const insert = buildEventInsert(db, { type, domainId: DOMAIN_ID, inboundId: inboundId ?? null, data }, new Date(at));
  await insert.statement;
  return insert.id;
}

type Received = {
  webhookId: string;
  body: { type: string; data: Record<string, unknown> };
  status: number;
  at: number;
};

/** A receiver behind a fake fetch: verifies every signature independently and answers what `decide` says. */
function createReceiver(secretOf: () => string, now: () => number, decide: (request: number) => number) {
  const received: Received[] = [];
  let requests = 0;
  const fetch = async (_url: string, init: RequestInit): Promise<Response> => {
    const headers = new Headers(init.headers);
    const raw = Buffer.from(String(init.body), 'utf8');
    const check = verifyStandardWebhook(
      secretOf(),
      {
        id: headers.get('webhook-id') ?? undefined,
        timestamp: headers.get('webhook-timestamp') ?? undefined,
        signature: headers.get('webhook-signature') ?? undefined,
      },
      raw,
      Math.floor(now() / 1000),
    );
    if (!check.ok) return new Response(`bad signature: ${check.problem}`, { status: 401 });
    const status = decide(requests);
    requests += 1;
    received.push({ webhookId: headers.get('webhook-id')!, body: JSON.parse(raw.toString('utf8')), status, at: now() });
    return new Response(status < 300 ? 'ok' : 'unavailable', { status });
  };
  return { fetch, received };
}

function buildDeps(fetch: OutboxDeps['fetch'], clock: { now: number }, extra: Partial<OutboxDeps> = {}): OutboxDeps {
  return {
    db,
    bucket: env.MAIL,
    fetch,
    now: () => clock.now,
    random: () => 0.5,
    readSecret: () => undefined,
    publicBaseUrl: 'https://mailgate.test',
    fileLinkSecrets: ['test-reply-token-secret'],
    ...extra,
  };
}

/** Runs the cron's delivery step at each next due time until nothing is open: days pass in milliseconds. */
async function driveUntilSettled(deps: OutboxDeps, clock: { now: number }, maxRuns = 200): Promise<number> {
  let runs = 0;
  for (; runs < maxRuns; runs += 1) {
    const next = await env.DB.prepare(
      "SELECT MIN(next_attempt_at) AS due FROM deliveries WHERE status IN ('pending', 'retrying') AND target_id IN (SELECT id FROM webhook_endpoints WHERE domain_id = ?)",
    )
      .bind(DOMAIN_ID)
      .first<{ due: number | null }>();
    if (next?.due == null) break;
    clock.now = Math.max(clock.now, next.due);
    await runDueDeliveries(deps);
  }
  return runs;
}

function queueMessages(bodies: unknown[]) {
  return bodies.map((body, index) => ({
    body,
    acked: false,
    retried: false,
    id: String(index),
    ack() {
      this.acked = true;
    },
    retry() {
      this.retried = true;
    },
  }));
}

/** Deterministic PRNG (mulberry32): the "random" failures are the same on every run. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('webhook deliveries', () => {
  it('delivers to an endpoint that failed its first 5 attempts, with the same webhook-id every time', async () => {
    const clock = { now: Date.parse('2026-11-21T10:00:00Z') };
    let secret = '';
    const receiver = createReceiver(
      () => secret,
      () => clock.now,
      (n) => (n < 5 ? 503 : 200),
    );
    ({ secret } = await registerWebhook('https://erp.deliveries.test/hooks'));
    const eventId = await insertEvent('message.received', { message: { subject: 'Quote' } }, clock.now);
    const deps = buildDeps(receiver.fetch, clock);

    const messages = queueMessages([{ eventId }]);
    await consumeDeliveryMessages(deps, messages);
    expect(messages[0]!.acked).toBe(true);
    await driveUntilSettled(deps, clock);

    expect(receiver.received.map((r) => r.status)).toEqual([503, 503, 503, 503, 503, 200]);
    expect(new Set(receiver.received.map((r) => r.webhookId))).toEqual(new Set([eventId]));
    expect(receiver.received[5]!.body.data).toEqual({ message: { subject: 'Quote' } });
    const list = await (await callApi('GET', `/api/deliveries?eventId=${eventId}`)).json<{ items: any[] }>();
    expect(list.items).toHaveLength(1);
    expect(list.items[0].status).toBe('delivered');
    expect(list.items[0].attempts).toBe(6);
    expect(list.items[0].attemptLog.map((a: { statusCode: number }) => a.statusCode)).toEqual([
      503, 503, 503, 503, 503, 200,
    ]);
    expect(list.items[0].attemptLog[0].responseSnippet).toBe('unavailable');
    // The backoff spaced the attempts: 30 s, 2 min, 10 min, 30 min, 1 h (jitter 0 with random = 0.5).
    expect(receiver.received[5]!.at - receiver.received[0]!.at).toBe((30 + 120 + 600 + 1800 + 3600) * 1000);
  });

  it('gets everything to an endpoint that was down for two simulated days', async () => {
    const start = Date.parse('2026-11-21T10:00:00Z');
    const clock = { now: start };
    let secret = '';
    const receiver = createReceiver(
      () => secret,
      () => clock.now,
      () => (clock.now < start + 2 * DAY_MS ? 502 : 200),
    );
    ({ secret } = await registerWebhook('https://erp.deliveries.test/down'));
    const deps = buildDeps(receiver.fetch, clock);
    const eventIds: string[] = [];
    for (let i = 0; i < 5; i += 1) eventIds.push(await insertEvent('record.requested', { seq: i }, clock.now));
    await consumeDeliveryMessages(deps, queueMessages(eventIds.map((eventId) => ({ eventId }))));
    await driveUntilSettled(deps, clock);

    const delivered = receiver.received.filter((r) => r.status === 200);
    expect(delivered.map((r) => r.webhookId).sort()).toEqual([...eventIds].sort());
    expect(Math.min(...delivered.map((r) => r.at))).toBeGreaterThanOrEqual(start + 2 * DAY_MS);
    expect(clock.now - start).toBeLessThan(3 * DAY_MS);
  });

  it('delivers 1,000 events to an endpoint failing half of the time: none lost, one id each', async () => {
    const clock = { now: Date.parse('2026-11-21T10:00:00Z') };
    const random = createRandom(7);
    let secret = '';
    const receiver = createReceiver(
      () => secret,
      () => clock.now,
      () => (random() < 0.5 ? 500 : 200),
    );
    ({ secret } = await registerWebhook('https://erp.deliveries.test/flaky'));
    const deps = buildDeps(receiver.fetch, clock);
    const eventIds: string[] = [];
    const statements = [];
    for (let i = 0; i < 1000; i += 1) {
      const insert = buildEventInsert(
        db,
        { type: 'message.received', domainId: DOMAIN_ID, data: { seq: i } },
        new Date(clock.now),
      );
      eventIds.push(insert.id);
      statements.push(insert.statement);
    }
    for (let i = 0; i < statements.length; i += 100) await db.batch(statements.slice(i, i + 100) as [any, ...any[]]);
    for (let i = 0; i < eventIds.length; i += 100) {
      const messages = queueMessages(eventIds.slice(i, i + 100).map((eventId) => ({ eventId })));
      await consumeDeliveryMessages(deps, messages);
      expect(messages.every((message) => message.acked)).toBe(true);
    }
    await driveUntilSettled(deps, clock);

    const idsBySeq = new Map<number, Set<string>>();
    for (const r of receiver.received) {
      const seq = r.body.data.seq as number;
      idsBySeq.set(seq, (idsBySeq.get(seq) ?? new Set()).add(r.webhookId));
    }
    const deliveredIds = new Set(receiver.received.filter((r) => r.status === 200).map((r) => r.webhookId));
    expect(deliveredIds.size).toBe(1000);
    expect([...deliveredIds].sort()).toEqual([...eventIds].sort());
    expect([...idsBySeq.values()].every((ids) => ids.size === 1)).toBe(true);
    expect(receiver.received.length).toBeGreaterThan(1500);
    const dead = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM deliveries WHERE status != 'delivered' AND event_id IN (SELECT id FROM events WHERE domain_id = ?) AND target_id IN (SELECT id FROM webhook_endpoints WHERE domain_id = ?)",
    )
      .bind(DOMAIN_ID, DOMAIN_ID)
      .first<{ n: number }>();
    expect(dead?.n).toBe(0);
  }, 120_000);

  it('disables an endpoint that answers 410 Gone, and fans no further events out to it', async () => {
    const clock = { now: Date.now() };
    let secret = '';
    const receiver = createReceiver(
      () => secret,
      () => clock.now,
      () => 410,
    );
    const endpoint = await registerWebhook('https://erp.deliveries.test/gone');
    secret = endpoint.secret;
    const deps = buildDeps(receiver.fetch, clock);
    const first = await insertEvent('bounce.recorded', { address: 'x@y.test' }, clock.now);
    await consumeDeliveryMessages(deps, queueMessages([{ eventId: first }]));
    const webhooks = await (await callApi('GET', '/api/webhooks')).json<{ items: any[] }>();
    const row = webhooks.items.find((item) => item.id === endpoint.id);
    expect(row.disabledAt).not.toBeNull();
    expect(row.disabledReason).toContain('410');
    const second = await insertEvent('bounce.recorded', { address: 'z@y.test' }, clock.now);
    await consumeDeliveryMessages(deps, queueMessages([{ eventId: second }]));
    expect(receiver.received).toHaveLength(1);
    const list = await (await callApi('GET', `/api/deliveries?eventId=${second}`)).json<{ items: unknown[] }>();
    expect(list.items).toHaveLength(0);
  });

  it('delivers a dead-lettered delivery once retried by hand', async () => {
    const clock = { now: Date.now() };
    let secret = '';
    let up = false;
    const receiver = createReceiver(
      () => secret,
      () => clock.now,
      () => (up ? 200 : 500),
    );
    ({ secret } = await registerWebhook('https://erp.deliveries.test/dead'));
    const deps = buildDeps(receiver.fetch, clock);
    const eventId = await insertEvent('message.received', { n: 1 }, clock.now);
    await consumeDeliveryMessages(deps, queueMessages([{ eventId }]));
    await driveUntilSettled(deps, clock);
    const before = await (await callApi('GET', `/api/deliveries?eventId=${eventId}`)).json<{ items: any[] }>();
    expect(before.items[0].status).toBe('dead');
    expect(before.items[0].attempts).toBe(MAX_DELIVERY_ATTEMPTS);
    expect(receiver.received).toHaveLength(MAX_DELIVERY_ATTEMPTS);

    up = true;
    // The API also queues the delivery: whichever runs first (that consumer or ours) uses the same receiver.
    vi.stubGlobal('fetch', (input: string, init: RequestInit) => receiver.fetch(input, init));
    clock.now = Date.now();
    const retried = await callApi('POST', `/api/deliveries/${before.items[0].id}/retry`);
    expect(retried.status).toBe(200);
    await runDueDeliveries(deps, [before.items[0].id]);
    await vi.waitFor(async () => {
      const after = await (await callApi('GET', `/api/deliveries?eventId=${eventId}`)).json<{ items: any[] }>();
      expect(after.items[0].status).toBe('delivered');
    });
    expect(receiver.received.filter((r) => r.status === 200).map((r) => r.webhookId)).toEqual([eventId]);
    const again = await callApi('POST', `/api/deliveries/${before.items[0].id}/retry`);
    expect(again.status).toBe(409);
  });

  it('signs with both secrets during a rotation, and only the new one after it', async () => {
    const clock = { now: Date.now() };
    const endpoint = await registerWebhook('https://erp.deliveries.test/rotate');
    const rotated = await (await callApi('POST', `/api/webhooks/${endpoint.id}/rotate`)).json<{ secret: string }>();
    expect(rotated.secret).not.toBe(endpoint.secret);
    const signatures: string[] = [];
    const fetch = async (_url: string, init: RequestInit) => {
      signatures.push(new Headers(init.headers).get('webhook-signature')!);
      const body = Buffer.from(String(init.body));
      const headers = new Headers(init.headers);
      const check = (secret: string) =>
        verifyStandardWebhook(
          secret,
          {
            id: headers.get('webhook-id')!,
            timestamp: headers.get('webhook-timestamp')!,
            signature: headers.get('webhook-signature')!,
          },
          body,
          Math.floor(clock.now / 1000),
        ).ok;
      return new Response(null, { status: check(endpoint.secret) && check(rotated.secret) ? 204 : 401 });
    };
    const deps = buildDeps(fetch, clock);
    await consumeDeliveryMessages(
      deps,
      queueMessages([{ eventId: await insertEvent('thread.created', {}, clock.now) }]),
    );
    expect(signatures[0]!.split(' ')).toHaveLength(2);
    expect((await callApi('POST', `/api/webhooks/${endpoint.id}/rotate/finish`)).status).toBe(200);
    await consumeDeliveryMessages(
      deps,
      queueMessages([{ eventId: await insertEvent('thread.created', {}, clock.now) }]),
    );
    expect(signatures[1]!.split(' ')).toHaveLength(1);
    const list = await (await callApi('GET', '/api/webhooks')).json<{ items: any[] }>();
    expect(JSON.stringify(list)).not.toContain('whsec_');
  });

  it('puts signed, expiring download links next to attachments', async () => {
    const clock = { now: Date.now() };
    let secret = '';
    const receiver = createReceiver(
      () => secret,
      () => clock.now,
      () => 200,
    );
    ({ secret } = await registerWebhook('https://erp.deliveries.test/files'));
    const attachment = { id: 'att_test_unknown', filename: 'quote.pdf', contentType: 'application/pdf', size: 3 };
    const eventId = await insertEvent('message.received', { message: { attachments: [attachment] } }, clock.now);
    await consumeDeliveryMessages(buildDeps(receiver.fetch, clock), queueMessages([{ eventId }]));
    const sent = (receiver.received[0]!.body.data.message as { attachments: { downloadUrl: string }[] })
      .attachments[0]!;
    expect(sent).toMatchObject(attachment);
    expect(sent.downloadUrl).toMatch(/^https:\/\/mailgate\.test\/files\/att_test_unknown\?exp=\d+&sig=[\w-]+$/);
    // No bearer token: a valid link reaches the lookup (404, no such attachment), a tampered one is refused.
    expect((await SELF.fetch(sent.downloadUrl)).status).toBe(404);
    expect((await SELF.fetch(sent.downloadUrl.replace(/sig=./, 'sig=A'))).status).toBe(403);
  });
});

describe('Odoo hand-off', () => {
  /** Stores raw bytes and their inbound row (with an optional verdict), and the XML-RPC target they go to. */
  async function storeForOdoo(raw: Uint8Array, auth: object | null = null): Promise<string> {
    const inboundId = `inb_test_odoo_${crypto.randomUUID().slice(0, 8)}`;
    await env.MAIL.put(`raw/${inboundId}.eml`, raw);
    await env.DB.prepare(
      'INSERT INTO inbound_emails (id, raw_key, checksum, size_bytes, envelope_from, envelope_to, auth) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
      .bind(
        inboundId,
        `raw/${inboundId}.eml`,
        inboundId,
        raw.length,
        'a@sender.test',
        'sales@deliveries.test',
        auth ? JSON.stringify(auth) : null,
      )
      .run();
    await env.DB.prepare(
      "INSERT INTO odoo_targets (id, domain_id, name, protocol, url, database, login, api_key_secret) VALUES ('odo_test_1', ?, 'test odoo', 'xmlrpc', 'https://odoo.deliveries.test', 'prod', 'mailgate', 'ODOO_TEST_KEY') ON CONFLICT DO NOTHING",
    )
      .bind(DOMAIN_ID)
      .run();
    return inboundId;
  }

  it('hands the raw bytes to a fake Odoo over XML-RPC, byte-exact', async () => {
    const clock = { now: Date.now() };
    const raw = new Uint8Array([
      ...new TextEncoder().encode('From: a@sender.test\r\nTo: sales@deliveries.test\r\nSubject: caf'),
      0xe9, // Latin-1 "é": not UTF-8, so only a byte-exact transfer keeps it.
      ...new TextEncoder().encode('\r\n\r\nBody line\r\n.\r\n'),
    ]);
    const inboundId = await storeForOdoo(raw);
    const processed: Buffer[] = [];
    const fetch = async (url: string, init: RequestInit) => {
      const call = readMethodCall(String(init.body));
      if (url.endsWith('/xmlrpc/2/common') && call.methodName === 'authenticate') {
        const ok = call.params[0] === 'prod' && call.params[1] === 'mailgate' && call.params[2] === 'key-123';
        return new Response(writeMethodResponse(ok ? 7 : false), { headers: { 'content-type': 'text/xml' } });
      }
      const args = call.params[5] as [boolean, Buffer];
      processed.push(args[1]);
      return new Response(writeMethodResponse(42), { headers: { 'content-type': 'text/xml' } });
    };
    const deps = buildDeps(fetch, clock, { readSecret: (name) => (name === 'ODOO_TEST_KEY' ? 'key-123' : undefined) });
    const eventId = await insertEvent(
      'odoo.handoff',
      { inboundId, targetId: 'odo_test_1', alias: 'sales@deliveries.test' },
      clock.now,
      inboundId,
    );
    await consumeDeliveryMessages(deps, queueMessages([{ eventId }]));

    expect(processed).toHaveLength(1);
    expect(Buffer.compare(processed[0]!, Buffer.from(raw))).toBe(0);
    const list = await (await callApi('GET', `/api/deliveries?eventId=${eventId}`)).json<{ items: any[] }>();
    expect(list.items).toMatchObject([
      { targetKind: 'odoo', targetId: 'odo_test_1', status: 'delivered', attempts: 1 },
    ]);
  });

  it('hands Odoo the verdict as an Authentication-Results field on top of the untouched raw bytes', async () => {
    const clock = { now: Date.now() };
    const raw = new TextEncoder().encode(
      'From: a@sender.test\r\nTo: sales@deliveries.test\r\nSubject: verdict\r\n\r\nBody\r\n',
    );
    const auth = {
      authenticationResults:
        'mailgate.deliveries.test; spf=pass smtp.mailfrom=sender.test; dmarc=pass header.from=sender.test',
    };
    const inboundId = await storeForOdoo(raw, auth);
    const processed: Buffer[] = [];
    const fetch = async (url: string, init: RequestInit) => {
      const call = readMethodCall(String(init.body));
      if (url.endsWith('/xmlrpc/2/common'))
        return new Response(writeMethodResponse(7), { headers: { 'content-type': 'text/xml' } });
      processed.push((call.params[5] as [boolean, Buffer])[1]);
      return new Response(writeMethodResponse(43), { headers: { 'content-type': 'text/xml' } });
    };
    const deps = buildDeps(fetch, clock, { readSecret: (name) => (name === 'ODOO_TEST_KEY' ? 'key-123' : undefined) });
    const eventId = await insertEvent(
      'odoo.handoff',
      { inboundId, targetId: 'odo_test_1', alias: 'sales@deliveries.test' },
      clock.now,
      inboundId,
    );
    await consumeDeliveryMessages(deps, queueMessages([{ eventId }]));

    expect(processed).toHaveLength(1);
    const field = Buffer.from(`Authentication-Results: ${auth.authenticationResults}\r\n`);
    expect(processed[0]!.subarray(0, field.length).toString()).toBe(field.toString());
    expect(Buffer.compare(processed[0]!.subarray(field.length), Buffer.from(raw))).toBe(0);
  });

  it('refuses an Odoo target whose API key secret is not set, and never returns a key', async () => {
    const refused = await callApi('POST', '/api/odoo-targets', {
      name: 'x',
      protocol: 'json2',
      url: 'https://odoo.example',
      apiKeySecret: 'ODOO_KEY_NOT_SET',
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('wrangler secret put ODOO_KEY_NOT_SET');
    const reserved = await callApi('POST', '/api/odoo-targets', {
      name: 'x',
      protocol: 'json2',
      url: 'https://odoo.example',
      apiKeySecret: 'MAILGATE_ADMIN_TOKEN',
    });
    expect(reserved.status).toBe(400);
  });
});

describe('the real queue() and scheduled() exports', () => {
  it('queue(): an {eventId} message is fanned out, delivered and acknowledged', async () => {
    let secret = '';
    const receiver = createReceiver(
      () => secret,
      () => Date.now(),
      () => 200,
    );
    ({ secret } = await registerWebhook('https://erp.deliveries.test/real-queue'));
    vi.stubGlobal('fetch', (input: string, init: RequestInit) => receiver.fetch(input, init));
    const eventId = await insertEvent('message.received', { real: true }, Date.now());
    const batch = createMessageBatch('mailgate-deliveries', [
      { id: 'm1', timestamp: new Date(), attempts: 1, body: { eventId } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    await waitOnExecutionContext(ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual(['m1']);
    expect(result.retryMessages).toEqual([]);
    expect(receiver.received.map((r) => r.webhookId)).toEqual([eventId]);
  });

  it("queue(): a batch of many messages is consumed as one unit, each event only to its own domain's endpoints", async () => {
    let secret = '';
    const receiver = createReceiver(
      () => secret,
      () => Date.now(),
      () => 200,
    );
    ({ secret } = await registerWebhook('https://erp.deliveries.test/batch'));
    vi.stubGlobal('fetch', (input: string, init: RequestInit) => receiver.fetch(input, init));
    const otherDomainId = 'dom_test_deliveries_other';
    await env.DB.prepare('INSERT OR IGNORE INTO domains (id, name) VALUES (?, ?)')
      .bind(otherDomainId, 'other.deliveries.test')
      .run();
    const ours = await Promise.all([1, 2, 3].map((n) => insertEvent('message.received', { batch: n }, Date.now())));
    const foreign = buildEventInsert(
      db,
      { type: 'message.received', domainId: otherDomainId, inboundId: null, data: { batch: 'other' } },
      new Date(),
    );
    await foreign.statement;
    const bodies = [
      ...ours.map((eventId) => ({ eventId })),
      { eventId: foreign.id },
      { eventId: ours[0] },
      { healthProbe: 'now' },
      { nonsense: true },
    ];
    const batch = createMessageBatch(
      'mailgate-deliveries',
      bodies.map((body, index) => ({ id: `b${index}`, timestamp: new Date(), attempts: 1, body })),
    );
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    await waitOnExecutionContext(ctx);
    const result = await getQueueResult(batch, ctx);
    expect([...result.explicitAcks].sort()).toEqual(bodies.map((_, index) => `b${index}`).sort());
    expect(result.retryMessages).toEqual([]);
    // Each of our events once (the duplicate message finds its delivery claimed and done); the other domain's none.
    expect(receiver.received.map((r) => r.webhookId).sort()).toEqual([...ours].sort());
    const foreignDeliveries = await env.DB.prepare('SELECT count(*) AS n FROM deliveries WHERE event_id = ?')
      .bind(foreign.id)
      .first<{ n: number }>();
    expect(foreignDeliveries?.n).toBe(0);
  });

  it('scheduled(): an event whose queue message was lost is dispatched and delivered by the cron', async () => {
    let secret = '';
    const receiver = createReceiver(
      () => secret,
      () => Date.now(),
      () => 200,
    );
    ({ secret } = await registerWebhook('https://erp.deliveries.test/cron'));
    vi.stubGlobal('fetch', (input: string, init: RequestInit) => receiver.fetch(input, init));
    const eventId = await insertEvent('message.received', { lost: true }, Date.now() - 2 * 60 * 1000);
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: '*/5 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(receiver.received.filter((r) => r.body.data.lost).map((r) => r.webhookId)).toEqual([eventId]);
  });
});
