// The storage seam with two real D1 databases: a domain's mail is filed where the control database's directory says,
// and a domain moved to the other database (and back) keeps every message, thread, search document and counter.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DomainMoveJson } from '../../shared/api/domain-move.ts';
import { ADMIN_TOKEN, buildMail, deliverEmail, uniqueMessageId } from './helpers.ts';
import worker from '../../worker/index.ts';

const DOMAIN = 'moved.example';
const second = (env as unknown as { DB_2: D1Database }).DB_2;

async function callJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers({
    'content-type': 'application/json',
    ...(init.headers as Record<string, string>),
    authorization: `Bearer ${ADMIN_TOKEN}`,
  });
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`https://mailgate.test${path}`, { ...init, headers }), env, ctx);
  await waitOnExecutionContext(ctx);
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return response.json() as Promise<T>;
}

/** What one database holds of the domain: messages per thread, search hits, the day's received counter. */
async function readHoldings(db: D1Database) {
  const domainId = await db.prepare('SELECT id FROM domains WHERE name = ?').bind(DOMAIN).first<string>('id');
  const threads = await db
    .prepare(
      'SELECT t.id, t.message_count AS count, (SELECT count(*) FROM messages m WHERE m.thread_id = t.id) AS messages FROM threads t WHERE t.domain_id = ? ORDER BY t.id',
    )
    .bind(domainId)
    .all<{ id: string; count: number; messages: number }>();
  const hits = await db
    .prepare("SELECT count(*) AS n FROM message_search WHERE message_search MATCH 'wombatcargo'")
    .first<number>('n');
  const received = await db
    .prepare("SELECT coalesce(sum(value), 0) AS n FROM daily_counts WHERE scope = ? AND counter = 'received'")
    .bind(domainId)
    .first<number>('n');
  const inbound = await db
    .prepare('SELECT count(*) AS n FROM inbound_emails WHERE domain_id = ?')
    .bind(domainId)
    .first<number>('n');
  const aliases = await db
    .prepare('SELECT count(*) AS n FROM aliases WHERE domain_id = ?')
    .bind(domainId)
    .first<number>('n');
  return { threads: threads.results, hits, received, inbound, aliases };
}

async function mail(messageId: string, inReplyTo?: string) {
  const raw = buildMail({
    from: 'ann@buyer.example',
    to: `inbox@${DOMAIN}`,
    messageId,
    subject: 'Crates of wombatcargo',
    text: 'Ten crates of wombatcargo, please.',
    ...(inReplyTo ? { inReplyTo } : {}),
  });
  return deliverEmail(raw, { from: 'ann@buyer.example', to: `inbox@${DOMAIN}` }, { env });
}

beforeAll(async () => {
  await callJson('/api/domains', { method: 'POST', body: JSON.stringify({ name: DOMAIN }) });
  await callJson('/api/aliases', {
    method: 'POST',
    body: JSON.stringify({ address: `inbox@${DOMAIN}`, action: 'thread' }),
  });
});

