// Where the report comes from: the gateway for its domains (falling back to the browser when it fails), else
// checkDomain over DNS-over-HTTPS, asked fresh on every check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainReport } from '../../shared/api/dns.ts';
import { createDohZoneHandler } from '../../tests/fakes/doh-zone.ts';
import { sendJson, startLocalServer, type LocalServer } from '../../tests/fakes/local-server.ts';
import { createReportLoader } from './report-loader.ts';

const TOKEN = 'mgt_test_0123456789abcdef';
const gatewayReport: DomainReport = {
  domain: 'gw.example',
  checkedAt: '2026-01-01T00:00:00.000Z',
  status: 'ok',
  findings: [],
};
const answerDoh = createDohZoneHandler({
  'gw.example': [{ MX: [10, 'mx.elsewhere.example'] }, { TXT: 'v=spf1 -all' }],
  'mx.elsewhere.example': [{ A: '192.0.2.1' }],
});

let gateway: LocalServer;
let gatewayFails = false;
beforeAll(async () => {
  gateway = await startLocalServer((request, _body, response) => {
    response.setHeader('access-control-allow-origin', request.headers.origin ?? '*');
    if (request.method === 'OPTIONS') {
      response.writeHead(204, { 'access-control-allow-headers': 'authorization, content-type' });
      return void response.end();
    }
    if (gatewayFails) return sendJson(response, 503, { error: { code: 'unavailable', message: 'D1 is overloaded' } });
    return sendJson(response, 200, gatewayReport);
  });
});
afterAll(() => gateway.close());

/** The browser's fetch: DoH questions go to the zone fake (as the e2e tests stub Cloudflare's DoH), the rest to the network. */
function createFetch(dohInits: RequestInit[]) {
  return async (input: string, init: RequestInit): Promise<Response> => {
    if (input.startsWith('https://cloudflare-dns.com/')) {
      dohInits.push(init);
      return answerDoh(new Request(input));
    }
    return fetch(input, init);
  };
}

describe('createReportLoader', () => {
  it('asks the gateway for one of its domains', async () => {
    gatewayFails = false;
    const load = createReportLoader({
      fetch: createFetch([]),
      connection: async () => ({ origin: gateway.url, token: TOKEN }),
    });
    expect(
      await load({ domain: 'gw.example', choice: { receiver: 'cloudflare', senders: [] }, viaGateway: true }),
    ).toEqual({ report: gatewayReport, checkedBy: 'gateway' });
  });

  it('checks from the browser when the gateway fails, and says why', async () => {
    gatewayFails = true;
    const dohInits: RequestInit[] = [];
    const load = createReportLoader({
      fetch: createFetch(dohInits),
      connection: async () => ({ origin: gateway.url, token: TOKEN }),
    });
    const loaded = await load({
      domain: 'gw.example',
      choice: { receiver: 'cloudflare', senders: [] },
      viaGateway: true,
    });
    expect(loaded.checkedBy).toBe('browser');
    expect(loaded.notice).toBe(
      'The gateway could not check this domain (The gateway answered 503: D1 is overloaded.); checked from this browser instead.',
    );
    expect(loaded.report.findings.find((finding) => finding.check === 'mx')?.status).toBe('fail');
    // Every DoH question bypasses the HTTP cache: a re-check must see a record saved a minute ago.
    expect(dohInits.length).toBeGreaterThan(0);
    expect(dohInits.every((init) => init.cache === 'no-store')).toBe(true);
  });

  it('checks from the browser with a fresh resolver each time (no answer cached between re-checks)', async () => {
    const dohInits: RequestInit[] = [];
    const load = createReportLoader({ fetch: createFetch(dohInits), connection: async () => null });
    await load({ domain: 'gw.example', choice: { receiver: 'cloudflare', senders: [] }, viaGateway: false });
    const firstRound = dohInits.length;
    await load({ domain: 'gw.example', choice: { receiver: 'cloudflare', senders: [] }, viaGateway: false });
    expect(dohInits.length).toBe(firstRound * 2);
  });
});
