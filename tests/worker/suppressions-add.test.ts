// POST /api/suppressions in workerd on real D1: one entry or a bulk of 1,000, idempotent, normalized like the bounce
// path, scoped to the token's domain, and 400s that name the field.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_SUPPRESSIONS_PER_REQUEST } from '../../shared/api/bounces.ts';
import { api, apiJson } from './helpers.ts';

const ALPHA = 'alpha-sup.example';
const BETA = 'beta-sup.example';

let alphaWriter: string;
let alphaReader: string;

async function createToken(body: Record<string, unknown>): Promise<string> {
  const created = await apiJson<{ token: string }>('/api/tokens', { method: 'POST', body: JSON.stringify(body) });
  return created.token;
}

/** An error answer's message. */
async function errorMessage(response: Response): Promise<string> {
  return (await response.json<{ error: { message: string } }>()).error.message;
}

async function add(body: unknown, token?: string): Promise<Response> {
  return api('/api/suppressions', { method: 'POST', body: JSON.stringify(body), ...(token ? { token } : {}) });
}

async function storedRow(domain: string, address: string) {
  return env.DB.prepare(
    'SELECT s.* FROM suppressions s JOIN domains d ON d.id = s.domain_id WHERE d.name = ? AND s.address = ?',
  )
    .bind(domain, address)
    .first<Record<string, any>>();
}

async function countRows(domain: string, like: string): Promise<number> {
  const row = await env.DB.prepare(
    `SELECT count(*) AS n FROM suppressions s JOIN domains d ON d.id = s.domain_id
     WHERE d.name = ? AND s.address LIKE ? AND s.suppressed_at IS NOT NULL`,
  )
    .bind(domain, like)
    .first<{ n: number }>();
  return row!.n;
}

/** Names as a customer list has them: first.last, digits, plus tags, several providers, some upper case. */
function buildCustomerList(count: number, tag: string): string[] {
  const first = ['anna', 'Bruno', 'chloe', 'dmitri', 'Elif', 'fatou', 'gustav', 'hana', 'ivan', 'jules'];
  const last = ['meyer', 'Rossi', 'nguyen', 'okafor', 'lindqvist', 'garcia', 'tanaka', 'dubois'];
  const hosts = ['gmail.com', 'Outlook.COM', 'web.de', 'orange.fr', 'example-shop.co.uk'];
  return Array.from({ length: count }, (_, index) => {
    const name = `${first[index % first.length]}.${last[(index >> 1) % last.length]}${index}`;
    return `${name}+${tag}@${hosts[index % hosts.length]}`;
  });
}

beforeAll(async () => {
  for (const name of [ALPHA, BETA]) {
    const response = await api('/api/domains', { method: 'POST', body: JSON.stringify({ name }) });
    expect([201, 409]).toContain(response.status);
  }
  alphaWriter = await createToken({ name: 'alpha writer', scope: 'write', domain: ALPHA });
  alphaReader = await createToken({ name: 'alpha reader', scope: 'read', domain: ALPHA });
});

