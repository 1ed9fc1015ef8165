// The worker's DNS: DNS-over-HTTPS with one TTL cache per isolate, shared by authentication and DNS reports.
import { createDnsCache, createDohResolver } from '../shared/dns/doh.ts';
import type { Resolver } from '../shared/dns/resolver.ts';

const dnsCache = createDnsCache();

export function createWorkerResolver(env: Cloudflare.Env): Resolver {
  return createDohResolver({
    fetch: (input, init) => fetch(input, init),
    endpoint: env.MAILGATE_DOH_URL || undefined,
    cache: dnsCache,
  });
}
