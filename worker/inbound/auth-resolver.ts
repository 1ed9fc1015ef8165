// The DNS resolver of the authentication stage: DNS over HTTPS with one TTL cache shared by every request of an isolate.
import { createDnsCache, createDohResolver, type DnsCache } from '../../shared/dns/doh.ts';
import type { Resolver } from '../../shared/dns/resolver.ts';

/** SPF includes, DKIM keys and DMARC records of the senders an installation hears from: a few thousand names. */
export const AUTH_DNS_CACHE_ENTRIES = 5000;

/**
 * Module-level on purpose: an isolate serves many messages, and the same senders' keys and records come back
 * again and again. Answers live as long as their TTL (negative ones at most MAX_NEGATIVE_TTL_SECONDS).
 */
const sharedCache: DnsCache = createDnsCache(AUTH_DNS_CACHE_ENTRIES);

export function createAuthResolver(fetchFn: typeof fetch = fetch, endpoint?: string): Resolver {
  return createDohResolver({ fetch: (input, init) => fetchFn(input, init), cache: sharedCache, ...(endpoint ? { endpoint } : {}) });
}
