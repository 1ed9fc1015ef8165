// A Resolver serving a fixed zone in the zonedata shape of the RFC 7208 test suite (tests, spf-check, --zone files).
import { DnsError, type AnswerFor, type MxAnswer, type RecordType, type Resolver } from './resolver.ts';

/** One entry: `{TYPE: value}`, or the bare string "TIMEOUT" (queries reaching it time out). */
export type ZoneEntry = Record<string, unknown> | 'TIMEOUT';
/** name → entries, or "TIMEOUT" for a name whose every query times out. */
export type ZoneData = Record<string, ZoneEntry[] | 'TIMEOUT'>;

type StoredRecord = { type: string; value: unknown } | 'TIMEOUT';

/** Long enough for any sane CNAME chain; a loop is reported as a server failure, as recursive resolvers do. */
const MAX_CNAME_CHAIN = 8;
/** The suite's value meaning "this record set is absent" (it still blocks the SPF→TXT synthesis). */
const ABSENT_VALUE = 'NONE';

function normalizeName(name: string): string {
  return name.trim().replace(/\.$/, '').toLowerCase();
}

/**
 * Prepares the entries of one name. As pyspf's testspf.py does (the suite relies on it), a name with SPF-type
 * records and no TXT entry at all gets TXT copies of them, after its own entries.
 */
function prepareEntries(entries: ZoneEntry[]): StoredRecord[] {
  const stored: StoredRecord[] = [];
  const synthesizedTxt: StoredRecord[] = [];
  let hasTxt = false;
  for (const entry of entries) {
    if (entry === 'TIMEOUT' || typeof entry !== 'object' || entry === null) {
      stored.push('TIMEOUT');
      continue;
    }
    for (const [rawType, value] of Object.entries(entry)) {
      const type = rawType.toUpperCase();
      if (type === 'TXT') hasTxt = true;
      if (type === 'SPF' && value !== ABSENT_VALUE) synthesizedTxt.push({ type: 'TXT', value });
      if (value !== ABSENT_VALUE) stored.push({ type, value });
    }
  }
  return hasTxt ? stored : [...stored, ...synthesizedTxt];
}

function convertAnswer(type: string, value: unknown): unknown {
  switch (type) {
    case 'TXT':
    case 'SPF':
      return Array.isArray(value) ? value.map(String) : [String(value)];
    case 'MX': {
      const [priority, exchange] = Array.isArray(value) ? value : [0, value];
      const answer: MxAnswer = { priority: Number(priority), exchange: String(exchange ?? '').replace(/\.$/, '') };
      return answer;
    }
    case 'PTR':
    case 'CNAME':
    case 'NS':
      return String(value).replace(/\.$/, '');
    default:
      return String(value);
  }
}

/**
 * Builds a Resolver over zonedata. Names are case-insensitive and a trailing dot is ignored. A name absent from
 * the zone is NXDOMAIN (ENOTFOUND) — except names under "error.", which time out as in the suite's driver; a
 * present name without records of the asked type is NODATA (ENODATA); CNAMEs are followed.
 */
export function createZoneResolver(zonedata: ZoneData): Resolver {
  const zone = new Map<string, StoredRecord[] | 'TIMEOUT'>();
  for (const [name, entries] of Object.entries(zonedata)) {
    const key = normalizeName(name);
    const prepared = entries === 'TIMEOUT' || !Array.isArray(entries) ? 'TIMEOUT' : prepareEntries(entries);
    const previous = zone.get(key);
    zone.set(key, Array.isArray(previous) && Array.isArray(prepared) ? [...previous, ...prepared] : prepared);
  }

  function answer(name: string, type: RecordType, chain: string[]): unknown[] {
    const key = normalizeName(name);
    const records = zone.get(key);
    if (records === undefined) {
      if (key.startsWith('error.')) throw new DnsError('ETIMEOUT', name, type);
      throw new DnsError('ENOTFOUND', name, type);
    }
    if (records === 'TIMEOUT') throw new DnsError('ETIMEOUT', name, type);
    const found: unknown[] = [];
    let cname: string | null = null;
    for (const record of records) {
      // pyspf's driver: a TIMEOUT entry times out the query unless records of the type came before it.
      if (record === 'TIMEOUT') {
        if (found.length === 0) throw new DnsError('ETIMEOUT', name, type);
        break;
      }
      if (record.type === 'CNAME' && cname === null) cname = String(record.value);
      if (record.type !== type) continue;
      if (record.value === 'TIMEOUT') throw new DnsError('ETIMEOUT', name, type);
      found.push(convertAnswer(record.type, record.value));
    }
    if (found.length > 0) return found;
    if (cname !== null && type !== 'CNAME') {
      const target = normalizeName(cname);
      if (chain.includes(target) || chain.length >= MAX_CNAME_CHAIN) throw new DnsError('ESERVFAIL', name, type);
      return answer(target, type, [...chain, key]);
    }
    throw new DnsError('ENODATA', name, type);
  }

  return async function resolveFromZone<T extends RecordType>(name: string, type: T): Promise<AnswerFor<T>> {
    return answer(name, type, []) as AnswerFor<T>;
  };
}
