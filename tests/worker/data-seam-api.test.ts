// The console's API and outbound sends through the storage seam, with two real D1 databases: a domain placed on the
// second database is listed, searched, counted, sent from and suppressed there, and nothing of it is read from or
// written to the first (decoy rows of the same domain left in the first must never show); tenants stay apart.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import worker, { buildOutboxDeps } from '../../worker/index.ts';
import { consumeDeliveryMessages } from '../../worker/deliver/consumer.ts';
import { api, apiJson, buildMail, deliverEmail } from './helpers.ts';
import { callSendApi, createRecordingBinding, createRecordingQueue, type RecordingQueue } from './send-support.ts';

const PLACED = 'placed.example';
const NEIGHBOUR = 'neighbour.example';
const second = (env as unknown as { DB_2: D1Database }).DB_2;

/** Every row of a domain in one database, per table (the tables a domain's data lives in). */
async function readRowsOfDomain(db: D1Database, domainId: string) {
  const count = (sql: string) => db.prepare(sql).bind(domainId).first<number>('n');
  return {
    threads: await count('SELECT count(*) AS n FROM threads WHERE domain_id = ?'),
    messages: await count(
      'SELECT count(*) AS n FROM messages WHERE thread_id IN (SELECT id FROM threads WHERE domain_id = ?)',
    ),
    inbound: await count('SELECT count(*) AS n FROM inbound_emails WHERE domain_id = ?'),
    events: await count('SELECT count(*) AS n FROM events WHERE domain_id = ?'),
    sends: await count('SELECT count(*) AS n FROM outgoing_sends WHERE domain_id = ?'),
    sendCounters: await count('SELECT coalesce(sum(recipients), 0) AS n FROM send_counters WHERE domain_id = ?'),
    bounces: await count('SELECT count(*) AS n FROM bounces WHERE domain_id = ?'),
    suppressions: await count('SELECT count(*) AS n FROM suppressions WHERE domain_id = ?'),
    counters: await count('SELECT coalesce(sum(value), 0) AS n FROM daily_counts WHERE scope = ?'),
  };
}

/** Runs the delivery consumer over what the recording queue holds, each message over the database it names. */
async function drainQueue(queue: RecordingQueue, email: SendEmail): Promise<void> {
  while (queue.bodies.length > 0) {
    for (const body of queue.bodies.splice(0)) {
      const binding = (body as { binding?: string }).binding ?? 'DB';
      const d1 = (env as unknown as Record<string, D1Database>)[binding]!;
      const deps = buildOutboxDeps({ ...env, DELIVERIES: queue, EMAIL: email }, { binding, d1 });
      await consumeDeliveryMessages(deps, [{ body, ack() {}, retry() {} }] as unknown as Message[]);
    }
  }
}

/** One Email Service event through the worker's queue handler, as the event subscription delivers it. */
async function deliverEmailServiceEvent(body: unknown): Promise<{ acked: number; retried: number }> {
  const outcome = { acked: 0, retried: 0 };
  const message = {
    id: crypto.randomUUID(),
    timestamp: new Date(),
    attempts: 1,
    body,
    ack: () => (outcome.acked += 1),
    retry: () => (outcome.retried += 1),
  };
  const batch = { queue: 'mailgate-email-events', messages: [message], ackAll() {}, retryAll() {} };
  const ctx = createExecutionContext();
  await worker.queue(batch as unknown as MessageBatch, env, ctx);
  await waitOnExecutionContext(ctx);
  return outcome;
}

async function fileMail(domain: string, subject: string, text: string): Promise<void> {
  const raw = buildMail({ from: 'ann@buyer.example', to: `inbox@${domain}`, subject, text });
  const outcome = await deliverEmail(raw, { from: 'ann@buyer.example', to: `inbox@${domain}` }, { env });
  expect(outcome.rejected).toBeNull();
}

let placedId: string;
let placedToken: string;
let neighbourToken: string;

