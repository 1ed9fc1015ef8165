// DNS-over-HTTPS resolver (JSON API, application/dns-json) over an injected fetch, with a small TTL cache.
import { type AnswerFor, DnsError, type RecordType, type Resolver } from './resolver.ts';
import { parseQuotedTxt } from './txt.ts';

export const CLOUDFLARE_DOH_ENDPOINT = 'https://cloudflare-dns.com/dns-query';
export const GOOGLE_DOH_ENDPOINT = 'https://dns.google/resolve';

/** A DoH answer slower than this is treated as a timeout (mailauth's own DNS timeout is of the same order). */
export const DEFAULT_QUERY_TIMEOUT_MS = 3000;
/** Enough for one domain check and its SPF includes, small enough for a browser extension's memory. */
export const DEFAULT_CACHE_ENTRIES = 500;
/** Negative answers are cached this long at most (RFC 2308 5 lets the SOA minimum rule; we cap it). */
export const MAX_NEGATIVE_TTL_SECONDS = 300;
/** RFC 1034 3.6.2 allows chains, not loops: more than this many CNAME hops in one answer is a loop. */
const MAX_CNAME_HOPS = 8;

/** RR type numbers of the DNS JSON API (RFC 1035 3.2.2, RFC 3596, RFC 2782, RFC 7208 3.1). */
const TYPE_NUMBERS: Record<RecordType, number> = {
  A: 1,
  NS: 2,
  CNAME: 5,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  SPF: 99,
};

/** RCODEs (RFC 1035 4.1.1) the JSON API reports in `Status`. */
const RCODE_NOERROR = 0;
const RCODE_NXDOMAIN = 3;
const RCODE_REFUSED = 5;

type DohAnswerRecord = { name: string; type: number; TTL?: number; data: string };
type DohResponse = { Status: number; Answer?: DohAnswerRecord[]; Authority?: DohAnswerRecord[] };

type CacheEntry = { expiresAt: number; value?: unknown; errorCode?: DnsError['code'] };

/** A bounded TTL cache of DNS answers; share one between resolvers (and calls) to share what they learnt. */
export type DnsCache = {
  get(key: string, now: number): CacheEntry | undefined;
  set(key: string, entry: CacheEntry): void;
  readonly size: number;
};

export function createDnsCache(maxEntries: number = DEFAULT_CACHE_ENTRIES): DnsCache {
  const entries = new Map<string, CacheEntry>();
  return {
    get(key, now) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= now) {
        entries.delete(key);
        return undefined;
      }
      // Re-insert so the Map's insertion order is least-recently-used first.
      entries.delete(key);
      entries.set(key, entry);
      return entry;
    },
    set(key, entry) {
      entries.delete(key);
      entries.set(key, entry);
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
    get size() {
      return entries.size;
    },
  };
}

export type DohResolverOptions = {
  fetch: typeof fetch;
  /** `https://cloudflare-dns.com/dns-query` by default; `GOOGLE_DOH_ENDPOINT` works the same. */
  endpoint?: string;
  timeoutMs?: number;
  cache?: DnsCache;
  /** Milliseconds clock, injectable for tests. */
  now?: () => number;
};

