// MX checks: the receiver's hosts are there (any priorities), nothing is left over, targets resolve and are no CNAMEs.
import type { Finding, RecordFix } from '../api/dns.ts';
import { createDnsFailureFinding, describeDnsFailure } from './dns-failure.ts';
import { DnsError, isNoRecord, type MxAnswer, type Resolver } from './resolver.ts';

const DEFAULT_TTL = 3600;
/** Priorities proposed for added hosts; any distinct values work (Cloudflare itself assigns arbitrary ones). */
const PRIORITY_STEP = 10;

export type ReceiverExpectation =
  /** `hosts` must all be present (any priority); a host ending in one of `hostSuffixes` also belongs to the receiver. */
  | { kind: 'receiver'; name: string; hosts: string[]; hostSuffixes: string[] }
  /** The domain must receive no mail: a null MX (RFC 7505). */
  | { kind: 'none' };

function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}

/** RFC 7505 3: a null MX is a single record with an empty (root) exchange, conventionally priority 0. */
function isNullMx(record: MxAnswer): boolean {
  return normalizeHost(record.exchange) === '' || record.exchange.trim() === '.';
}

function formatMx(record: MxAnswer): string {
  return `${record.priority} ${isNullMx(record) ? '.' : normalizeHost(record.exchange)}`;
}

function belongsToReceiver(host: string, expectation: Extract<ReceiverExpectation, { kind: 'receiver' }>): boolean {
  const normalized = normalizeHost(host);
  if (expectation.hosts.length === 0 && expectation.hostSuffixes.length === 0) return true;
  return (
    expectation.hosts.some((expected) => normalizeHost(expected) === normalized) ||
    expectation.hostSuffixes.some((suffix) => normalized.endsWith(suffix.toLowerCase()))
  );
}

function deleteFix(domain: string, record: MxAnswer): RecordFix {
  const value = isNullMx(record) ? '.' : normalizeHost(record.exchange);
  return {
    action: 'delete',
    record: { type: 'MX', name: domain, value, ttl: DEFAULT_TTL, priority: record.priority },
    current: formatMx(record),
  };
}

function addFix(domain: string, host: string, priority: number): RecordFix {
  return { action: 'add', record: { type: 'MX', name: domain, value: host, ttl: DEFAULT_TTL, priority } };
}

/** Checks the MX records of `domain` against the expected receiver. */
export async function checkMx(
  domain: string,
  expectation: ReceiverExpectation,
  resolver: Resolver,
): Promise<Finding[]> {
  const expected =
    expectation.kind === 'none'
      ? '0 . (null MX: this domain receives no mail)'
      : expectation.hosts.length > 0
        ? expectation.hosts.join(', ')
        : expectation.hostSuffixes.length > 0
          ? `a host ending in ${expectation.hostSuffixes.join(' or ')}`
          : 'at least one mail server';
  let records: MxAnswer[];
  try {
    records = await resolver(domain, 'MX');
  } catch (error) {
    if (!isNoRecord(error)) return [createDnsFailureFinding('mx', domain, error, expected)];
    return reportMissingMx(domain, expectation, expected, error);
  }

  const nullRecords = records.filter(isNullMx);
  const hostRecords = records.filter((record) => !isNullMx(record));
  const base = { check: 'mx', expected };

  if (expectation.kind === 'none') {
    if (nullRecords.length > 0 && hostRecords.length === 0) {
      return [
        {
          ...base,
          status: 'ok',
          found: records.map(formatMx).join(', '),
          why: 'A null MX tells senders at once that this domain receives no mail (RFC 7505 3).',
        },
      ];
    }
    return hostRecords.map((record) => ({
      ...base,
      status: 'warn' as const,
      found: formatMx(record),
      fix: deleteFix(domain, record),
      why: `This domain should receive no mail, yet an MX record points at ${normalizeHost(record.exchange)} (RFC 7505 3).`,
    }));
  }

  const findings: Finding[] = [];
  for (const record of nullRecords) {
    findings.push({
      ...base,
      status: 'fail',
      found: records.map(formatMx).join(', '),
      fix: deleteFix(domain, record),
      why:
        hostRecords.length > 0
          ? 'A null MX ("0 .") sits next to real mail servers, which is forbidden and confuses senders; delete it (RFC 7505 3).'
          : `The null MX ("0 .") tells every sender this domain accepts no mail; delete it and publish ${expectation.name}'s servers (RFC 7505 3).`,
    });
  }

  const leftovers = hostRecords.filter((record) => !belongsToReceiver(record.exchange, expectation));
  for (const record of leftovers) {
    findings.push({
      ...base,
      status: 'fail',
      found: formatMx(record),
      fix: deleteFix(domain, record),
      why: `An MX record still points at ${normalizeHost(record.exchange)}, so senders deliver part of your mail there instead of ${expectation.name} (RFC 5321 5.1).`,
    });
  }

  const present = new Set(hostRecords.map((record) => normalizeHost(record.exchange)));
  const missing = expectation.hosts.filter((host) => !present.has(normalizeHost(host)));
  const matched = hostRecords.filter((record) => belongsToReceiver(record.exchange, expectation));
  const usedPriorities = new Set(records.map((record) => record.priority));
  let nextPriority = PRIORITY_STEP;
  for (const host of missing) {
    while (usedPriorities.has(nextPriority)) nextPriority += PRIORITY_STEP;
    usedPriorities.add(nextPriority);
    findings.push({
      ...base,
      status: matched.length === 0 ? 'fail' : 'warn',
      found: hostRecords.length > 0 ? hostRecords.map(formatMx).join(', ') : null,
      fix: addFix(domain, host, nextPriority),
      why:
        matched.length === 0
          ? `No MX record points at ${expectation.name}, so mail for ${domain} never reaches it; add ${host} (any priority works) (RFC 5321 5.1).`
          : `${host} is missing, so mail has one fewer ${expectation.name} server to fall back on; add it (any priority works) (RFC 5321 5.1).`,
    });
  }
  if (matched.length === 0 && missing.length === 0) {
    findings.push({
      ...base,
      status: 'fail',
      found: hostRecords.map(formatMx).join(', ') || null,
      why: `No MX record points at ${expectation.name}, so mail for ${domain} never reaches it (RFC 5321 5.1).`,
    });
  }

  findings.push(...(await checkMxTargets(hostRecords, resolver)));
  if (findings.length === 0) {
    findings.push({
      ...base,
      status: 'ok',
      found: records.map(formatMx).join(', '),
      why: `Mail for ${domain} goes to ${expectation.name}, and every server name resolves (RFC 5321 5.1).`,
    });
  }
  return findings;
}

