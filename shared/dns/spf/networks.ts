// The networks an SPF record tree authorizes, resolved to addresses (for redundancy checks and flattening).
import { DnsError, type Resolver } from '../resolver.ts';
import { formatIp, parseAnswerIp, type IpAddress } from './ip.ts';
import type { SpfTreeNode } from './lookup-tree.ts';
import type { SpfMechanism } from './parse.ts';

type Network = { ip: IpAddress; prefix: number };

/**
 * The pass-authorized networks of a tree. With `partial`, whatever can be read; otherwise null as soon as the
 * tree holds something that cannot be written as ip4/ip6 (exists, ptr, macros, non-pass qualifiers).
 */
export async function collectNetworks(node: SpfTreeNode, resolver: Resolver, partial: true): Promise<Network[]>;
export async function collectNetworks(node: SpfTreeNode, resolver: Resolver, partial: false): Promise<Network[] | null>;
export async function collectNetworks(
  node: SpfTreeNode,
  resolver: Resolver,
  partial: boolean,
): Promise<Network[] | null> {
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
export async function resolveHostAddresses(
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

export function formatNetwork(network: Network): string {
  const full = network.ip.version === 4 ? 32 : 128;
  const prefix = network.prefix === full ? '' : `/${network.prefix}`;
  return `ip${network.ip.version}:${formatIp(network.ip)}${prefix}`;
}