export function createDohResolver(options: DohResolverOptions): Resolver {
  const endpoint = options.endpoint ?? CLOUDFLARE_DOH_ENDPOINT;
  const timeoutMs = options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  const cache = options.cache ?? createDnsCache();
  const now = options.now ?? Date.now;
  const fetchJson = options.fetch;
  const inFlight = new Map<string, Promise<unknown>>();

  async function queryDoh(name: string, type: RecordType): Promise<unknown> {
    const url = new URL(endpoint);
    url.searchParams.set('name', name);
    url.searchParams.set('type', type);
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new DnsError('ETIMEOUT', name, type));
      }, timeoutMs);
    });
    try {
      const body = await Promise.race([
        (async () => {
          const response = await fetchJson(url.toString(), {
            headers: { accept: 'application/dns-json' },
            signal: controller.signal,
          });
          if (!response.ok) throw new DnsError('ESERVFAIL', name, type);
          return (await response.json()) as DohResponse;
        })(),
        timeout,
      ]);
      return readDohResponse(body, name, type);
    } catch (error) {
      if (error instanceof DnsError) throw error;
      // A network failure or an unreadable body: the server could not answer, like SERVFAIL.
      throw new DnsError('ESERVFAIL', name, type);
    } finally {
      clearTimeout(timer);
    }
  }

  function readDohResponse(body: DohResponse, name: string, type: RecordType): unknown {
    const key = cacheKey(name, type);
    if (body.Status === RCODE_NXDOMAIN || (body.Status === RCODE_NOERROR && !hasAnswerFor(body, name, type))) {
      const code = body.Status === RCODE_NXDOMAIN ? 'ENOTFOUND' : 'ENODATA';
      const negativeTtl = Math.min(body.Authority?.[0]?.TTL ?? 60, MAX_NEGATIVE_TTL_SECONDS);
      if (negativeTtl > 0) cache.set(key, { expiresAt: now() + negativeTtl * 1000, errorCode: code });
      throw new DnsError(code, name, type);
    }
    if (body.Status === RCODE_REFUSED) throw new DnsError('EREFUSED', name, type);
    if (body.Status !== RCODE_NOERROR) throw new DnsError('ESERVFAIL', name, type);
    const records = followAnswerChain(body.Answer ?? [], name, type);
    const value = records.map((record) => decodeRdata(type, record.data));
    const ttl = Math.min(...records.map((record) => record.TTL ?? 0));
    if (ttl > 0) cache.set(key, { expiresAt: now() + ttl * 1000, value });
    return value;
  }

  function hasAnswerFor(body: DohResponse, name: string, type: RecordType): boolean {
    return followAnswerChain(body.Answer ?? [], name, type).length > 0;
  }

  return async function resolveOverDoh<T extends RecordType>(name: string, type: T): Promise<AnswerFor<T>> {
    const queryName = name.replace(/\.$/, '');
    const key = cacheKey(queryName, type);
    const cached = cache.get(key, now());
    if (cached) {
      if (cached.errorCode) throw new DnsError(cached.errorCode, queryName, type);
      return cached.value as AnswerFor<T>;
    }
    // Parallel checks often ask the same question at once: one HTTP request answers them all.
    let pending = inFlight.get(key);
    if (!pending) {
      pending = queryDoh(queryName, type).finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return (await pending) as AnswerFor<T>;
  };
}

function cacheKey(name: string, type: RecordType): string {
  return `${type} ${name.toLowerCase()}`;
}

function sameName(a: string, b: string): boolean {
  return a.replace(/\.$/, '').toLowerCase() === b.replace(/\.$/, '').toLowerCase();
}

/**
 * The records of `type` owned by `name`, following CNAMEs in the Answer section from the queried name
 * (RFC 1034 3.6.2): the server sends the chain and then the target's records, possibly with unrelated extras.
 */
export function followAnswerChain(answer: DohAnswerRecord[], name: string, type: RecordType): DohAnswerRecord[] {
  const wanted = TYPE_NUMBERS[type];
  let owner = name;
  for (let hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
    const records = answer.filter((record) => record.type === wanted && sameName(record.name, owner));
    if (records.length > 0) return records;
    const alias = answer.find((record) => record.type === TYPE_NUMBERS.CNAME && sameName(record.name, owner));
    if (!alias) return [];
    owner = alias.data;
  }
  return [];
}

function stripDot(name: string): string {
  return name.replace(/\.$/, '');
}

function decodeRdata(type: RecordType, data: string): unknown {
  switch (type) {
    case 'TXT':
    case 'SPF':
      return parseQuotedTxt(data);
    case 'MX': {
      const [priority, exchange = ''] = data.trim().split(/\s+/);
      return { priority: Number(priority), exchange: stripDot(exchange) };
    }
    case 'SRV': {
      const [priority, weight, port, target = ''] = data.trim().split(/\s+/);
      return { priority: Number(priority), weight: Number(weight), port: Number(port), name: stripDot(target) };
    }
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return stripDot(data.trim());
    default:
      return data.trim();
  }
}