function reportMissingMx(
  domain: string,
  expectation: ReceiverExpectation,
  expected: string,
  error: unknown,
): Finding[] {
  const base = { check: 'mx', expected, found: null };
  const nameMissing = error instanceof DnsError && error.code === 'ENOTFOUND';
  if (expectation.kind === 'none') {
    return [
      {
        ...base,
        status: 'warn',
        fix: addFix(domain, '.', 0),
        why: 'Without any MX, senders try the domain\'s own address and retry for days; a null MX ("0 .") makes them give up at once (RFC 7505 3).',
      },
    ];
  }
  const nameHint = nameMissing ? `${domain} does not exist in DNS, so ` : 'There is no MX record, so ';
  if (expectation.hosts.length === 0) {
    return [
      {
        ...base,
        status: 'fail',
        why: `${nameHint}mail for the domain cannot reach ${expectation.name} (RFC 5321 5.1).`,
      },
    ];
  }
  return expectation.hosts.map((host, index) => ({
    ...base,
    status: 'fail' as const,
    fix: addFix(domain, host, (index + 1) * PRIORITY_STEP),
    why: `${nameHint}mail for the domain cannot reach ${expectation.name}; add ${host} (any priority works) (RFC 5321 5.1).`,
  }));
}

/** Every MX target must be a host name with an address, never an alias (RFC 2181 10.3, RFC 5321 5.1). */
async function checkMxTargets(records: MxAnswer[], resolver: Resolver): Promise<Finding[]> {
  const hosts = [...new Set(records.map((record) => normalizeHost(record.exchange)))];
  const findings = await Promise.all(hosts.map((host) => checkMxTarget(host, resolver)));
  return findings.filter((finding): finding is Finding => finding !== null);
}

async function checkMxTarget(host: string, resolver: Resolver): Promise<Finding | null> {
  const base = { check: 'mx.target', expected: `${host} has A/AAAA records and is not a CNAME` };
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':')) {
    return {
      ...base,
      status: 'fail',
      found: host,
      why: `The MX target ${host} is an IP address, but an MX must name a host; senders will not use it (RFC 5321 5.1).`,
    };
  }
  const [cname, ipv4, ipv6] = await Promise.allSettled([
    resolver(host, 'CNAME'),
    resolver(host, 'A'),
    resolver(host, 'AAAA'),
  ]);
  if (cname.status === 'fulfilled' && cname.value.length > 0) {
    return {
      ...base,
      status: 'fail',
      found: `CNAME ${cname.value[0]}`,
      why: `The MX target ${host} is an alias (CNAME) of ${cname.value[0]}; an MX must point at the real host name or some senders refuse it (RFC 2181 10.3).`,
    };
  }
  const addresses = [ipv4, ipv6].filter((answer) => answer.status === 'fulfilled').flatMap((answer) => answer.value);
  if (addresses.length > 0) return null;
  const failures = [ipv4, ipv6].map((answer) => (answer.status === 'rejected' ? answer.reason : null));
  if (failures.every((reason) => isNoRecord(reason))) {
    return {
      ...base,
      status: 'fail',
      found: null,
      why: `The MX target ${host} has no IPv4 or IPv6 address, so mail cannot be delivered to it (RFC 5321 5.1).`,
    };
  }
  const reason = failures.find((failure) => failure !== null && !isNoRecord(failure));
  return {
    ...base,
    status: 'warn',
    found: null,
    why: `The address of the MX target ${host} could not be checked because ${describeDnsFailure(reason)}.`,
  };
}