describe('storage seam', () => {
  it('files a domain where the directory says and moves it between databases without losing a message', async () => {
    const firstId = uniqueMessageId('seam');
    expect((await mail(firstId)).rejected).toBeNull();
    expect((await mail(uniqueMessageId('seam-reply'), firstId)).rejected).toBeNull();
    const before = await readHoldings(env.DB);
    expect(before.threads).toEqual([{ id: expect.any(String), count: 2, messages: 2 }]);
    expect(before).toMatchObject({ hits: 2, received: 2, inbound: 2, aliases: 1 });

    const moveOut = await callJson<DomainMoveJson>(`/api/domains/${DOMAIN}/move`, {
      method: 'POST',
      body: JSON.stringify({ to: 'DB_2' }),
    });
    expect(moveOut).toMatchObject({ domain: DOMAIN, from: 'DB', to: 'DB_2', state: 'done' });
    expect(moveOut.tables?.find((count) => count.table === 'messages')).toEqual({
      table: 'messages',
      source: 2,
      target: 2,
    });
    expect(await readHoldings(second)).toEqual(before);
    // The control database keeps the domain's name (its tokens and the console's list), none of its mail.
    expect(await readHoldings(env.DB)).toEqual({ threads: [], hits: 0, received: 0, inbound: 0, aliases: 0 });

    // A reply to the moved thread is filed in the second database, into the same thread.
    expect((await mail(uniqueMessageId('seam-after'), firstId)).rejected).toBeNull();
    expect((await readHoldings(second)).threads).toEqual([{ id: before.threads[0]!.id, count: 3, messages: 3 }]);
    // The relay ingress (an MTA's pipe) files there too.
    const relayed = buildMail({
      from: 'ann@buyer.example',
      to: `inbox@${DOMAIN}`,
      inReplyTo: firstId,
      subject: 'Crates of wombatcargo',
      text: 'And wombatcargo lids.',
    });
    const query = `sender=ann@buyer.example&recipient=inbox@${DOMAIN}`;
    await callJson(`/api/ingress/raw?${query}`, {
      method: 'POST',
      body: relayed,
      headers: { 'content-type': 'message/rfc822' },
    });
    const moved = await readHoldings(second);
    expect(moved.threads).toEqual([{ id: before.threads[0]!.id, count: 4, messages: 4 }]);
    expect(moved).toMatchObject({ hits: 4, received: 4, inbound: 4 });
    expect((await readHoldings(env.DB)).inbound).toBe(0);

    // And back: every message returns, the second database keeps nothing of the domain.
    await callJson(`/api/domains/${DOMAIN}/move`, { method: 'POST', body: JSON.stringify({ to: 'DB' }) });
    expect(await readHoldings(env.DB)).toEqual(moved);
    expect(await second.prepare('SELECT count(*) AS n FROM messages').first<number>('n')).toBe(0);
    // FTS5's own check: each index holds exactly the documents its content rows give (filing and deleting kept it true).
    for (const db of [env.DB, second]) {
      for (const index of ['message_search', 'thread_search']) {
        // rank 1: also compare the index with the content rows (an external-content index can drift from them).
        await expect(
          db.prepare(`INSERT INTO ${index} (${index}, rank) VALUES ('integrity-check', 1)`).run(),
        ).resolves.toBeTruthy();
      }
    }
    expect(
      await second.prepare('SELECT count(*) AS n FROM domains WHERE name = ?').bind(DOMAIN).first<number>('n'),
    ).toBe(0);
    // The webhook events of the mail filed while away came back with it.
    expect(
      await env.DB.prepare('SELECT count(*) AS n FROM events WHERE domain_id = (SELECT id FROM domains WHERE name = ?)')
        .bind(DOMAIN)
        .first<number>('n'),
    ).toBeGreaterThan(0);
  });

  it('defers mail of a domain being moved (the sender retries) and writes nothing', async () => {
    await env.DB.prepare(
      "INSERT OR REPLACE INTO domain_placements (domain_name, binding, state, updated_at) VALUES (?, 'DB', 'moving', 0)",
    )
      .bind(DOMAIN)
      .run();
    const inboundBefore = await env.DB.prepare('SELECT count(*) AS n FROM inbound_emails').first<number>('n');
    await expect(mail(uniqueMessageId('seam-moving'))).rejects.toThrow(/being moved/);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM inbound_emails').first<number>('n')).toBe(inboundBefore);
    await env.DB.prepare('DELETE FROM domain_placements WHERE domain_name = ?').bind(DOMAIN).run();
  });

  it('refuses a directory entry that names a binding the Worker does not list', async () => {
    await env.DB.prepare(
      "INSERT INTO domain_placements (domain_name, binding, state, updated_at) VALUES ('stray.example', 'DB_9', 'active', 0)",
    ).run();
    const raw = buildMail({ from: 'ann@buyer.example', to: 'inbox@stray.example' });
    await expect(deliverEmail(raw, { from: 'ann@buyer.example', to: 'inbox@stray.example' }, { env })).rejects.toThrow(
      /DB_9 is not a D1 binding/,
    );
  });
});
