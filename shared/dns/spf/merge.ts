// mergeSpf: the one SPF record a domain should publish, keeping what it has and adding what its senders need.
import { DnsError, type Resolver } from '../resolver.ts';
import { MAX_DNS_LOOKUPS } from './session.ts';
import { formatIp, matchesCidr, parseAnswerIp, type IpAddress } from './ip.ts';
import { collectReachedDomains, resolveRecordTree, type SpfTreeNode } from './lookup-tree.ts';
import {
  isLookupTerm,
  isSpfRecord,
  normalizeTerm,
  parseSpfRecord,
  SPF_VERSION,
  type SpfMechanism,
  type SpfTerm,
} from './parse.ts';

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

type Item = { text: string; term: SpfTerm };

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

async function countLookups(
  record: string,
  resolver: Resolver | undefined,
  domain: string | undefined,
): Promise<number> {
  if (!resolver) return parseSpfRecord(record).terms.filter(isLookupTerm).length;
  return (await resolveRecordTree(record, domain ?? null, resolver, domain ? [domain.toLowerCase()] : [])).lookups;
}

/** The tree re-parses the record, so its terms are matched to the items by their canonical text. */
function findItemIndex(items: Item[], term: SpfTerm): number {
  const key = normalizeTerm(term);
  return items.findIndex((item) => normalizeTerm(item.term) === key);
}

function isPlainInclude(term: SpfTerm): term is SpfMechanism & { domainSpec: string } {
  return (
    term.kind === 'mechanism' &&
    term.name === 'include' &&
    term.qualifier === '+' &&
    term.domainSpec !== null &&
    !term.domainSpec.includes('%')
  );
}

/**
 * Smallest fixes first: an include already reached through another include, and a/mx terms whose every address
 * is already authorized by ip4/ip6 terms (here or in the includes) or that resolve to nothing.
 */
async function dropRedundantTerms(
  mechanisms: Item[],
  resolver: Resolver,
  domain: string | undefined,
  warnings: string[],
  build: () => string,
): Promise<void> {
  const tree = await resolveRecordTree(build(), domain ?? null, resolver, domain ? [domain.toLowerCase()] : []);
  for (const edge of tree.children) {
    if (!isPlainInclude(edge.term)) continue;
    const target = edge.target.toLowerCase();
    const via = tree.children.find(
      (other) =>
        other !== edge &&
        isPlainInclude(other.term) &&
        collectReachedDomains(other.node).has(target) &&
        findItemIndex(mechanisms, other.term) >= 0,
    );
    if (!via) continue;
    const index = findItemIndex(mechanisms, edge.term);
    if (index < 0) continue;
    mechanisms.splice(index, 1);
    warnings.push(`"${edge.term.text}" dropped: ${edge.target} is already included through "${via.term.text}".`);
    if ((await countLookups(build(), resolver, domain)) <= MAX_DNS_LOOKUPS) return;
  }
  // The networks authorized by everything except the top-level a/mx terms themselves.
  const others = mechanisms.filter(
    (item) => item.term.kind !== 'mechanism' || (item.term.name !== 'a' && item.term.name !== 'mx'),
  );
  const othersRecord = [SPF_VERSION, ...others.map((item) => item.text)].join(' ');
  const networks = await collectNetworks(
    await resolveRecordTree(othersRecord, domain ?? null, resolver),
    resolver,
    true,
  );
  for (const item of [...mechanisms]) {
    const term = item.term;
    if (term.kind !== 'mechanism' || (term.name !== 'a' && term.name !== 'mx') || term.qualifier !== '+') continue;
    const target = term.domainSpec ?? domain;
    if (!target || target.includes('%')) continue;
    const addresses = await resolveHostAddresses(term, target, resolver);
    if (addresses === null) continue;
    const isCovered = addresses.every((address) =>
      networks.some((network) => matchesCidr(address, network.ip, network.prefix)),
    );
    if (!isCovered) continue;
    mechanisms.splice(mechanisms.indexOf(item), 1);
    warnings.push(
      addresses.length === 0
        ? `"${term.text}" dropped: ${target} has no ${term.name === 'mx' ? 'MX hosts' : 'addresses'}, so it never matches.`
        : `"${term.text}" dropped: every address it names is already authorized by ip4/ip6 terms.`,
    );
    if ((await countLookups(build(), resolver, domain)) <= MAX_DNS_LOOKUPS) return;
  }
}

type Network = { ip: IpAddress; prefix: number };

/**
 * The pass-authorized networks of a tree. With `partial`, whatever can be read; otherwise null as soon as the
 * tree holds something that cannot be written as ip4/ip6 (exists, ptr, macros, non-pass qualifiers).
 */