describe('POST /api/suppressions', () => {
  it('adds one entry by hand: the list shows it, with the note as its reason, and the address stored as bounces store it', async () => {
    const answer = await apiJson('/api/suppressions', {
      method: 'POST',
      body: JSON.stringify({ domain: ALPHA, address: 'Asked.Not.To@Customer.Example', reason: 'asked on the phone' }),
    });
    expect(answer).toEqual({
      domain: ALPHA,
      added: 1,
      alreadyThere: 0,
      replaced: 0,
      results: [{ address: 'asked.not.to@customer.example', outcome: 'added' }],
    });
    const entry = await apiJson(`/api/suppressions/asked.not.to%40customer.example?domain=${ALPHA}`);
    expect(entry).toMatchObject({
      suppressed: true,
      source: 'manual',
      reason: 'asked on the phone',
      domain: ALPHA,
      complained: false,
    });
    expect(await storedRow(ALPHA, 'asked.not.to@customer.example')).toMatchObject({ source: 'manual' });
    // Another domain's list is untouched.
    expect((await apiJson(`/api/suppressions/asked.not.to%40customer.example?domain=${BETA}`)).suppressed).toBe(false);
  });

  it('is idempotent: an address already there keeps its older entry unless replace is asked for', async () => {
    const address = 'kept.reason@customer.example';
    await apiJson('/api/suppressions', {
      method: 'POST',
      body: JSON.stringify({ domain: ALPHA, address, source: 'bounce', reason: 'userunknown' }),
    });
    const before = await storedRow(ALPHA, address);
    const again = await apiJson('/api/suppressions', {
      method: 'POST',
      body: JSON.stringify({ domain: ALPHA, address: address.toUpperCase(), reason: 'a second hand entry' }),
    });
    expect(again).toMatchObject({ added: 0, alreadyThere: 1, replaced: 0 });
    expect(await storedRow(ALPHA, address)).toEqual(before);

    const replaced = await apiJson('/api/suppressions', {
      method: 'POST',
      body: JSON.stringify({ domain: ALPHA, address, reason: 'customer asked', replace: true }),
    });
    expect(replaced).toMatchObject({ added: 0, alreadyThere: 0, replaced: 1 });
    expect(await storedRow(ALPHA, address)).toMatchObject({ source: 'manual', reason: 'customer asked' });
  });

  it('suppresses an address that was only counting bounces, keeping its counters', async () => {
    const domain = await env.DB.prepare('SELECT id FROM domains WHERE name = ?').bind(ALPHA).first<{ id: string }>();
    const firstBounce = Date.UTC(2026, 10, 1);
    await env.DB.prepare(
      `INSERT INTO suppressions (domain_id, address, bounce_count, first_bounce_at, last_bounce_at, complained)
       VALUES (?, 'counting@customer.example', 2, ?, ?, 0)`,
    )
      .bind(domain!.id, firstBounce, firstBounce + 86_400_000)
      .run();
    const answer = await apiJson('/api/suppressions', {
      method: 'POST',
      body: JSON.stringify({ domain: ALPHA, entries: [{ address: 'counting@customer.example', source: 'imported' }] }),
    });
    expect(answer).toMatchObject({ added: 1, alreadyThere: 0 });
    const row = await storedRow(ALPHA, 'counting@customer.example');
    expect(row).toMatchObject({
      source: 'imported',
      reason: 'imported from another mail system',
      bounce_count: 2,
      first_bounce_at: firstBounce,
    });
    expect(row!.suppressed_at).toBeGreaterThan(firstBounce);
  });

  it('keeps the time, source and counters a restore brings', async () => {
    const entry = {
      address: 'restored@customer.example',
      source: 'complaint',
      reason: 'complaint',
      suppressedAt: '2025-03-04T05:06:07.000Z',
      bounceCount: 0,
      firstBounceAt: null,
      lastBounceAt: null,
    };
    await apiJson('/api/suppressions', { method: 'POST', body: JSON.stringify({ domain: ALPHA, entries: [entry] }) });
    const read = await apiJson(`/api/suppressions/restored%40customer.example?domain=${ALPHA}`);
    expect(read).toMatchObject({
      suppressed: true,
      source: 'complaint',
      complained: true,
      suppressedAt: '2025-03-04T05:06:07.000Z',
    });
    // A restored complaint is still one: lifting it needs force.
    const lift = await api(`/api/suppressions/restored%40customer.example?domain=${ALPHA}`, { method: 'DELETE' });
    expect(lift.status).toBe(409);
  });

  it('takes a bulk of 1,000 real-looking addresses in one request (chunked under D1 limits), and reports them alreadyThere the second time', async () => {
    const addresses = buildCustomerList(MAX_SUPPRESSIONS_PER_REQUEST, 'bulk');
    const entries = addresses.map((address) => ({ address, source: 'imported' }));
    const first = await apiJson('/api/suppressions', {
      method: 'POST',
      body: JSON.stringify({ domain: ALPHA, entries }),
    });
    expect(first).toMatchObject({ domain: ALPHA, added: 1000, alreadyThere: 0, replaced: 0 });
    expect(first.results).toHaveLength(1000);
    expect(first.results[1]).toEqual({ address: addresses[1]!.toLowerCase(), outcome: 'added' });
    expect(await countRows(ALPHA, '%+bulk@%')).toBe(1000);
    expect(await countRows(BETA, '%+bulk@%')).toBe(0);

    const second = await apiJson('/api/suppressions', {
      method: 'POST',
      body: JSON.stringify({ domain: ALPHA, entries }),
    });
    expect(second).toMatchObject({ added: 0, alreadyThere: 1000 });
    // Paged through the list API like any other entries.
    const page = await apiJson(`/api/suppressions?domain=${ALPHA}&limit=200`);
    expect(page.items).toHaveLength(200);
    expect(page.nextCursor).not.toBeNull();
  });

  it('counts a repeated address of the same request once', async () => {
    const answer = await apiJson('/api/suppressions', {
      method: 'POST',
      body: JSON.stringify({
        domain: ALPHA,
        entries: [{ address: 'twice@customer.example' }, { address: 'TWICE@customer.example' }],
      }),
    });
    expect(answer.results.map((result: { outcome: string }) => result.outcome)).toEqual(['added', 'alreadyThere']);
  });

  it('answers 400 naming the field: a bad address, an unknown domain, too many entries, a bad time', async () => {
    const badAddress = await add({ domain: ALPHA, address: 'not an address' });
    expect(badAddress.status).toBe(400);
    expect(await errorMessage(badAddress)).toMatch(/address/);

    const unknown = await add({ domain: 'nowhere-sup.example', address: 'a@customer.example' });
    expect(unknown.status).toBe(400);
    expect(await errorMessage(unknown)).toMatch(/domain: no domain named nowhere-sup\.example/);

    const tooMany = await add({
      domain: ALPHA,
      entries: buildCustomerList(MAX_SUPPRESSIONS_PER_REQUEST + 1, 'over').map((address) => ({ address })),
    });
    expect(tooMany.status).toBe(400);
    expect(await errorMessage(tooMany)).toMatch(/entries: at most 1000 per request/);
    expect(await countRows(ALPHA, '%+over@%')).toBe(0);

    const badTime = await add({
      domain: ALPHA,
      entries: [{ address: 'a@customer.example', suppressedAt: 'yesterday' }],
    });
    expect(badTime.status).toBe(400);
    expect(await errorMessage(badTime)).toMatch(/suppressedAt/);

    const badSource = await add({ domain: ALPHA, address: 'a@customer.example', source: 'hand' });
    expect(badSource.status).toBe(400);
    expect(await errorMessage(badSource)).toMatch(/source/);
  });

  it('needs a domain from an installation-wide token when several are configured', async () => {
    const response = await add({ address: 'nodomain@customer.example' });
    expect(response.status).toBe(400);
    expect(await errorMessage(response)).toMatch(/^domain: several domains/);
  });
});