beforeAll(async () => {
  for (const name of [PLACED, NEIGHBOUR]) {
    await apiJson('/api/domains', { method: 'POST', body: JSON.stringify({ name }) });
    await apiJson('/api/aliases', {
      method: 'POST',
      body: JSON.stringify({ address: `inbox@${name}`, action: 'thread' }),
    });
  }
  // Placed on the second database before any mail: its aliases and settings go with it.
  expect(
    await apiJson(`/api/domains/${PLACED}/move`, { method: 'POST', body: JSON.stringify({ to: 'DB_2' }) }),
  ).toMatchObject({ state: 'done', from: 'DB', to: 'DB_2' });
  placedId = (await env.DB.prepare('SELECT id FROM domains WHERE name = ?').bind(PLACED).first<string>('id'))!;
  const tokenFor = async (domain: string) =>
    (
      await apiJson<{ token: string }>('/api/tokens', {
        method: 'POST',
        body: JSON.stringify({ name: `${domain} console`, scope: 'write', domain }),
      })
    ).token;
  placedToken = await tokenFor(PLACED);
  neighbourToken = await tokenFor(NEIGHBOUR);
  // Decoys: rows of the placed domain left in the first database. Anything read from there would show them.
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO threads (id, domain_id, subject, normalized_subject, message_count, last_message_at, created_at) VALUES ('thr_decoy_seam', ?, 'Decoy quokkaseam', 'decoy quokkaseam', 1, ?, ?)",
    ).bind(placedId, Date.now() + 60_000, Date.now()),
    env.DB.prepare(
      "INSERT INTO suppressions (domain_id, address, suppressed_at, reason, source, bounce_count, complained, updated_at) VALUES (?, 'decoy@customer.example', ?, 'decoy', 'manual', 0, 0, ?)",
    ).bind(placedId, Date.now(), Date.now()),
    env.DB.prepare(
      "INSERT INTO daily_counts (scope, day, counter, value) VALUES (?, ?, 'received', 1000) ON CONFLICT DO UPDATE SET value = value + 1000",
    ).bind(placedId, Math.floor(Date.now() / 86_400_000)),
  ]);
});

