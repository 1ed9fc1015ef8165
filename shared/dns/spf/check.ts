// checkSpf: the SPF findings of a domain report, each with the exact record to publish (RFC 7208).
import type { Finding, RecordFix } from '../../api/dns.ts';
import type { Resolver } from '../resolver.ts';
import { MAX_DNS_LOOKUPS } from './session.ts';
import { collectReachedDomains } from './lookup-tree.ts';
import { mergeSpf } from './merge.ts';
import { normalizeTerm, parseSpfRecord, SPF_VERSION } from './parse.ts';
import { analyzeSpfDomain, type SpfIssue } from './validate.ts';

/** TTL of the proposed record: an hour, short enough to correct a mistake the same day. */
export const SPF_RECORD_TTL = 3600;

/** Finer check ids, one per kind of issue (`spf.lookups`, `spf.ptr`, …). */
const ISSUE_CHECK_ID: Record<SpfIssue['code'], string> = {
  syntax: 'spf.syntax',
  macro: 'spf.macro',
  'multiple-records': 'spf.multiple',
  'spf-rr-type': 'spf.rr-type',
  ptr: 'spf.ptr',
  'pass-all': 'spf.all',
  'neutral-all': 'spf.all',
  'missing-all': 'spf.all',
  'redirect-with-all': 'spf.redirect',
  'too-many-lookups': 'spf.lookups',
  'too-many-void-lookups': 'spf.void-lookups',
  'broken-include': 'spf.include',
  'lookup-failed': 'spf.dns',
};

/**
 * The findings of `domain`'s SPF: the main `spf` finding (ok/warn/fail with the merged record to publish when
 * something must change) followed by one finer finding per issue. A DNS failure is a `warn`, never a throw.
 */
export async function checkSpf(domain: string, requiredTerms: string[], resolver: Resolver): Promise<Finding[]> {
  try {
    return await checkSpfOrThrow(domain, requiredTerms, resolver);
  } catch (error) {
    return [
      {
        check: 'spf',
        status: 'warn',
        found: null,
        expected: null,
        why: `RFC 7208 4.4: the SPF record of ${domain} could not be checked (${error instanceof Error ? error.message : String(error)}); try again later.`,
      },
    ];
  }
}

async function checkSpfOrThrow(domain: string, requiredTerms: string[], resolver: Resolver): Promise<Finding[]> {
  const analysis = await analyzeSpfDomain(domain, resolver);
  if (analysis.status === 'temperror') {
    return [
      {
        check: 'spf',
        status: 'warn',
        found: null,
        expected: null,
        why:
          analysis.issues[0]?.message ??
          `RFC 7208 4.4: the TXT lookup of ${domain} failed; receivers would return temperror.`,
      },
    ];
  }
  const merge = await mergeSpf(analysis.records, requiredTerms, resolver, { domain });
  const found = analysis.records.length > 0 ? analysis.records.join('\n') : null;
  const firstRecord = analysis.records[0];
  const fix: RecordFix = {
    action: firstRecord === undefined ? 'add' : 'replace',
    record: { type: 'TXT', name: domain, value: merge.record, ttl: SPF_RECORD_TTL },
    ...(firstRecord === undefined ? {} : { current: firstRecord }),
  };
  const missing = findMissingTerms(
    analysis.records[0] ?? null,
    requiredTerms,
    analysis.tree ? collectReachedDomains(analysis.tree) : new Set(),
  );
  const errors = analysis.issues.filter((issue) => issue.severity === 'error');
  const warnings = analysis.issues.filter((issue) => issue.severity === 'warning');

  const findings: Finding[] = [];
  if (firstRecord === undefined) {
    findings.push({
      check: 'spf',
      status: 'fail',
      found: null,
      expected: merge.record,
      fix,
      why: `RFC 7208 3.2: ${domain} publishes no SPF record, so receivers cannot tell its real senders from forgers; publish exactly one TXT record starting with "${SPF_VERSION}".`,
    });
  } else if (analysis.records.length > 1) {
    findings.push({
      check: 'spf',
      status: 'fail',
      found,
      expected: merge.record,
      fix,
      why: `RFC 7208 3.2: a domain must publish exactly one SPF record; ${domain} has ${analysis.records.length}, so receivers return permerror (4.5) — replace them by the one merged record.`,
    });
    for (const extra of analysis.records.slice(1)) {
      findings.push({
        check: 'spf.duplicate',
        status: 'fail',
        found: extra,
        expected: null,
        fix: {
          action: 'delete',
          record: { type: 'TXT', name: domain, value: extra, ttl: SPF_RECORD_TTL },
          current: extra,
        },
        why: 'RFC 7208 3.2: this second SPF record must be deleted once the merged record is published.',
      });
    }
  } else if (errors.length > 0 || missing.length > 0) {
    const firstError = errors[0];
    findings.push({
      check: 'spf',
      status: 'fail',
      found,
      expected: merge.record,
      ...(merge.changed ? { fix } : {}),
      why: firstError
        ? firstError.message
        : `RFC 7208 5.2: the record does not authorize ${missing.join(', ')}, so mail sent through ${missing.length > 1 ? 'these senders' : 'this sender'} fails SPF; add ${missing.length > 1 ? 'them' : 'it'} before "all".`,
    });
  } else if (warnings.length > 0) {
    findings.push({
      check: 'spf',
      status: 'warn',
      found,
      expected: merge.record,
      ...(merge.changed ? { fix } : {}),
      why: warnings[0]?.message ?? 'RFC 7208: the record works but could be better.',
    });
  } else {
    findings.push({
      check: 'spf',
      status: 'ok',
      found,
      expected: merge.record,
      why: `RFC 7208 3.2: ${domain} publishes one valid SPF record using ${analysis.lookups} of the ${MAX_DNS_LOOKUPS} allowed DNS lookups (4.6.4).`,
    });
  }

  for (const issue of analysis.issues) {
    if (issue.code === 'multiple-records') continue;
    findings.push({
      check: ISSUE_CHECK_ID[issue.code],
      status: issue.severity === 'error' ? 'fail' : 'warn',
      found: issue.term ?? found,
      expected: issue.code === 'too-many-lookups' ? `at most ${MAX_DNS_LOOKUPS} lookups` : null,
      why: issue.message,
    });
  }
  for (const warning of merge.warnings) {
    if (!/flattened/.test(warning)) continue;
    findings.push({
      check: 'spf.flattened',
      status: 'warn',
      found: null,
      expected: merge.record,
      why: `RFC 7208 4.6.4: ${warning}`,
    });
  }
  return findings;
}

/** Required terms neither written in the record nor reached through one of its includes. */
function findMissingTerms(record: string | null, requiredTerms: string[], reachedDomains: Set<string>): string[] {
  const present = new Set(record ? parseSpfRecord(record).terms.map(normalizeTerm) : []);
  return requiredTerms.filter((required) => {
    const [term] = parseSpfRecord(`${SPF_VERSION} ${required.trim()}`).terms;
    if (!term) return false;
    if (term.kind === 'mechanism' && term.name === 'all') return false;
    if (present.has(normalizeTerm(term))) return false;
    if (term.kind === 'mechanism' && term.name === 'include' && term.domainSpec !== null) {
      return !reachedDomains.has(term.domainSpec.replace(/\.$/, '').toLowerCase());
    }
    return true;
  });
}
