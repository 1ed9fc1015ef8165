// The background's answer to `mailgate:gateway-status`: the stored connection, the gateway's domains and DNS report.
// The gateway is a function answering the worker's wire shapes (shared/api), checked for the bearer token it gets.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { DomainReport } from '../../shared/api/dns.ts';
import { saveConnection } from '../gateway/connection.ts';
import { fetchGatewayStatus, GATEWAY_STATUS_MESSAGE_TYPE } from './gateway-status.ts';
import { answerGatewayStatus } from './gateway-status-listener.ts';

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
    if (headers.get('authorization') !== `Bearer ${CONNECTION.token}`) return Response.json({ error: { code: 'unauthorized', message: 'no token' } }, { status: 401 });
    if (url === `${CONNECTION.origin}/api/domains`) return Response.json({ items: domains });
    const dns = /\/api\/domains\/([^/]+)\/dns$/.exec(url);
    if (dns) return Response.json({ ...REPORT, domain: decodeURIComponent(dns[1]!) });
    return Response.json({ error: { code: 'not_found', message: url } }, { status: 404 });
  }) as typeof fetch;
}

const EXAMPLE = { id: 'dom_1', name: 'example.com', catchall: 'replies', bounce: 'bounces', createdAt: '2026-05-01T00:00:00.000Z' };
const OTHER = { id: 'dom_2', name: 'example.org', catchall: 'catchall', bounce: 'bounce', createdAt: '2026-05-02T00:00:00.000Z' };

describe('fetchGatewayStatus', () => {
  it('says "not connected" without a connection, asking nothing', async () => {
    const asked: string[] = [];
    expect(await fetchGatewayStatus(null, 'example.com', gatewayFetch([EXAMPLE], asked))).toEqual({ connected: false });
    expect(asked).toEqual([]);
  });

  it('answers the requested domain with its local parts and what its DNS report flags', async () => {
    const asked: string[] = [];
    expect(await fetchGatewayStatus(CONNECTION, 'example.org', gatewayFetch([EXAMPLE, OTHER], asked))).toEqual({
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

  it('falls back to the gateway\'s first domain when Odoo\'s is not on it', async () => {
    const status = await fetchGatewayStatus(CONNECTION, 'mycompany.odoo.com', gatewayFetch([EXAMPLE, OTHER]));
    expect(status).toMatchObject({ domain: { name: 'example.com' }, matchesRequest: false });
  });

  it('reports a refused token in words', async () => {
    const status = await fetchGatewayStatus({ ...CONNECTION, token: 'mg_wrong_token_000000' }, undefined, gatewayFetch([EXAMPLE]));
    expect(status).toEqual({ connected: true, origin: CONNECTION.origin, domains: [], domain: null, matchesRequest: false, dns: null, error: '/api/domains answered 401' });
  });

  it('reports an answer of the wrong shape', async () => {
    const status = await fetchGatewayStatus(CONNECTION, undefined, (async () => Response.json({ domains: [] })) as typeof fetch);
    expect(status).toMatchObject({ connected: true, error: 'the gateway answered in an unexpected shape' });
  });
});

describe('answerGatewayStatus (background)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('ignores other messages', () => {
    expect(answerGatewayStatus({ type: 'mailgate:fill' })).toBeUndefined();
    expect(answerGatewayStatus('mailgate:gateway-status')).toBeUndefined();
  });

  it('reads the stored connection', async () => {
    expect(await answerGatewayStatus({ type: GATEWAY_STATUS_MESSAGE_TYPE }, gatewayFetch([EXAMPLE]))).toEqual({ connected: false });
    await saveConnection(CONNECTION);
    const status = await answerGatewayStatus({ type: GATEWAY_STATUS_MESSAGE_TYPE, domain: 'Example.COM' }, gatewayFetch([EXAMPLE]));
    expect(status).toMatchObject({ connected: true, matchesRequest: true, domain: { name: 'example.com', catchall: 'replies' } });
  });
});