describe('the console API over a domain placed on the second database', () => {
  it('lists, searches, counts, sends from and suppresses there, and reads or writes nothing of it in the first', async () => {
    const firstBefore = await readRowsOfDomain(env.DB, placedId);
    await fileMail(PLACED, 'Crates of quokkaseam', 'Ten crates of quokkaseam, please.');
    await fileMail(PLACED, 'Lids for crates', 'And the lids.');
    await fileMail(NEIGHBOUR, 'Crates of quokkaseam next door', 'Not the placed domain.');

    // Listed and searched, with the domain's own token and with an admin token naming it.
    const listed = await apiJson('/api/threads', { token: placedToken });
    expect(listed.items.map((item: any) => item.subject).sort()).toEqual(['Crates of quokkaseam', 'Lids for crates']);
    const found = await apiJson('/api/threads?q=quokkaseam', { token: placedToken });
    expect(found.items.map((item: any) => item.subject)).toEqual(['Crates of quokkaseam']);
    const thread = await apiJson(`/api/threads/${found.items[0].id}`);
    expect(thread.messages.map((message: any) => message.text.trim())).toEqual(['Ten crates of quokkaseam, please.']);
    const inbound = await apiJson('/api/inbound', { token: placedToken });
    expect(inbound.items).toHaveLength(2);
    const raw = await (await api(`/api/inbound/${inbound.items[0].id}/raw`)).arrayBuffer();
    expect(new TextDecoder().decode(raw)).toContain('Subject:');

    // Counted: today's counter of the second database (the first's decoy 1,000 never shows).
    const stats = await apiJson(`/api/stats?domain=${PLACED}&days=1`);
    expect(stats.series).toEqual([expect.objectContaining({ inbound: 2 })]);

    // Sent from: the send, its thread and its outbox rows in the second database; the Email Service's bounce event
    // suppresses the recipient there.
    const queue = createRecordingQueue();
    const recorder = createRecordingBinding();
    const sendResponse = await callSendApi(queue, '/api/send', {
      method: 'POST',
      token: placedToken,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({
        from: { address: `inbox@${PLACED}`, name: 'Placed' },
        to: ['gone@customer.example'],
        subject: 'Your quokkaseam order',
        text: 'Shipped.',
      }),
    });
    expect(sendResponse.status, await sendResponse.clone().text()).toBe(202);
    const sent = (await sendResponse.json()) as { sendId: string; threadId: string };
    await drainQueue(queue, recorder.binding);
    expect(recorder.handed).toHaveLength(1);
    expect(await apiJson(`/api/send/${sent.sendId}`, { token: placedToken })).toMatchObject({ status: 'sent' });
    const bounced = await deliverEmailServiceEvent({
      type: 'cf.email.sending.message.bounced',
      source: { type: 'email.sending', zoneId: 'zone', domain: PLACED },
      payload: {
        eventId: crypto.randomUUID(),
        messageId: recorder.results[0]!.messageId,
        recipient: 'gone@customer.example',
        delivery: { status: 'bounced', smtpStatusCode: '550', smtpEnhancedStatusCode: '5.1.1' },
        bounce: { type: 'hard', classification: 'permanent_failure', reason: '550 5.1.1 User unknown' },
      },
      metadata: { eventTimestamp: new Date().toISOString() },
    });
    expect(bounced).toEqual({ acked: 1, retried: 0 });
    expect(await apiJson('/api/suppressions/gone@customer.example', { token: placedToken })).toMatchObject({
      suppressed: true,
      reason: 'userunknown',
    });
    const suppressed = await apiJson(`/api/suppressions?domain=${PLACED}`);
    expect(suppressed.items.map((item: any) => item.address)).toEqual(['gone@customer.example']);
    // An installation-wide token naming no domain reads every database, each for the domains it holds: the placed
    // domain's rows from the second, the neighbour's from the first, never the decoys left in the first.
    const everywhere = await apiJson('/api/suppressions');
    expect(everywhere.items.map((item: any) => item.address)).toEqual(['gone@customer.example']);
    expect(await apiJson('/api/suppressions/gone@customer.example')).toMatchObject({ suppressed: true });
    const searchedEverywhere = await apiJson('/api/threads?q=quokkaseam');
    expect(searchedEverywhere.items.map((item: any) => item.subject)).toEqual([
      'Your quokkaseam order',
      'Crates of quokkaseam next door',
      'Crates of quokkaseam',
    ]);
    const listedEverywhere = await apiJson('/api/threads?limit=2');
    expect(listedEverywhere.items.map((item: any) => item.subject)).toEqual([
      'Your quokkaseam order',
      'Crates of quokkaseam next door',
    ]);
    const nextPage = await apiJson(`/api/threads?limit=2&before=${encodeURIComponent(listedEverywhere.nextCursor)}`);
    expect(nextPage.items.map((item: any) => item.subject)).toEqual(['Lids for crates', 'Crates of quokkaseam']);
    const inboundEverywhere = await apiJson('/api/inbound?limit=50');
    expect(inboundEverywhere.items.filter((item: any) => item.to.endsWith(PLACED))).toHaveLength(2);
    const aliasesEverywhere = await apiJson('/api/aliases');
    expect(
      aliasesEverywhere.items.map((item: any) => item.address).filter((a: string) => a.includes('example')),
    ).toEqual(expect.arrayContaining([`inbox@${PLACED}`, `inbox@${NEIGHBOUR}`]));
    expect(aliasesEverywhere.items.filter((item: any) => item.address === `inbox@${PLACED}`)).toHaveLength(1);
    // A target of the placed domain is kept with its mail (its outbox fans out there) and listed with the others.
    const hook = await apiJson('/api/webhooks', {
      method: 'POST',
      body: JSON.stringify({ url: 'https://erp.placed.example/hook', events: ['message.received'], domain: PLACED }),
    });
    expect(
      await second.prepare('SELECT count(*) AS n FROM webhook_endpoints WHERE id = ?').bind(hook.id).first('n'),
    ).toBe(1);
    expect((await apiJson('/api/webhooks')).items.map((item: any) => item.id)).toContain(hook.id);
    const statsEverywhere = await apiJson('/api/stats?days=1');
    expect(statsEverywhere.series[0].inbound).toBe(stats.series[0].inbound + 1);
    expect(statsEverywhere.outgoing[0].recipients).toBeGreaterThanOrEqual(1);
    // A send to the suppressed address is refused from the second database's list.
    const refused = await callSendApi(createRecordingQueue(), '/api/send', {
      method: 'POST',
      token: placedToken,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ from: `inbox@${PLACED}`, to: ['gone@customer.example'], subject: 'Again', text: 'x' }),
    });
    expect(refused.status).toBe(422);
    // The thread of the send is the ERP's to tie to a record: a write, in the second database.
    await apiJson(`/api/threads/${sent.threadId}`, {
      method: 'PATCH',
      token: placedToken,
      body: JSON.stringify({ record: { model: 'sale.order', id: '42' } }),
    });
    await apiJson('/api/suppressions/gone@customer.example', { method: 'DELETE', token: placedToken });

    // Where it all is: the second database holds it, the first holds exactly what it held before (the decoys).
    expect(await readRowsOfDomain(env.DB, placedId)).toEqual(firstBefore);
    expect(await readRowsOfDomain(second, placedId)).toMatchObject({
      threads: 3,
      messages: 3,
      inbound: 2,
      sends: 1,
      sendCounters: 1,
      bounces: 1,
      suppressions: 1,
      counters: 2,
    });
    expect(
      await second
        .prepare("SELECT record_model || '/' || record_id AS record FROM threads WHERE id = ?")
        .bind(sent.threadId)
        .first<string>('record'),
    ).toBe('sale.order/42');
    expect(
      await second
        .prepare('SELECT suppressed_at FROM suppressions WHERE domain_id = ? AND address = ?')
        .bind(placedId, 'gone@customer.example')
        .first('suppressed_at'),
    ).toBeNull();
  });

  it('keeps tenants apart across databases', async () => {
    const placedThread = (await apiJson('/api/threads', { token: placedToken })).items[0].id;
    const neighbourThread = (await apiJson('/api/threads', { token: neighbourToken })).items[0].id;
    expect((await apiJson('/api/threads', { token: neighbourToken })).items.map((t: any) => t.id)).not.toContain(
      placedThread,
    );
    expect((await api(`/api/threads/${placedThread}`, { token: neighbourToken })).status).toBe(403);
    expect((await api(`/api/threads/${neighbourThread}`, { token: placedToken })).status).toBe(403);
    expect((await api(`/api/stats?domain=${PLACED}`, { token: neighbourToken })).status).toBe(403);
    expect((await api(`/api/threads?q=quokkaseam`, { token: neighbourToken })).status).toBe(200);
    const neighbourSearch = await apiJson('/api/threads?q=quokkaseam', { token: neighbourToken });
    expect(neighbourSearch.items.map((t: any) => t.subject)).toEqual(['Crates of quokkaseam next door']);
    // A send as the placed domain with the neighbour's token: refused, nothing written anywhere.
    const before = await readRowsOfDomain(second, placedId);
    const refused = await callSendApi(createRecordingQueue(), '/api/send', {
      method: 'POST',
      token: neighbourToken,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ from: `inbox@${PLACED}`, to: ['ann@customer.example'], subject: 'x', text: 'x' }),
    });
    expect(refused.status).toBe(403);
    expect(await readRowsOfDomain(second, placedId)).toEqual(before);
  });

  it('refuses writes to a domain while a move copies it (503, Retry-After) and still answers reads', async () => {
    const threadId = (await apiJson('/api/threads', { token: placedToken })).items[0].id;
    await env.DB.prepare("UPDATE domain_placements SET state = 'moving', move_to = 'DB' WHERE domain_name = ?")
      .bind(PLACED)
      .run();
    try {
      const write = await api(`/api/threads/${threadId}`, {
        method: 'PATCH',
        token: placedToken,
        body: JSON.stringify({ record: { model: 'sale.order', id: '77' } }),
      });
      expect(write.status).toBe(503);
      expect(write.headers.get('retry-after')).toBe('60');
      expect(((await write.json()) as any).error.code).toBe('domain_moving');
      expect((await apiJson(`/api/threads/${threadId}`)).id).toBe(threadId);
    } finally {
      await env.DB.prepare("UPDATE domain_placements SET state = 'active', move_to = NULL WHERE domain_name = ?")
        .bind(PLACED)
        .run();
    }
  });
});
