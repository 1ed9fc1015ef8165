// DMARC (RFC 7489): parse and validate the policy record, check external report destinations, suggest the next step.
import type { DomainExpectations, Finding, RecordFix } from '../api/dns.ts';
import { createDnsFailureFinding, describeDnsFailure } from './dns-failure.ts';
import { isNoRecord, type Resolver } from './resolver.ts';

const DEFAULT_TTL = 3600;
/** RFC 7489 6.3 declares these tags; `np` comes from DMARCbis and is accepted by current receivers. */
const KNOWN_TAGS = new Set(['v', 'p', 'sp', 'np', 'adkim', 'aspf', 'fo', 'pct', 'rf', 'ri', 'rua', 'ruf']);
const POLICIES = ['none', 'quarantine', 'reject'] as const;
export type DmarcPolicy = (typeof POLICIES)[number];
/** RFC 7489 6.3 ri: a 32-bit unsigned integer of seconds. */
const MAX_REPORT_INTERVAL = 2 ** 32 - 1;
/** Second-level labels under which registrations sit one level lower (co.uk, com.au…); see approximateOrgDomain. */
const SECOND_LEVEL_REGISTRIES = new Set(['co', 'com', 'net', 'org', 'gov', 'edu', 'ac', 'or', 'ne', 'go']);

export type DmarcRecord = {
  policy: DmarcPolicy | null;
  subdomainPolicy: DmarcPolicy | null;
  percent: number;
  dkimAlignment: 'r' | 's';
  spfAlignment: 'r' | 's';
  aggregateReports: string[];
  failureReports: string[];
  failureOptions: string[];
  reportInterval: number;
  tags: Map<string, string>;
  /** Problems that make the record (or a tag) unusable. */
  errors: string[];
  /** Tags receivers will ignore, and other oddities that do not break the record. */
  warnings: string[];
};

/** Parses a DMARC record (RFC 7489 6.4 formal definition; 6.3 tag semantics and defaults). */
export function parseDmarcRecord(value: string): DmarcRecord {
  const tags = new Map<string, string>();
  const errors: string[] = [];
  const warnings: string[] = [];
  const parts = value
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  parts.forEach((part, index) => {
    const equals = part.indexOf('=');
    if (equals <= 0) {
      errors.push(`"${part}" is not a tag=value pair`);
      return;
    }
    const name = part.slice(0, equals).trim().toLowerCase();
    const tagValue = part.slice(equals + 1).trim();
    if (index === 0 && name !== 'v') errors.push('the record must start with v=DMARC1');
    if (tags.has(name)) warnings.push(`${name}= appears twice; receivers use the first`);
    else tags.set(name, tagValue);
    if (!KNOWN_TAGS.has(name)) warnings.push(`${name}= is not a DMARC tag and is ignored`);
  });
  if (tags.get('v') !== 'DMARC1') errors.push(`v= must be exactly DMARC1 (found ${tags.get('v') ?? 'nothing'})`);

  const readPolicy = (tag: string): DmarcPolicy | null => {
    const raw = tags.get(tag);
    if (raw === undefined) return null;
    const policy = POLICIES.find((candidate) => candidate === raw.toLowerCase());
    if (!policy) errors.push(`${tag}=${raw} is not none, quarantine or reject`);
    return policy ?? null;
  };
  const policy = readPolicy('p');
  const subdomainPolicy = readPolicy('sp');
  readPolicy('np');
  if (!tags.has('p')) errors.push('the required p= tag is missing');

  const readAlignment = (tag: string): 'r' | 's' => {
    const raw = (tags.get(tag) ?? 'r').toLowerCase();
    if (raw !== 'r' && raw !== 's') errors.push(`${tag}=${raw} must be r or s`);
    return raw === 's' ? 's' : 'r';
  };

  let percent = 100;
  if (tags.has('pct')) {
    const raw = tags.get('pct') ?? '';
    percent = /^\d{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(percent >= 0 && percent <= 100)) {
      errors.push(`pct=${raw} must be a whole number from 0 to 100`);
      percent = 100;
    }
  }
  let reportInterval = 86400;
  if (tags.has('ri')) {
    const raw = tags.get('ri') ?? '';
    reportInterval = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(reportInterval <= MAX_REPORT_INTERVAL)) {
      errors.push(`ri=${raw} must be a number of seconds`);
      reportInterval = 86400;
    }
  }
  const failureOptions = (tags.get('fo') ?? '0').split(':').map((option) => option.trim());
  for (const option of failureOptions) {
    if (!['0', '1', 'd', 's'].includes(option)) errors.push(`fo=${tags.get('fo')} may only hold 0, 1, d and s`);
  }
  if (tags.has('rf') && (tags.get('rf') ?? '').toLowerCase() !== 'afrf') {
    warnings.push(`rf=${tags.get('rf')} is not afrf, the only report format defined`);
  }
  const readUris = (tag: string): string[] => {
    if (!tags.has(tag)) return [];
    const uris = (tags.get(tag) ?? '').split(',').map((uri) => uri.trim()).filter(Boolean);
    for (const uri of uris) {
      if (!/^mailto:[^@\s]+@[^@\s!]+(![0-9]+[kmgt]?)?$/i.test(uri)) errors.push(`${tag}= holds "${uri}", which is not a mailto: address`);
    }
    return uris;
  };

  return {
    policy,
    subdomainPolicy,
    percent,
    dkimAlignment: readAlignment('adkim'),
    spfAlignment: readAlignment('aspf'),
    aggregateReports: readUris('rua'),
    failureReports: readUris('ruf'),
    failureOptions,
    reportInterval,
    tags,
    errors,
    warnings,
  };
}

