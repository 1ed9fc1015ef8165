// The gateway's view the background gives the Odoo overlay: the gateway's domains and DNS report. The gateway is a
// function answering the worker's wire shapes (shared/api), checked for the bearer token it gets.
import { describe, expect, it } from 'vitest';
import type { DomainReport } from '../../shared/api/dns.ts';
import { fetchGatewayStatus } from './gateway-status.ts';

const CONNECTION = { origin: 'http://127.0.0.1:8787', token: 'mg_test_token_0123456789' };
const REPORT: DomainReport = {
  domain: 'example.com',
  checkedAt: '2026-05-04T10:00:00.000Z',
  status: 'fail',
  findings: [
    { check: 'mx', status: 'ok', found: 'route1.mx.cloudflare.net', expected: null, why: 'MX points to Cloudflare.' },
    { check: 'dmarc', status: 'fail', found: null, expected: 'v=DMARC1; p=none', why: 'There is no DMARC record.' },
    { check: 'spf', status: 'warn', found: 'v=spf1 ~all', expected: null, why: 'SPF does not include the sender.' },
  ],
};

/** Answers like the worker does for the two routes the overlay reads; records every URL it was asked. */
function gatewayFetch(domains: object[], asked: string[] = []): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    asked.push(url);
    const headers = new Headers(init?.headers);
    if (headers.get('authorization') !== `Bearer ${CONNECTION.token}`)
      return Response.json({ error: { code: 'unauthorized', message: 'no token' } }, { status: 401 });
    if (url === `${CONNECTION.origin}/api/domains`) return Response.json({ items: domains });
    const dns = /\/api\/domains\/([^/]+)\/dns$/.exec(url);
    if (dns) return Response.json({ ...REPORT, domain: decodeURIComponent(dns[1]!) });
    return Response.json({ error: { code: 'not_found', message: url } }, { status: 404 });
  }) as typeof fetch;
}

const EXAMPLE = {
  id: 'dom_1',
  name: 'example.com',
  catchall: 'replies',
  bounce: 'bounces',
  createdAt: '2026-05-01T00:00:00.000Z',
};
const OTHER = {
  id: 'dom_2',
  name: 'example.org',
  catchall: 'catchall',
  bounce: 'bounce',
  createdAt: '2026-05-02T00:00:00.000Z',
};

describe('fetchGatewayStatus', () => {
  it('says "not connected" without a connection, asking nothing', async () => {
    const asked: string[] = [];
    expect(await fetchGatewayStatus(null, { domain: 'example.com' }, gatewayFetch([EXAMPLE], asked))).toEqual({
      connected: false,
    });
    expect(asked).toEqual([]);
  });

  it('answers the requested domain with its local parts and what its DNS report flags', async () => {
    const asked: string[] = [];
    expect(
      await fetchGatewayStatus(CONNECTION, { domain: 'example.org' }, gatewayFetch([EXAMPLE, OTHER], asked)),
    ).toEqual({
      connected: true,
      origin: CONNECTION.origin,
      domains: [
        { name: 'example.com', catchall: 'replies', bounce: 'bounces' },
        { name: 'example.org', catchall: 'catchall', bounce: 'bounce' },
      ],
      domain: { name: 'example.org', catchall: 'catchall', bounce: 'bounce' },
      matchesRequest: true,
      dns: { status: 'fail', failing: ['dmarc', 'spf'] },
    });
    expect(asked).toEqual([`${CONNECTION.origin}/api/domains`, `${CONNECTION.origin}/api/domains/example.org/dns`]);
  });

  it("falls back to the gateway's first domain when Odoo's is not on it", async () => {
    const status = await fetchGatewayStatus(
      CONNECTION,
      { domain: 'mycompany.odoo.com' },
      gatewayFetch([EXAMPLE, OTHER]),
    );
    expect(status).toMatchObject({ domain: { name: 'example.com' }, matchesRequest: false });
  });

  it('asks only for the domains when the DNS report is not wanted', async () => {
    const asked: string[] = [];
    const status = await fetchGatewayStatus(CONNECTION, { dns: false }, gatewayFetch([EXAMPLE, OTHER], asked));
    expect(status).toMatchObject({ connected: true, domain: { name: 'example.com' }, dns: null });
    expect(asked).toEqual([`${CONNECTION.origin}/api/domains`]);
  });

  it('reports a refused token in words', async () => {
    const status = await fetchGatewayStatus(
      { ...CONNECTION, token: 'mg_wrong_token_000000' },
      {},
      gatewayFetch([EXAMPLE]),
    );
    expect(status).toEqual({
      connected: true,
      origin: CONNECTION.origin,
      domains: [],
      domain: null,
      matchesRequest: false,
      dns: null,
      error: 'no token (GET /api/domains: 401 unauthorized)',
    });
  });

  it('reports an answer of the wrong shape', async () => {
    const status = await fetchGatewayStatus(CONNECTION, {}, (async () =>
      Response.json({ domains: [] })) as typeof fetch);
    expect(status).toMatchObject({
      connected: true,
      error: expect.stringContaining('is not what mailgate expects (another version?)'),
    });
  });
});