describe('POST /api/suppressions with a domain-scoped token', () => {
  it("adds to its own domain's list when it names none", async () => {
    const response = await add({ address: 'scoped@customer.example' }, alphaWriter);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ domain: ALPHA, added: 1 });
    expect(await storedRow(ALPHA, 'scoped@customer.example')).toMatchObject({ source: 'manual' });
  });

  it("can never add to or read another domain's list", async () => {
    const response = await add({ domain: BETA, address: 'intruder@customer.example' }, alphaWriter);
    expect(response.status).toBe(403);
    expect(await storedRow(BETA, 'intruder@customer.example')).toBeNull();

    await apiJson('/api/suppressions', {
      method: 'POST',
      body: JSON.stringify({ domain: BETA, address: 'beta-only@customer.example' }),
    });
    const read = await api(`/api/suppressions/beta-only%40customer.example?domain=${BETA}`, { token: alphaWriter });
    expect(read.status).toBe(403);
    const own = await apiJson('/api/suppressions/beta-only%40customer.example', { token: alphaWriter });
    expect(own).toMatchObject({ suppressed: false, domain: ALPHA });
    const list = await apiJson<{ items: { domain: string }[] }>('/api/suppressions?limit=200', { token: alphaWriter });
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((item) => item.domain === ALPHA)).toBe(true);
  });

  it('needs write scope', async () => {
    const response = await add({ address: 'reader@customer.example' }, alphaReader);
    expect(response.status).toBe(403);
    expect(await storedRow(ALPHA, 'reader@customer.example')).toBeNull();
  });
});