/** The host part of a `mailto:` report URI, without the optional `!size` suffix (RFC 7489 6.2). */
export function readReportHost(uri: string): string | null {
  const match = /^mailto:[^@]+@([^!]+)/i.exec(uri.trim());
  return match?.[1]?.toLowerCase().replace(/\.$/, '') ?? null;
}

/**
 * An approximation of the Organizational Domain (RFC 7489 3.2) without the Public Suffix List: the last two labels,
 * or three under a two-letter TLD's usual second-level registries (example.co.uk). Good enough to tell whether a
 * report address is "ours" or external.
 */
export function approximateOrgDomain(domain: string): string {
  const labels = domain.toLowerCase().replace(/\.$/, '').split('.');
  const tld = labels[labels.length - 1] ?? '';
  const second = labels[labels.length - 2] ?? '';
  const take = tld.length === 2 && SECOND_LEVEL_REGISTRIES.has(second) ? 3 : 2;
  return labels.slice(-take).join('.');
}

function isExternalDestination(domain: string, host: string): boolean {
  return approximateOrgDomain(domain) !== approximateOrgDomain(host);
}

/** The next step on the path none (with rua) → quarantine → reject, never past what the admin wants. */
export function suggestNextPolicy(current: DmarcPolicy, wanted: DmarcPolicy = 'reject'): DmarcPolicy | null {
  const currentIndex = POLICIES.indexOf(current);
  const wantedIndex = POLICIES.indexOf(wanted);
  return currentIndex < wantedIndex ? (POLICIES[currentIndex + 1] ?? null) : null;
}

/** Replaces (or adds) one tag in a record, keeping the others in place. */
function setDmarcTag(value: string, tag: string, tagValue: string): string {
  const parts = value.split(';').map((part) => part.trim()).filter(Boolean);
  const index = parts.findIndex((part) => part.split('=')[0]?.trim().toLowerCase() === tag);
  if (index >= 0) parts[index] = `${tag}=${tagValue}`;
  else parts.splice(tag === 'p' ? 1 : parts.length, 0, `${tag}=${tagValue}`);
  return parts.join('; ');
}

export type DmarcWishes = DomainExpectations['dmarc'];

/** Checks `_dmarc.<domain>`: one finding `dmarc` (its `why` names the next step), plus `dmarc.report` per external destination. */
export async function checkDmarc(domain: string, wishes: DmarcWishes, resolver: Resolver): Promise<Finding[]> {
  const name = `_dmarc.${domain}`;
  const orgDomain = approximateOrgDomain(domain);
  const rua = wishes.rua ?? `mailto:dmarc-reports@${domain}`;
  const starter = `v=DMARC1; p=none; rua=${rua}`;
  const expected = wishes.policy ? `v=DMARC1; p=${wishes.policy}; rua=…` : 'v=DMARC1; p=none|quarantine|reject; rua=mailto:…';

  // RFC 7489 6.6.3: without a record at the domain, the Organizational Domain's record applies. Ask both at once.
  const [own, inherited] = await Promise.allSettled([
    resolver(name, 'TXT'),
    orgDomain !== domain ? resolver(`_dmarc.${orgDomain}`, 'TXT') : Promise.reject(new Error('same domain')),
  ]);
  if (own.status === 'rejected' && !isNoRecord(own.reason)) return [createDnsFailureFinding('dmarc', name, own.reason, expected)];

  // RFC 7489 6.6.3: records that do not start with v=DMARC1 are discarded.
  const records = own.status === 'fulfilled' ? own.value.map((strings) => strings.join('')).filter((value) => /^v\s*=\s*DMARC1/i.test(value.trim())) : [];
  if (records.length === 0) {
    const inheritedRecord =
      inherited.status === 'fulfilled'
        ? inherited.value.map((strings) => strings.join('')).find((value) => /^v\s*=\s*DMARC1/i.test(value.trim()))
        : undefined;
    if (inheritedRecord) {
      return [
        {
          check: 'dmarc',
          status: 'ok',
          found: `${inheritedRecord} (inherited from _dmarc.${orgDomain})`,
          expected,
          why: `No record at ${name}, so receivers apply the policy of ${orgDomain} (RFC 7489 6.6.3).`,
        },
      ];
    }
    return [
      {
        check: 'dmarc',
        status: 'fail',
        found: null,
        expected,
        fix: { action: 'add', record: { type: 'TXT', name, value: starter, ttl: DEFAULT_TTL } },
        why: `There is no DMARC record, so receivers do not know what to do with mail forged in your name and send you no reports; start with p=none and reports (RFC 7489 6.1).`,
      },
    ];
  }
  if (records.length > 1) {
    return [
      {
        check: 'dmarc',
        status: 'fail',
        found: records.join(' | '),
        expected,
        why: `There are ${records.length} DMARC records at ${name}, so receivers ignore them all; keep exactly one (RFC 7489 6.6.3).`,
      },
    ];
  }

  const value = records[0] ?? '';
  const record = parseDmarcRecord(value);
  const replace = (newValue: string): RecordFix => ({
    action: 'replace',
    record: { type: 'TXT', name, value: newValue, ttl: DEFAULT_TTL },
    current: value,
  });
  const findings: Finding[] = [];

  if (record.errors.length > 0) {
    const repaired = record.policy ? null : starter;
    findings.push({
      check: 'dmarc',
      status: 'fail',
      found: value,
      expected,
      ...(repaired ? { fix: replace(repaired) } : {}),
      why: `The DMARC record is invalid (${record.errors.join('; ')}), so receivers may ignore it (RFC 7489 6.3).`,
    });
  } else {
    findings.push(judgePolicy(value, record, wishes, replace, expected));
  }

  findings.push(...(await checkReportDestinations(domain, record, resolver)));
  return findings;
}

