// DMARC (RFC 7489) of a domain: check `_dmarc.<domain>` against the admin's wishes, and its external report destinations.
import type { DomainExpectations, Finding, RecordFix } from '../api/dns.ts';
import { createDnsFailureFinding, describeDnsFailure } from './dns-failure.ts';
import {
  approximateOrgDomain,
  isExternalDestination,
  parseDmarcRecord,
  readReportHost,
  setDmarcTag,
  suggestNextPolicy,
  type DmarcRecord,
} from './dmarc-record.ts';
import { isNoRecord, type Resolver } from './resolver.ts';

const DEFAULT_TTL = 3600;

export type DmarcWishes = DomainExpectations['dmarc'];

/** Checks `_dmarc.<domain>`: one finding `dmarc` (its `why` names the next step), plus `dmarc.report` per external destination. */
export async function checkDmarc(domain: string, wishes: DmarcWishes, resolver: Resolver): Promise<Finding[]> {
  const name = `_dmarc.${domain}`;
  const orgDomain = approximateOrgDomain(domain);
  const rua = wishes.rua ?? `mailto:dmarc-reports@${domain}`;
  const starter = `v=DMARC1; p=none; rua=${rua}`;
  const expected = wishes.policy
    ? `v=DMARC1; p=${wishes.policy}; rua=…`
    : 'v=DMARC1; p=none|quarantine|reject; rua=mailto:…';

  // RFC 7489 6.6.3: without a record at the domain, the Organizational Domain's record applies. Ask both at once.
  const [own, inherited] = await Promise.allSettled([
    resolver(name, 'TXT'),
    orgDomain !== domain ? resolver(`_dmarc.${orgDomain}`, 'TXT') : Promise.reject(new Error('same domain')),
  ]);
  if (own.status === 'rejected' && !isNoRecord(own.reason))
    return [createDnsFailureFinding('dmarc', name, own.reason, expected)];

  // RFC 7489 6.6.3: records that do not start with v=DMARC1 are discarded.
  const records =
    own.status === 'fulfilled'
      ? own.value.map((strings) => strings.join('')).filter((value) => /^v\s*=\s*DMARC1/i.test(value.trim()))
      : [];
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
  const nextStep =
    policy === 'reject' ? '' : ` Next step when reports look clean: p=${suggestNextPolicy(policy) ?? 'reject'}.`;
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
          return {
            check: 'dmarc.report',
            status: 'warn',
            found: null,
            expected,
            why: `The report authorization at ${name} could not be checked because ${describeDnsFailure(error)}.`,
          };
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
