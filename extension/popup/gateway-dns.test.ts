// The popup's gateway calls against a local HTTP server speaking the worker's wire shapes (shared/api).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainReportSchema, type DomainReport } from '../../shared/api/dns.ts';
import { sendJson, startLocalServer, type LocalServer } from '../../tests/fakes/local-server.ts';
import { fetchGatewayDomains, fetchGatewayReport } from './gateway-dns.ts';

const TOKEN = 'mgt_test_0123456789abcdef';
const requests: { url: string; authorization: string | undefined }[] = [];

function reportFor(domain: string, senders: string[]): DomainReport {
  return domainReportSchema.parse({
    domain,
    checkedAt: '2026-01-01T00:00:00.000Z',
    status: 'fail',
    findings: [
      { check: 'spf', status: 'fail', found: null, expected: `senders: ${senders.join(',')}`, why: 'No SPF record.' },
    ],
  });
}

let gateway: LocalServer;
beforeAll(async () => {
  gateway = await startLocalServer((request, _body, response) => {
    // The worker answers CORS for the extension's origins (worker/api/cors.ts); happy-dom's fetch enforces it too.
    response.setHeader('access-control-allow-origin', request.headers.origin ?? '*');
    if (request.method === 'OPTIONS') {
      response.writeHead(204, {
        'access-control-allow-headers': 'authorization, content-type',
        'access-control-allow-methods': 'GET',
      });
      return void response.end();
    }
    requests.push({ url: request.url ?? '', authorization: request.headers.authorization });
    if (request.headers.authorization !== `Bearer ${TOKEN}`)
      return sendJson(response, 401, { error: { code: 'unauthorized', message: 'a valid bearer token is required' } });
    const url = new URL(request.url ?? '/', 'http://gateway');
    if (url.pathname === '/api/domains') {
      return sendJson(response, 200, {
        items: [
          {
            id: 'dom_1',
            name: 'a.example',
            catchall: 'catchall',
            bounce: 'bounce',
            createdAt: '2026-01-01T00:00:00.000Z',
          },
          {
            id: 'dom_2',
            name: 'b.example',
            catchall: 'catchall',
            bounce: 'bounce',
            createdAt: '2026-01-01T00:00:00.000Z',
          },
        ],
      });
    }
    const dns = /^\/api\/domains\/([^/]+)\/dns$/.exec(url.pathname);
    if (dns) return sendJson(response, 200, reportFor(decodeURIComponent(dns[1]!), url.searchParams.getAll('sender')));
    return sendJson(response, 404, { error: { code: 'not_found', message: 'not found' } });
  });
});
afterAll(() => gateway.close());

const fetchFn = (input: string, init: RequestInit) => fetch(input, init);

describe('gateway DNS calls', () => {
  it("lists the gateway's domain names with the bearer token", async () => {
    expect(await fetchGatewayDomains({ origin: gateway.url, token: TOKEN }, fetchFn)).toEqual([
      'a.example',
      'b.example',
    ]);
    expect(requests.at(-1)).toEqual({ url: '/api/domains', authorization: `Bearer ${TOKEN}` });
  });

  it("asks for a domain's report with one ?sender= per picked service", async () => {
    const report = await fetchGatewayReport(
      { origin: gateway.url, token: TOKEN },
      'a.example',
      ['odoo', 'google'],
      fetchFn,
    );
    expect(requests.at(-1)?.url).toBe('/api/domains/a.example/dns?sender=odoo&sender=google');
    expect(report.findings[0]?.expected).toBe('senders: odoo,google');
  });

  it("turns an API error into a sentence with the gateway's own message", async () => {
    await expect(fetchGatewayDomains({ origin: gateway.url, token: 'mgt_wrong_token_0000' }, fetchFn)).rejects.toThrow(
      'The gateway answered 401: a valid bearer token is required.',
    );
  });
});
