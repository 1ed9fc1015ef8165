// Moving a domain through POST /api/domains/:name/move while mail keeps arriving, in workerd with two real D1
// databases: bad input is a 400, a dry run changes nothing, the move runs in bounded steps, mail that arrives during
// the copy is deferred (the sender retries) or, when an attempt wrote into the old database mid-copy, copied again,
// and afterwards every message is in the new database; the probes judge the domain only where it lives.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DomainReport } from '../../shared/api/dns.ts';
import type { DomainMoveJson } from '../../shared/api/domain-move.ts';
import { buildProbeDeps } from '../../worker/index.ts';
import { runProbes } from '../../worker/probes/run-probes.ts';
import { api, buildMail, deliverEmail, uniqueMessageId } from './helpers.ts';

const DOMAIN = 'busy.example';
const second = (env as unknown as { DB_2: D1Database }).DB_2;
const HOUR_MS = 60 * 60 * 1000;

async function move(body: Record<string, unknown>, domain = DOMAIN): Promise<Response> {
  return api(`/api/domains/${domain}/move`, { method: 'POST', body: JSON.stringify(body) });
}

function mailTo(messageId: string) {
  return buildMail({
    from: 'ann@buyer.example',
    to: `inbox@${DOMAIN}`,
    messageId,
    subject: `Order ${messageId.slice(0, 12)}`,
    text: 'Twelve crates of numbatfreight.',
  });
}

async function file(messageId: string) {
  return deliverEmail(mailTo(messageId), { from: 'ann@buyer.example', to: `inbox@${DOMAIN}` }, { env });
}

/** The Message-IDs of the domain's filed messages in one database. */
async function readMessageIds(db: D1Database): Promise<string[]> {
  const rows = await db
    .prepare(
      'SELECT m.message_id AS id FROM messages m JOIN threads t ON t.id = m.thread_id JOIN domains d ON d.id = t.domain_id WHERE d.name = ? ORDER BY 1',
    )
    .bind(DOMAIN)
    .all<{ id: string }>();
  return rows.results.map((row) => row.id);
}

async function countInbound(db: D1Database): Promise<number> {
  return (await db
    .prepare("SELECT count(*) AS n FROM inbound_emails WHERE envelope_to = ? AND status = 'delivered'")
    .bind(`inbox@${DOMAIN}`)
    .first<number>('n'))!;
}

beforeAll(async () => {
  expect((await api('/api/domains', { method: 'POST', body: JSON.stringify({ name: DOMAIN }) })).status).toBe(201);
  const alias = await api('/api/aliases', {
    method: 'POST',
    body: JSON.stringify({ address: `inbox@${DOMAIN}`, action: 'thread' }),
  });
  expect(alias.status).toBe(201);
  const settings = await api(`/api/domains/${DOMAIN}`, {
    method: 'PATCH',
    body: JSON.stringify({ silenceAlertMinutes: 60 }),
  });
  expect(settings.status).toBe(200);
});

