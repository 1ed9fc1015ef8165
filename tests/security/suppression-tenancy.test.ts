// Attack: with one installation-wide suppression list, a tenant reads which addresses bounced or complained at
// another tenant, and lifts (or, through a bounce, sets) the other tenant's suppressions. Lists and the bounce log are
// per domain: a scoped token sees and lifts only its own; an installation-wide token names the domain or sees all.
import { beforeAll, describe, expect, it } from 'vitest';
import { api, apiJson, buildDsn, deliverEmail } from '../worker/helpers.ts';
import { createToken, ensureDomain } from './support.ts';

type Suppression = {
  address: string;
  domain?: string | null;
  suppressed: boolean;
  domains?: { domain: string; suppressed: boolean }[];
};
type Page<T> = { items: T[]; nextCursor: string | null };

let evilReader: string;
let evilWriter: string;
let victimWriter: string;
const victim = `gone.${crypto.randomUUID().slice(0, 8)}@customer.example`;

beforeAll(async () => {
  await ensureDomain('evil.example');
  evilReader = await createToken('read', 'evil.example');
  evilWriter = await createToken('write', 'evil.example');
  victimWriter = await createToken('write', 'example.com');
  // example.com mailed the address, and its bounce (linked by VERP) suppressed it, in example.com's list.
  const sent = await apiJson<{ returnPath: string }>('/api/outbound', {
    method: 'POST',
    body: JSON.stringify({ domain: 'example.com', to: [victim], subject: 'Invoice' }),
  });
  await deliverEmail(
    buildDsn({ recipient: victim, status: '5.1.1', diagnostic: `550 5.1.1 <${victim}>: User unknown` }),
    { from: '', to: sent.returnPath },
  );
});

const path = (address: string, query = '') => `/api/suppressions/${encodeURIComponent(address)}${query}`;

describe('suppression lists and bounce history are per domain', () => {
  it("another domain's token neither sees the entry nor the bounce", async () => {
    expect(await apiJson<Suppression>(path(victim), { token: evilReader })).toMatchObject({
      suppressed: false,
      domain: 'evil.example',
    });
    const list = await apiJson<Page<Suppression>>('/api/suppressions?limit=200', { token: evilReader });
    expect(list.items.map((item) => item.address)).not.toContain(victim);
    const log = await apiJson<Page<{ address: string }>>(`/api/bounces?address=${encodeURIComponent(victim)}`, {
      token: evilReader,
    });
    expect(log.items).toEqual([]);
    expect((await api(path(victim, '?domain=example.com'), { token: evilReader })).status).toBe(403);
    expect((await api(`/api/bounces?domain=example.com`, { token: evilReader })).status).toBe(403);
  });

  it("another domain's token cannot lift it", async () => {
    expect((await api(path(victim, '?domain=example.com'), { method: 'DELETE', token: evilWriter })).status).toBe(403);
    const own = await api(path(victim), { method: 'DELETE', token: evilWriter });
    expect(own.status).toBe(200);
    expect(await apiJson<Suppression>(path(victim), { token: victimWriter })).toMatchObject({
      suppressed: true,
      domain: 'example.com',
    });
  });

  it("the domain's own token sees it in its list and log", async () => {
    const list = await apiJson<Page<Suppression>>('/api/suppressions?limit=200', { token: victimWriter });
    expect(list.items).toContainEqual(
      expect.objectContaining({ address: victim, domain: 'example.com', suppressed: true }),
    );
    const log = await apiJson<Page<{ address: string; domain: string }>>(
      `/api/bounces?address=${encodeURIComponent(victim)}`,
      { token: victimWriter },
    );
    expect(log.items).toEqual([expect.objectContaining({ address: victim, domain: 'example.com', verified: true })]);
  });

  it('an installation-wide token names the domain, or sees the address across every domain', async () => {
    expect(await apiJson<Suppression>(path(victim, '?domain=evil.example'))).toMatchObject({
      suppressed: false,
      domain: 'evil.example',
    });
    const across = await apiJson<Suppression>(path(victim));
    expect(across).toMatchObject({ suppressed: true, domain: 'example.com' });
    expect(across.domains).toEqual([expect.objectContaining({ domain: 'example.com', suppressed: true })]);
  });

  it("the domain's own token lifts it, in its own list only", async () => {
    const lifted = await apiJson<Suppression>(path(victim), { method: 'DELETE', token: victimWriter });
    expect(lifted).toMatchObject({ suppressed: false, domain: 'example.com' });
    expect(await apiJson<Suppression>(path(victim, '?domain=example.com'))).toMatchObject({ suppressed: false });
  });
});
