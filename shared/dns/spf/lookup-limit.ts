// Bringing a merged SPF record under the 10-lookup limit (RFC 7208 4.6.4): drop redundant terms, then flatten.
import type { Resolver } from '../resolver.ts';
import { MAX_DNS_LOOKUPS } from './session.ts';
import { matchesCidr } from './ip.ts';
import { collectReachedDomains, resolveRecordTree } from './lookup-tree.ts';
import { collectNetworks, formatNetwork, resolveHostAddresses } from './networks.ts';
import { isLookupTerm, normalizeTerm, parseSpfRecord, SPF_VERSION, type SpfMechanism, type SpfTerm } from './parse.ts';

/** A term of the record being merged, with the text it is written as. */
export type Item = { text: string; term: SpfTerm };

/**
 * One way of bringing the record's lookups down: it edits `mechanisms` in place, says what it did in `warnings`, and
 * reads the record as it stands from `build`.
 */
type LookupRepair = (
  mechanisms: Item[],
  resolver: Resolver,
  domain: string | undefined,
  warnings: string[],
  build: () => string,
) => Promise<void>;

/** The lookup tree of `record` evaluated for `domain`, which heads the chain of ancestors (an include loop back to it is seen). */
function resolveTreeAt(record: string, resolver: Resolver, domain: string | undefined) {
  return resolveRecordTree(record, domain ?? null, resolver, domain ? [domain.toLowerCase()] : []);
}

export async function countLookups(
  record: string,
  resolver: Resolver | undefined,
  domain: string | undefined,
): Promise<number> {
  if (!resolver) return parseSpfRecord(record).terms.filter(isLookupTerm).length;
  return (await resolveTreeAt(record, resolver, domain)).lookups;
}

/** The tree re-parses the record, so its terms are matched to the items by their canonical text. */
function findItemIndex(items: Item[], term: SpfTerm): number {
  const key = normalizeTerm(term);
  return items.findIndex((item) => normalizeTerm(item.term) === key);
}

export function isPlainInclude(term: SpfTerm): term is SpfMechanism & { domainSpec: string } {
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
export const dropRedundantTerms: LookupRepair = async (mechanisms, resolver, domain, warnings, build) => {
  const tree = await resolveTreeAt(build(), resolver, domain);
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
};

/** Last resort: replaces the costliest flattenable includes by the ip4/ip6 terms they authorize today. */
export const flattenIncludes: LookupRepair = async (mechanisms, resolver, domain, warnings, build) => {
  const tree = await resolveTreeAt(build(), resolver, domain);
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
};
