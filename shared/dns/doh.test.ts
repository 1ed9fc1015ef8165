import { describe, expect, it } from 'vitest';
import { createDnsCache, createDohResolver, GOOGLE_DOH_ENDPOINT } from './doh.ts';
import { DnsError } from './resolver.ts';

type Reply = { Status: number; Answer?: { name: string; type: number; TTL: number; data: string }[] };

function createFakeFetch(replies: Record<string, Reply | 'hang' | 500>) {
  const requests: string[] = [];
  const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    requests.push(url.toString());
    expect((init?.headers as Record<string, string>).accept).toBe('application/dns-json');
    const key = `${url.searchParams.get('name')} ${url.searchParams.get('type')}`;
    const reply = replies[key] ?? { Status: 3 };
    if (reply === 'hang') {
      return new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    }
    if (reply === 500) return new Response('oops', { status: 500 });
    return new Response(JSON.stringify(reply), { headers: { 'content-type': 'application/dns-json' } });
  }) as typeof fetch;
  return { fakeFetch, requests };
}

async function captureError(promise: Promise<unknown>): Promise<DnsError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DnsError) return error;
    throw error;
  }
  throw new Error('expected a DnsError');
}

describe('createDohResolver', () => {
  it('asks Cloudflare by default with name and type, and decodes MX', async () => {
    const { fakeFetch, requests } = createFakeFetch({
      'example.com MX': {
        Status: 0,
        Answer: [
          { name: 'example.com', type: 15, TTL: 300, data: '13 route1.mx.cloudflare.net.' },
          { name: 'example.com', type: 15, TTL: 300, data: '86 route2.mx.cloudflare.net.' },
        ],
      },
    });
    const resolve = createDohResolver({ fetch: fakeFetch });
    expect(await resolve('example.com', 'MX')).toEqual([
      { priority: 13, exchange: 'route1.mx.cloudflare.net' },
      { priority: 86, exchange: 'route2.mx.cloudflare.net' },
    ]);
    expect(requests[0]).toBe('https://cloudflare-dns.com/dns-query?name=example.com&type=MX');
  });

  it('uses the Google endpoint when asked', async () => {
    const { fakeFetch, requests } = createFakeFetch({
      'example.com A': { Status: 0, Answer: [{ name: 'example.com.', type: 1, TTL: 60, data: '192.0.2.1' }] },
    });
    const resolve = createDohResolver({ fetch: fakeFetch, endpoint: GOOGLE_DOH_ENDPOINT });
    expect(await resolve('example.com', 'A')).toEqual(['192.0.2.1']);
    expect(requests[0]).toBe('https://dns.google/resolve?name=example.com&type=A');
  });

  it('maps NXDOMAIN to ENOTFOUND, empty NOERROR to ENODATA, SERVFAIL and HTTP errors to ESERVFAIL', async () => {
    const { fakeFetch } = createFakeFetch({
      'empty.example TXT': { Status: 0 },
      'broken.example TXT': { Status: 2 },
      'http.example TXT': 500,
    });
    const resolve = createDohResolver({ fetch: fakeFetch });
    expect((await captureError(resolve('missing.example', 'TXT'))).code).toBe('ENOTFOUND');
    expect((await captureError(resolve('empty.example', 'TXT'))).code).toBe('ENODATA');
    expect((await captureError(resolve('broken.example', 'TXT'))).code).toBe('ESERVFAIL');
    expect((await captureError(resolve('http.example', 'TXT'))).code).toBe('ESERVFAIL');
  });

  it('times out a query that does not answer', async () => {
    const { fakeFetch } = createFakeFetch({ 'slow.example TXT': 'hang' });
    const resolve = createDohResolver({ fetch: fakeFetch, timeoutMs: 20 });
    const error = await captureError(resolve('slow.example', 'TXT'));
    expect(error.code).toBe('ETIMEOUT');
    expect(error.hostname).toBe('slow.example');
  });

  it('follows a CNAME chain in the Answer section and ignores unrelated records', async () => {
    const { fakeFetch } = createFakeFetch({
      'odoo._domainkey.example.com TXT': {
        Status: 0,
        Answer: [
          { name: 'other.example.com.', type: 16, TTL: 60, data: '"not me"' },
          { name: 'odoo._domainkey.example.com.', type: 5, TTL: 60, data: 'odoo._domainkey.odoo.com.' },
          { name: 'odoo._domainkey.odoo.com.', type: 5, TTL: 60, data: 'key.odoo.com.' },
          { name: 'key.odoo.com.', type: 16, TTL: 60, data: '"v=DKIM1; k=rsa; p=AAAA"' },
        ],
      },
      'loop.example TXT': {
        Status: 0,
        Answer: [
          { name: 'loop.example.', type: 5, TTL: 60, data: 'loop2.example.' },
          { name: 'loop2.example.', type: 5, TTL: 60, data: 'loop.example.' },
        ],
      },
    });
    const resolve = createDohResolver({ fetch: fakeFetch });
    expect(await resolve('odoo._domainkey.example.com', 'TXT')).toEqual([['v=DKIM1; k=rsa; p=AAAA']]);
    expect((await captureError(resolve('loop.example', 'TXT'))).code).toBe('ENODATA');
  });

  it('returns TXT character-strings unquoted and unescaped, one array per record', async () => {
    const { fakeFetch } = createFakeFetch({
      'example.com TXT': {
        Status: 0,
        Answer: [
          { name: 'example.com', type: 16, TTL: 60, data: '"v=spf1 " "include:_spf.google.com ~all"' },
          { name: 'example.com', type: 16, TTL: 60, data: '"say \\"hi\\" \\\\ \\059 done"' },
        ],
      },
    });
    const resolve = createDohResolver({ fetch: fakeFetch });
    expect(await resolve('example.com', 'TXT')).toEqual([
      ['v=spf1 ', 'include:_spf.google.com ~all'],
      ['say "hi" \\ ; done'],
    ]);
  });

  it('honours TTLs in a shared, bounded cache, including negative answers', async () => {
    let clock = 1_000_000;
    const { fakeFetch, requests } = createFakeFetch({
      'a.example A': { Status: 0, Answer: [{ name: 'a.example', type: 1, TTL: 10, data: '192.0.2.1' }] },
      'b.example A': { Status: 0, Answer: [{ name: 'b.example', type: 1, TTL: 10, data: '192.0.2.2' }] },
      'zero.example A': { Status: 0, Answer: [{ name: 'zero.example', type: 1, TTL: 0, data: '192.0.2.3' }] },
    });
    const cache = createDnsCache(1);
    const resolve = createDohResolver({ fetch: fakeFetch, cache, now: () => clock });
    await resolve('a.example', 'A');
    await resolve('A.example.', 'A');
    expect(requests).toHaveLength(1);
    // Another resolver sharing the cache reuses the answer.
    await createDohResolver({ fetch: fakeFetch, cache, now: () => clock })('a.example', 'A');
    expect(requests).toHaveLength(1);
    clock += 11_000;
    await resolve('a.example', 'A');
    expect(requests).toHaveLength(2);
    // Bounded: with room for one entry, b evicts a.
    await resolve('b.example', 'A');
    await resolve('a.example', 'A');
    expect(requests).toHaveLength(4);
    expect(cache.size).toBe(1);
    // TTL 0 is never cached; NXDOMAIN is.
    await resolve('zero.example', 'A');
    await resolve('zero.example', 'A');
    expect(requests).toHaveLength(6);
    await captureError(resolve('nx.example', 'A'));
    await captureError(resolve('nx.example', 'A'));
    expect(requests).toHaveLength(7);
  });

  it('sends one request for identical queries in flight', async () => {
    const { fakeFetch, requests } = createFakeFetch({
      'a.example A': { Status: 0, Answer: [{ name: 'a.example', type: 1, TTL: 0, data: '192.0.2.1' }] },
    });
    const resolve = createDohResolver({ fetch: fakeFetch });
    const answers = await Promise.all([resolve('a.example', 'A'), resolve('a.example', 'A')]);
    expect(answers).toEqual([['192.0.2.1'], ['192.0.2.1']]);
    expect(requests).toHaveLength(1);
  });
});
