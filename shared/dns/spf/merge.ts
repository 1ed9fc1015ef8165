// mergeSpf: the one SPF record a domain should publish, keeping what it has and adding what its senders need.
import type { Resolver } from '../resolver.ts';
import { MAX_DNS_LOOKUPS } from './session.ts';
import { collectReachedDomains, resolveRecordTree } from './lookup-tree.ts';
import { countLookups, dropRedundantTerms, flattenIncludes, isPlainInclude, type Item } from './lookup-limit.ts';
import { isSpfRecord, normalizeTerm, parseSpfRecord, SPF_VERSION, type SpfMechanism, type SpfTerm } from './parse.ts';

export type SpfMerge = {
  record: string;
  /** DNS-querying terms of the merged record, counted through its includes when a resolver was given. */
  lookups: number;
  warnings: string[];
  /** False when the domain already publishes exactly this record. */
  changed: boolean;
};

export type MergeOptions = { domain?: string };

/** The qualifier added when no record says how to treat other hosts: flag, don't reject (RFC 7208 8.5). */
export const DEFAULT_ALL = '~all';

/**
 * Merges the published record(s) with the terms senders need: every existing mechanism kept in order, the new
 * terms added before "all", exact duplicates removed, one record out of several. When the result needs more
 * than 10 lookups (RFC 7208 4.6.4) it first drops redundant terms, then flattens includes to ip4/ip6 as a last
 * resort (with a warning: flattened addresses go stale when the provider changes them).
 */
export async function mergeSpf(
  existing: string | readonly string[] | null,
  requiredTerms: readonly string[],
  resolver?: Resolver,
  options: MergeOptions = {},
): Promise<SpfMerge> {
  const warnings: string[] = [];
  const published = (existing === null ? [] : typeof existing === 'string' ? [existing] : [...existing]).map((record) =>
    record.trim(),
  );
  const records = published.filter((record) => {
    if (isSpfRecord(record)) return true;
    if (record !== '') warnings.push(`"${record}" is not an SPF record (no "v=spf1"): left out.`);
    return false;
  });
  if (records.length > 1)
    warnings.push(`${records.length} SPF records merged into one (RFC 7208 3.2: a domain must publish exactly one).`);

  const mechanisms: Item[] = [];
  const modifiers: Item[] = [];
  let all: SpfMechanism | null = null;
  const seen = new Set<string>();
  const addItem = (list: Item[], term: SpfTerm): boolean => {
    const key = normalizeTerm(term);
    if (seen.has(key)) return false;
    seen.add(key);
    list.push({ text: term.text, term });
    return true;
  };
  for (const record of records) {
    const parsed = parseSpfRecord(record);
    for (const error of parsed.errors) warnings.push(`"${error.term}" dropped: ${error.message}.`);
    for (const term of parsed.terms) {
      if (term.kind === 'mechanism' && term.name === 'all') {
        if (!all) all = term;
        else if (all.qualifier !== term.qualifier)
          warnings.push(`"${term.text}" dropped: the first record's "${all.text}" is kept.`);
        continue;
      }
      if (term.kind === 'modifier' && (term.name === 'redirect' || term.name === 'exp')) {
        const first = modifiers.find((item) => item.term.kind === 'modifier' && item.term.name === term.name);
        if (first && normalizeTerm(first.term) !== normalizeTerm(term)) {
          warnings.push(`"${term.text}" dropped: a record may carry only one ${term.name}= (RFC 7208 6).`);
          continue;
        }
      }
      addItem(term.kind === 'mechanism' ? mechanisms : modifiers, term);
    }
  }

  // Includes already reached through the existing includes need no second entry.
  const reached = resolver
    ? collectReachedDomains(
        await resolveRecordTree(
          [SPF_VERSION, ...mechanisms.map((item) => item.text)].join(' '),
          options.domain ?? null,
          resolver,
        ),
      )
    : new Set<string>();
  for (const required of requiredTerms) {
    const parsed = parseSpfRecord(`${SPF_VERSION} ${required.trim()}`);
    const [term] = parsed.terms;
    if (parsed.errors.length > 0 || !term || parsed.terms.length !== 1) {
      warnings.push(`required term "${required}" is not a valid SPF term: ignored.`);
      continue;
    }
    if (term.kind === 'mechanism' && term.name === 'all') continue;
    if (
      isPlainInclude(term) &&
      reached.has(term.domainSpec.replace(/\.$/, '').toLowerCase()) &&
      !seen.has(normalizeTerm(term))
    ) {
      warnings.push(`"${term.text}" not added: ${term.domainSpec} is already included through another include.`);
      continue;
    }
    addItem(term.kind === 'mechanism' ? mechanisms : modifiers, term);
  }

  // RFC 7208 6.1: redirect is ignored when "all" is present, so a merged redirect becomes an include.
  const redirectIndex = modifiers.findIndex((item) => item.term.kind === 'modifier' && item.term.name === 'redirect');
  const redirect = modifiers[redirectIndex];
  if (all && redirect && redirect.term.kind === 'modifier') {
    modifiers.splice(redirectIndex, 1);
    const include = parseSpfRecord(`${SPF_VERSION} include:${redirect.term.value}`).terms[0];
    if (include && addItem(mechanisms, include)) {
      warnings.push(
        `"${redirect.text}" would be ignored next to "${all.text}" (RFC 7208 6.1): turned into "include:${redirect.term.value}".`,
      );
    }
  }
  const allText = all
    ? all.text
    : modifiers.some((item) => item.term.kind === 'modifier' && item.term.name === 'redirect')
      ? null
      : DEFAULT_ALL;

  const build = (): string =>
    [
      SPF_VERSION,
      ...mechanisms.map((item) => item.text),
      ...(allText ? [allText] : []),
      ...modifiers.map((item) => item.text),
    ].join(' ');

  let record = build();
  let lookups = await countLookups(record, resolver, options.domain);
  if (!resolver) warnings.push('lookups counted without DNS: includes were not followed.');

  if (lookups > MAX_DNS_LOOKUPS && resolver) {
    await dropRedundantTerms(mechanisms, resolver, options.domain, warnings, () => build());
    record = build();
    lookups = await countLookups(record, resolver, options.domain);
  }
  if (lookups > MAX_DNS_LOOKUPS && resolver) {
    await flattenIncludes(mechanisms, resolver, options.domain, warnings, () => build());
    record = build();
    lookups = await countLookups(record, resolver, options.domain);
  }
  if (lookups > MAX_DNS_LOOKUPS) {
    warnings.push(
      `the merged record still needs ${lookups} DNS lookups, more than ${MAX_DNS_LOOKUPS} (RFC 7208 4.6.4): receivers will return permerror.`,
    );
  }
  const changed = records.length !== 1 || !sameTerms(records[0] ?? '', record);
  return { record, lookups, warnings, changed };
}

function sameTerms(left: string, right: string): boolean {
  if (parseSpfRecord(left).errors.length > 0) return false;
  const normalize = (record: string): string => parseSpfRecord(record).terms.map(normalizeTerm).join(' ');
  return normalize(left) === normalize(right);
}
