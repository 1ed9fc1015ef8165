// SPF validation: precise issues about a record and about a domain's published SPF setup (RFC 7208).
import { DnsError, type Resolver } from '../resolver.ts';
import { joinTxt } from '../txt.ts';
import { lookupSpfRecords } from './evaluate.ts';
import { MAX_DNS_LOOKUPS, MAX_VOID_LOOKUPS } from './session.ts';
import { collectVoidTargets, findBrokenIncludes, resolveRecordTree, type SpfTreeNode } from './lookup-tree.ts';
import { isLookupTerm, isSpfRecord, parseSpfRecord } from './parse.ts';

export type SpfIssueCode =
  | 'syntax'
  | 'macro'
  | 'multiple-records'
  | 'spf-rr-type'
  | 'ptr'
  | 'pass-all'
  | 'neutral-all'
  | 'missing-all'
  | 'redirect-with-all'
  | 'too-many-lookups'
  | 'too-many-void-lookups'
  | 'broken-include'
  | 'lookup-failed';

export type SpfIssue = {
  code: SpfIssueCode;
  /** error: receivers get permerror or the policy is harmful; warning: legal but discouraged. */
  severity: 'error' | 'warning';
  message: string;
  /** Offset of the term in the record, for syntax issues. */
  position?: number;
  term?: string;
};

/** The issues visible in one record's text, without DNS. */
export function validateSpfRecord(record: string): SpfIssue[] {
  const issues: SpfIssue[] = [];
  const parsed = parseSpfRecord(record);
  for (const error of parsed.errors) {
    const isMacro = /macro|"%"/.test(error.message);
    issues.push({
      code: isMacro ? 'macro' : 'syntax',
      severity: 'error',
      message: `RFC 7208 ${isMacro ? '7.1' : '4.6.1'}: "${error.term}" at position ${error.position}: ${error.message}; receivers return permerror.`,
      position: error.position,
      term: error.term,
    });
  }
  const mechanisms = parsed.terms.filter((term) => term.kind === 'mechanism');
  const all = mechanisms.find((term) => term.name === 'all');
  const redirect = parsed.terms.find((term) => term.kind === 'modifier' && term.name === 'redirect');
  for (const term of mechanisms) {
    if (term.name === 'ptr') {
      issues.push({
        code: 'ptr',
        severity: 'warning',
        message: `RFC 7208 5.5: "${term.text}" should not be used: it is slow, unreliable and some receivers ignore it; list the sending IPs with ip4/ip6 instead.`,
        position: term.position,
        term: term.text,
      });
    }
  }
  if (all?.qualifier === '+') {
    issues.push({
      code: 'pass-all',
      severity: 'error',
      message: `RFC 7208 5.1: "${all.text}" authorizes every host on the Internet to send as this domain; use "~all" or "-all".`,
      position: all.position,
      term: all.text,
    });
  } else if (all?.qualifier === '?') {
    issues.push({
      code: 'neutral-all',
      severity: 'warning',
      message:
        'RFC 7208 8.2: "?all" states nothing about other hosts, so forged mail is not flagged; use "~all" or "-all".',
      position: all.position,
      term: all.text,
    });
  }
  if (!all && !redirect && parsed.errors.length === 0) {
    issues.push({
      code: 'missing-all',
      severity: 'warning',
      message:
        'RFC 7208 4.7: the record ends without "all", so every other host gets "neutral"; end it with "~all" or "-all".',
    });
  }
  if (all && redirect) {
    issues.push({
      code: 'redirect-with-all',
      severity: 'warning',
      message: `RFC 7208 6.1: "${redirect.text}" is ignored because the record has "${all.text}".`,
      position: redirect.position,
      term: redirect.text,
    });
  }
  const ownLookups = parsed.terms.filter(isLookupTerm).length;
  if (ownLookups > MAX_DNS_LOOKUPS) {
    issues.push({
      code: 'too-many-lookups',
      severity: 'error',
      message: `RFC 7208 4.6.4: the record has ${ownLookups} DNS-querying terms, more than ${MAX_DNS_LOOKUPS}; receivers return permerror.`,
    });
  }
  return issues;
}