describe('POST /api/domains/:name/move', () => {
  it('answers 400 naming the field for bad input, 403 for a token that is not an installation-wide admin', async () => {
    for (const [body, field] of [
      [{}, 'to'],
      [{ to: 'not a binding!' }, 'to'],
      [{ to: 'DB_9' }, 'to'],
      [{ to: 'DB' }, 'to'],
      [{ to: 'DB_2', maxQueries: 5 }, 'maxQueries'],
      [{ to: 'DB_2', dryRun: 'yes' }, 'dryRun'],
      [{ to: 'DB_2', surprise: true }, 'surprise'],
    ] as const) {
      const response = await move(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as any).error.message).toContain(field);
    }
    expect((await move({ to: 'DB_2' }, 'nowhere.example')).status).toBe(400);
    const token = (await (
      await api('/api/tokens', {
        method: 'POST',
        body: JSON.stringify({ name: 'busy writer', scope: 'write', domain: DOMAIN }),
      })
    ).json()) as { token: string };
    const scoped = await api(`/api/domains/${DOMAIN}/move`, {
      method: 'POST',
      token: token.token,
      body: JSON.stringify({ to: 'DB_2' }),
    });
    expect(scoped.status).toBe(403);
  });

  it('moves the domain while mail keeps arriving, and loses none of it', async () => {
    const before = [uniqueMessageId('busy-a'), uniqueMessageId('busy-b'), uniqueMessageId('busy-c')];
    for (const id of before) expect((await file(id)).rejected).toBeNull();

    // The dry run says what would move and changes nothing.
    const plan = (await (await move({ to: 'DB_2', dryRun: true })).json()) as DomainMoveJson;
    expect(plan).toMatchObject({ domain: DOMAIN, from: 'DB', to: 'DB_2', state: 'planned' });
    expect(plan.tables).toContainEqual({ table: 'messages', source: 3, target: null });
    expect(plan.tables).toContainEqual({ table: 'aliases', source: 1, target: null });
    expect(await env.DB.prepare('SELECT count(*) AS n FROM domain_placements').first<number>('n')).toBe(0);
    expect(await readMessageIds(second)).toEqual([]);

    // The first bounded step: the copy is under way.
    const first = (await (await move({ to: 'DB_2', maxQueries: 50 })).json()) as DomainMoveJson;
    expect(first).toMatchObject({ state: 'copying' });
    expect(first.queries).toBeLessThanOrEqual(50);

    // Mail arriving now is deferred, never half-filed: email() throws (the sending MTA retries later) and the relay
    // ingress answers 503 with Retry-After (its MTA queues the message).
    const deferred = uniqueMessageId('busy-deferred');
    await expect(file(deferred)).rejects.toThrow(/being moved/);
    const relayed = uniqueMessageId('busy-relayed');
    const relay = await api(`/api/ingress/raw?sender=ann@buyer.example&recipient=inbox@${DOMAIN}`, {
      method: 'POST',
      body: mailTo(relayed),
      headers: { 'content-type': 'message/rfc822' },
    });
    expect(relay.status).toBe(503);
    expect(relay.headers.get('retry-after')).toBe('60');
    // A move to another binding meanwhile is a conflict.
    expect((await move({ to: 'DB' })).status).toBe(409);

    // An attempt that found its database before the move began and writes into the old one mid-copy (simulated by
    // lifting the directory's mark for one delivery): the count check before the flip sees it and copies again.
    const placement = await env.DB.prepare('SELECT * FROM domain_placements WHERE domain_name = ?')
      .bind(DOMAIN)
      .first<Record<string, unknown>>();
    await env.DB.prepare("UPDATE domain_placements SET state = 'active' WHERE domain_name = ?").bind(DOMAIN).run();
    const inFlight = uniqueMessageId('busy-inflight');
    expect((await file(inFlight)).rejected).toBeNull();
    await env.DB.prepare('UPDATE domain_placements SET state = ? WHERE domain_name = ?')
      .bind(placement!.state, DOMAIN)
      .run();

    // Step on until done (each call resumes from the directory's cursor).
    const states: string[] = [first.state];
    let step = first;
    for (let calls = 0; step.state !== 'done' && calls < 40; calls += 1) {
      const response = await move({ to: 'DB_2', maxQueries: 50 });
      expect(response.status, await response.clone().text()).toBe(200);
      step = (await response.json()) as DomainMoveJson;
      expect(step.queries).toBeLessThanOrEqual(50);
      states.push(step.state);
    }
    expect(step.state).toBe('done');
    expect(states.filter((state) => state === 'copying').length).toBeGreaterThan(1);
    expect(states).toContain('deleting');

    // The senders retry: both deferred messages are filed now, in the second database.
    expect((await file(deferred)).rejected).toBeNull();
    const retried = await api(`/api/ingress/raw?sender=ann@buyer.example&recipient=inbox@${DOMAIN}`, {
      method: 'POST',
      body: mailTo(relayed),
      headers: { 'content-type': 'message/rfc822' },
    });
    expect(retried.status).toBe(202);

    const every = [...before, inFlight, deferred, relayed].sort();
    expect(await readMessageIds(second)).toEqual(every);
    expect(await countInbound(second)).toBe(every.length);
    expect(await readMessageIds(env.DB)).toEqual([]);
    expect(await countInbound(env.DB)).toBe(0);
    // The console counts every message where it now lives.
    const stats = (await (await api(`/api/stats?domain=${DOMAIN}&days=1`)).json()) as any;
    expect(stats.series[0].inbound).toBe(every.length);
    expect(
      await env.DB.prepare('SELECT binding, state, move_to, move_from, move_cursor FROM domain_placements').first(),
    ).toEqual({ binding: 'DB_2', state: 'active', move_to: null, move_from: null, move_cursor: null });
    // Moved again to the same place: nothing to do, said so.
    expect((await move({ to: 'DB_2' })).status).toBe(400);
  });

  it('raises no silence alert in the database the domain left, and judges it where it lives', async () => {
    const checked: Record<string, string[]> = { DB: [], DB_2: [] };
    const runOver = (binding: 'DB' | 'DB_2', at: Date) =>
      runProbes({
        ...buildProbeDeps(env, { binding, d1: binding === 'DB' ? env.DB : second }),
        now: () => at,
        checkDns: async (domain): Promise<DomainReport> => {
          checked[binding]!.push(domain);
          return { domain, checkedAt: at.toISOString(), status: 'ok', findings: [] };
        },
      });
    const soon = new Date(Date.now() + 10 * 60 * 1000);
    // The control database keeps the domain's name, none of its mail: before the directory was consulted, its probe
    // saw a domain silent since forever.
    const control = await runOver('DB', soon);
    expect(control.raised.filter((alert) => alert.domain === DOMAIN)).toEqual([]);
    expect(checked.DB).not.toContain(DOMAIN);
    const placed = await runOver('DB_2', soon);
    expect(placed.raised.filter((alert) => alert.domain === DOMAIN)).toEqual([]);
    expect(checked.DB_2).toContain(DOMAIN);
    // Where it lives, a real silence is still seen.
    const later = await runOver('DB_2', new Date(Date.now() + 2 * HOUR_MS));
    expect(later.raised.filter((alert) => alert.domain === DOMAIN).map((alert) => alert.kind)).toEqual(['silence']);
    const controlLater = await runOver('DB', new Date(Date.now() + 2 * HOUR_MS));
    expect(controlLater.raised.filter((alert) => alert.domain === DOMAIN)).toEqual([]);
  });
});