async function collectNetworks(node: SpfTreeNode, resolver: Resolver, partial: true): Promise<Network[]>;
async function collectNetworks(node: SpfTreeNode, resolver: Resolver, partial: false): Promise<Network[] | null>;
async function collectNetworks(node: SpfTreeNode, resolver: Resolver, partial: boolean): Promise<Network[] | null> {
  if (!node.parsed || node.status !== 'found') return partial ? [] : null;
  const networks: Network[] = [];
  for (const term of node.parsed.terms) {
    if (term.kind === 'modifier') {
      if (term.name !== 'redirect') continue;
      const edge = node.children.find((child) => child.term === term);
      if (!edge) {
        if (node.parsed.terms.some((other) => other.kind === 'mechanism' && other.name === 'all')) continue;
        if (partial) continue;
        return null;
      }
      const inner = partial
        ? await collectNetworks(edge.node, resolver, true)
        : await collectNetworks(edge.node, resolver, false);
      if (inner === null) return null;
      networks.push(...inner);
      continue;
    }
    if (term.name === 'all') continue;
    if (term.qualifier !== '+') {
      if (partial) continue;
      return null;
    }
    if (term.name === 'ip4' || term.name === 'ip6') {
      if (term.network)
        networks.push({
          ip: term.network,
          prefix: (term.name === 'ip4' ? term.cidr4 : term.cidr6) ?? (term.name === 'ip4' ? 32 : 128),
        });
      continue;
    }
    if (term.name === 'include') {
      const edge = node.children.find((child) => child.term === term);
      const inner = !edge
        ? null
        : partial
          ? await collectNetworks(edge.node, resolver, true)
          : await collectNetworks(edge.node, resolver, false);
      if (inner === null) {
        if (partial) continue;
        return null;
      }
      networks.push(...inner);
      continue;
    }
    if (term.name === 'a' || term.name === 'mx') {
      const target = term.domainSpec ?? node.domain;
      const addresses = target && !target.includes('%') ? await resolveHostAddresses(term, target, resolver) : null;
      if (addresses === null) {
        if (partial) continue;
        return null;
      }
      for (const ip of addresses) {
        networks.push({ ip, prefix: (ip.version === 4 ? term.cidr4 : term.cidr6) ?? (ip.version === 4 ? 32 : 128) });
      }
      continue;
    }
    // exists and ptr depend on the connecting client: they cannot be written as addresses.
    if (!partial) return null;
  }
  return networks;
}

/** The A and AAAA addresses an a/mx term names; null when DNS failed (then nothing is concluded). */
async function resolveHostAddresses(
  term: SpfMechanism,
  target: string,
  resolver: Resolver,
): Promise<IpAddress[] | null> {
  try {
    const hosts =
      term.name === 'mx'
        ? (await answersOrEmpty(resolver(target, 'MX'))).map((mx) => mx.exchange).filter((host) => host !== '')
        : [target];
    const addresses: IpAddress[] = [];
    for (const host of hosts) {
      const [v4, v6] = await Promise.all([answersOrEmpty(resolver(host, 'A')), answersOrEmpty(resolver(host, 'AAAA'))]);
      for (const text of [...v4, ...v6]) {
        const ip = parseAnswerIp(text);
        if (ip) addresses.push(ip);
      }
    }
    return addresses;
  } catch {
    return null;
  }
}

async function answersOrEmpty<T>(pending: Promise<T[]>): Promise<T[]> {
  try {
    return await pending;
  } catch (error) {
    if (error instanceof DnsError && (error.code === 'ENOTFOUND' || error.code === 'ENODATA')) return [];
    throw error;
  }
}

/** Last resort: replaces the costliest flattenable includes by the ip4/ip6 terms they authorize today. */
async function flattenIncludes(
  mechanisms: Item[],
  resolver: Resolver,
  domain: string | undefined,
  warnings: string[],
  build: () => string,
): Promise<void> {
  const tree = await resolveRecordTree(build(), domain ?? null, resolver, domain ? [domain.toLowerCase()] : []);
  // Each flattened include saves itself plus everything under it: the costliest go first.
  const candidates = tree.children
    .filter((edge) => isPlainInclude(edge.term))
    .sort((left, right) => right.node.lookups - left.node.lookups);
  let lookups = tree.lookups;
  for (const edge of candidates) {
    if (lookups <= MAX_DNS_LOOKUPS) break;
    const networks = await collectNetworks(edge.node, resolver, false);
    if (networks === null || networks.length === 0) continue;
    const index = findItemIndex(mechanisms, edge.term);
    if (index < 0) continue;
    const texts = [...new Set(networks.map(formatNetwork))];
    const replacements = texts
      .flatMap((text) => parseSpfRecord(`${SPF_VERSION} ${text}`).terms)
      .map((term) => ({ text: term.text, term }));
    mechanisms.splice(index, 1, ...replacements);
    lookups -= edge.node.lookups + 1;
    warnings.push(
      `"${edge.term.text}" flattened into ${texts.length} ip4/ip6 terms to stay within ${MAX_DNS_LOOKUPS} lookups: ` +
        `flattened addresses go stale when ${edge.target} changes them, so re-check this record regularly.`,
    );
  }
}

function formatNetwork(network: Network): string {
  const full = network.ip.version === 4 ? 32 : 128;
  const prefix = network.prefix === full ? '' : `/${network.prefix}`;
  return `ip${network.ip.version}:${formatIp(network.ip)}${prefix}`;
}