export type SpfDomainAnalysis = {
  domain: string;
  status: 'found' | 'none' | 'temperror';
  /** Every published "v=spf1" TXT record. */
  records: string[];
  /** "v=spf1" records of the obsolete SPF RR type (99). */
  spfTypeRecords: string[];
  issues: SpfIssue[];
  /** DNS-querying terms counted through include/redirect, and void lookups, of the first record. */
  lookups: number;
  voidLookups: number;
  tree: SpfTreeNode | null;
};

/** Everything wrong with a domain's SPF setup: record count, RR type, syntax, policy, recursive limits. */
export async function analyzeSpfDomain(domain: string, resolver: Resolver): Promise<SpfDomainAnalysis> {
  const [lookup, spfTypeRecords] = await Promise.all([
    lookupSpfRecords(resolver, domain),
    lookupSpfTypeRecords(resolver, domain),
  ]);
  const analysis: SpfDomainAnalysis = {
    domain,
    status: lookup.status,
    records: lookup.records,
    spfTypeRecords,
    issues: [],
    lookups: 0,
    voidLookups: 0,
    tree: null,
  };
  if (lookup.status === 'temperror') {
    analysis.issues.push({
      code: 'lookup-failed',
      severity: 'warning',
      message: `RFC 7208 4.4: the TXT lookup of ${domain} failed (${lookup.error ?? 'no answer'}); receivers would return temperror.`,
    });
    return analysis;
  }
  if (spfTypeRecords.length > 0) {
    analysis.issues.push({
      code: 'spf-rr-type',
      severity: 'warning',
      message:
        'RFC 7208 3.1: the SPF record type (99) is obsolete and ignored; publish the record as TXT only and delete the SPF-type record.',
    });
  }
  if (lookup.records.length > 1) {
    analysis.issues.push({
      code: 'multiple-records',
      severity: 'error',
      message: `RFC 7208 3.2: a domain must publish exactly one SPF record; ${domain} has ${lookup.records.length}, so receivers return permerror (4.5).`,
    });
  }
  const record = lookup.records[0];
  if (record === undefined) return analysis;
  for (const published of lookup.records) analysis.issues.push(...validateSpfRecord(published));
  const tree = await resolveRecordTree(record, domain, resolver, [domain.toLowerCase()]);
  analysis.tree = tree;
  analysis.lookups = tree.lookups;
  const voidTargets = collectVoidTargets(tree);
  analysis.voidLookups = voidTargets.length;
  const ownLookups = parseSpfRecord(record).terms.filter(isLookupTerm).length;
  if (tree.lookups > MAX_DNS_LOOKUPS && ownLookups <= MAX_DNS_LOOKUPS) {
    analysis.issues.push({
      code: 'too-many-lookups',
      severity: 'error',
      message: `RFC 7208 4.6.4: evaluating the record takes ${tree.lookups} DNS-querying terms counted through its includes, more than ${MAX_DNS_LOOKUPS}; receivers return permerror.`,
    });
  }
  if (voidTargets.length > MAX_VOID_LOOKUPS) {
    analysis.issues.push({
      code: 'too-many-void-lookups',
      severity: 'error',
      message: `RFC 7208 4.6.4: ${voidTargets.length} terms point at names that do not exist (${voidTargets.join(', ')}), more than ${MAX_VOID_LOOKUPS}; receivers return permerror.`,
    });
  }
  for (const edge of findBrokenIncludes(tree)) {
    analysis.issues.push({
      code: 'broken-include',
      severity: 'error',
      message: `RFC 7208 5.2: "${edge.term.text}" points at ${edge.target}, which has ${describeStatus(edge.node.status)}; receivers return permerror.`,
      term: edge.term.text,
    });
  }
  return analysis;
}

function describeStatus(status: SpfTreeNode['status']): string {
  if (status === 'multiple') return 'several SPF records';
  if (status === 'syntax-error') return 'a broken SPF record';
  return 'no SPF record';
}

/** RFC 7208 3.1 / 14.1: type 99 records are obsolete; any answer at all is worth reporting. */
async function lookupSpfTypeRecords(resolver: Resolver, domain: string): Promise<string[]> {
  try {
    return (await resolver(domain, 'SPF')).map(joinTxt).filter(isSpfRecord);
  } catch (error) {
    if (error instanceof DnsError) return [];
    return [];
  }
}