function judgePolicy(
  value: string,
  record: DmarcRecord,
  wishes: DmarcWishes,
  replace: (value: string) => RecordFix,
  expected: string,
): Finding {
  const policy = record.policy ?? 'none';
  const base = { check: 'dmarc', found: value, expected };
  if (record.aggregateReports.length === 0) {
    const rua = wishes.rua ?? null;
    return {
      ...base,
      status: 'warn',
      ...(rua ? { fix: replace(setDmarcTag(value, 'rua', rua)) } : {}),
      why: `The record asks for no aggregate reports (rua=), so you cannot see who sends mail as your domain before tightening the policy (RFC 7489 7.2).`,
    };
  }
  if (wishes.policy) {
    const next = suggestNextPolicy(policy, wishes.policy);
    if (next) {
      return {
        ...base,
        status: 'warn',
        fix: replace(setDmarcTag(value, 'p', next)),
        why: `The policy is p=${policy} and you want p=${wishes.policy}; once the reports show only your own services passing, move one step to p=${next} (RFC 7489 6.3).`,
      };
    }
  }
  const notes: string[] = [];
  if (record.percent < 100) notes.push(`only ${record.percent}% of failing mail gets the policy (pct)`);
  if (record.warnings.length > 0) notes.push(record.warnings.join('; '));
  const nextStep = policy === 'reject' ? '' : ` Next step when reports look clean: p=${suggestNextPolicy(policy) ?? 'reject'}.`;
  return {
    ...base,
    status: notes.length > 0 ? 'warn' : 'ok',
    why:
      notes.length > 0
        ? `The DMARC record works, but ${notes.join('; ')} (RFC 7489 6.3).${nextStep}`
        : `A valid DMARC record with p=${policy} and aggregate reports is published (RFC 7489 6.3).${nextStep}`,
  };
}

/**
 * RFC 7489 7.1: a receiver sends reports to another organization's address only if that organization publishes
 * `<domain>._report._dmarc.<destination>` with v=DMARC1. Without it, reports silently never arrive.
 */
async function checkReportDestinations(domain: string, record: DmarcRecord, resolver: Resolver): Promise<Finding[]> {
  const hosts = new Set<string>();
  for (const uri of [...record.aggregateReports, ...record.failureReports]) {
    const host = readReportHost(uri);
    if (host && isExternalDestination(domain, host)) hosts.add(host);
  }
  return Promise.all(
    [...hosts].map(async (host): Promise<Finding> => {
      const name = `${domain}._report._dmarc.${host}`;
      const expected = `TXT ${name} "v=DMARC1"`;
      try {
        const answer = await resolver(name, 'TXT');
        const authorized = answer.some((strings) => /^v\s*=\s*DMARC1/i.test(strings.join('').trim()));
        return {
          check: 'dmarc.report',
          status: authorized ? 'ok' : 'warn',
          found: answer.map((strings) => strings.join('')).join(' | '),
          expected,
          why: authorized
            ? `${host} accepts DMARC reports for ${domain} (RFC 7489 7.1).`
            : `${host} publishes a record at ${name} that does not start with v=DMARC1, so receivers will not send it reports (RFC 7489 7.1).`,
        };
      } catch (error) {
        if (!isNoRecord(error)) {
          return { check: 'dmarc.report', status: 'warn', found: null, expected, why: `The report authorization at ${name} could not be checked because ${describeDnsFailure(error)}.` };
        }
        return {
          check: 'dmarc.report',
          status: 'warn',
          found: null,
          expected,
          why: `Reports go to ${host}, another organization, which has not published ${name}; receivers will not send it your reports until it does (RFC 7489 7.1).`,
        };
      }
    }),
  );
}
