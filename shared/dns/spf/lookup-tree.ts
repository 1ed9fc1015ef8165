// The include/redirect tree of an SPF record, resolved once: lookup counts (RFC 7208 4.6.4), void targets, reached domains.
import { DnsError, type Resolver } from '../resolver.ts';
import { lookupSpfRecords } from './evaluate.ts';
import { isQueryableDomain, MAX_DNS_LOOKUPS } from './session.ts';
import { isLookupTerm, parseSpfRecord, type ParsedSpfRecord, type SpfTerm } from './parse.ts';

export type SpfTreeStatus = 'found' | 'none' | 'multiple' | 'temperror' | 'syntax-error' | 'loop' | 'too-deep';

export type SpfTreeNode = {
  domain: string | null;
  record: string | null;
  status: SpfTreeStatus;
  parsed: ParsedSpfRecord | null;
  /** DNS-querying terms of this record and of every record it includes or redirects to. */
  lookups: number;
  /** Terms whose fixed target answers nothing (NXDOMAIN/NODATA): each is a void lookup at evaluation time. */
  voidTargets: string[];
  children: SpfTreeEdge[];
};

export type SpfTreeEdge = { term: SpfTerm; target: string; node: SpfTreeNode };

/** Nesting bound for the static walk: deeper than the lookup limit can never evaluate anyway. */
const MAX_TREE_DEPTH = MAX_DNS_LOOKUPS + 1;

function hasMacro(spec: string): boolean {
  return spec.includes('%');
}

/** Resolves the tree under a domain's published record. */
export async function resolveSpfTree(
  domain: string,
  resolver: Resolver,
  ancestors: string[] = [],
): Promise<SpfTreeNode> {
  const empty = (status: SpfTreeStatus, record: string | null = null): SpfTreeNode => ({
    domain,
    record,
    status,
    parsed: null,
    lookups: 0,
    voidTargets: [],
    children: [],
  });
  const key = domain.toLowerCase();
  if (ancestors.includes(key)) return { ...empty('loop'), lookups: MAX_DNS_LOOKUPS + 1 };
  if (ancestors.length > MAX_TREE_DEPTH) return empty('too-deep');
  if (!isQueryableDomain(domain)) return empty('none');
  const lookup = await lookupSpfRecords(resolver, domain);
  if (lookup.status === 'temperror') return empty('temperror');
  if (lookup.records.length === 0) return empty('none');
  if (lookup.records.length > 1) return empty('multiple', lookup.records.join(' | '));
  return resolveRecordTree(lookup.records[0] ?? '', domain, resolver, [...ancestors, key]);
}

/** Resolves the tree under a record text (published or proposed), evaluated for `domain` when known. */
export async function resolveRecordTree(
  record: string,
  domain: string | null,
  resolver: Resolver,
  ancestors: string[] = [],
): Promise<SpfTreeNode> {
  const parsed = parseSpfRecord(record);
  const node: SpfTreeNode = {
    domain,
    record,
    status: parsed.errors.length > 0 ? 'syntax-error' : 'found',
    parsed,
    lookups: 0,
    voidTargets: [],
    children: [],
  };
  const hasAll = parsed.terms.some((term) => term.kind === 'mechanism' && term.name === 'all');
  const pending: Array<Promise<void>> = [];
  for (const term of parsed.terms) {
    if (!isLookupTerm(term)) continue;
    // RFC 7208 6.1: with "all" present the redirect is never evaluated, so it costs nothing.
    if (term.kind === 'modifier' && hasAll) continue;
    node.lookups += 1;
    const spec = term.kind === 'modifier' ? term.value : term.domainSpec;
    if (spec !== null && hasMacro(spec)) continue;
    const target = (spec ?? domain ?? '').replace(/\.$/, '');
    if (target === '') continue;
    const isRecursive = term.kind === 'modifier' || term.name === 'include';
    if (isRecursive) {
      pending.push(
        resolveSpfTree(target, resolver, ancestors).then((child) => {
          node.children.push({ term, target, node: child });
        }),
      );
    } else if (term.kind === 'mechanism' && term.name !== 'ptr') {
      pending.push(
        findsNoAnswer(resolver, target, term.name).then((isVoid) => {
          if (isVoid) node.voidTargets.push(term.text);
        }),
      );
    }
  }
  await Promise.all(pending);
  // Keep the record's own order (the parallel lookups finish in any order).
  node.children.sort((left, right) => left.term.position - right.term.position);
  node.lookups += node.children.reduce((sum, edge) => sum + edge.node.lookups, 0);
  return node;
}

async function findsNoAnswer(resolver: Resolver, target: string, mechanism: string): Promise<boolean> {
  const types =
    mechanism === 'mx' ? (['MX'] as const) : mechanism === 'exists' ? (['A'] as const) : (['A', 'AAAA'] as const);
  for (const type of types) {
    try {
      if ((await resolver(target, type)).length > 0) return false;
    } catch (error) {
      if (!(error instanceof DnsError) || (error.code !== 'ENOTFOUND' && error.code !== 'ENODATA')) return false;
    }
  }
  return true;
}

/** Every void target in the tree (each one spends one of the 2 allowed void lookups). */
export function collectVoidTargets(node: SpfTreeNode): string[] {
  return [...node.voidTargets, ...node.children.flatMap((edge) => collectVoidTargets(edge.node))];
}

/** Domains reached from this node through pass-qualified includes and redirects (not counting the node itself). */
export function collectReachedDomains(node: SpfTreeNode): Set<string> {
  const reached = new Set<string>();
  for (const edge of node.children) {
    if (edge.term.kind === 'mechanism' && edge.term.qualifier !== '+') continue;
    reached.add(edge.target.toLowerCase());
    for (const domain of collectReachedDomains(edge.node)) reached.add(domain);
  }
  return reached;
}

/** Include edges anywhere in the tree whose target publishes no usable SPF record. */
export function findBrokenIncludes(node: SpfTreeNode): SpfTreeEdge[] {
  return node.children.flatMap((edge) => [
    ...(edge.node.status === 'none' || edge.node.status === 'multiple' || edge.node.status === 'syntax-error'
      ? [edge]
      : []),
    ...findBrokenIncludes(edge.node),
  ]);
}
