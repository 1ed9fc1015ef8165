// The SPF mechanisms (RFC 7208 5): whether one term matches the client, include recursing through checkHost.
import { DnsError } from '../resolver.ts';
import type { MacroContext } from './macro.ts';
import { matchesCidr } from './ip.ts';
import type { SpfMechanism } from './parse.ts';
import { expandDomainSpec } from './macro-context.ts';
import {
  countLookup,
  describeError,
  isQueryableDomain,
  MAX_MX_NAMES,
  queryForMechanism,
  SpfAbort,
  type CheckHost,
  type Session,
} from './session.ts';
import { findValidatedNames, matchesAddress } from './validated-names.ts';

export async function matchMechanism(
  session: Session,
  term: SpfMechanism,
  domain: string,
  context: MacroContext,
  depth: number,
  checkHost: CheckHost,
): Promise<boolean> {
  const client = session.client;
  switch (term.name) {
    case 'all':
      return true;
    case 'ip4':
    case 'ip6':
      if (!term.network || term.network.version !== client.version) return false;
      return matchesCidr(
        client,
        term.network,
        (term.name === 'ip4' ? term.cidr4 : term.cidr6) ?? (client.version === 4 ? 32 : 128),
      );
    case 'a': {
      countLookup(session, term.text);
      const target = term.domainSpec === null ? domain : await expandDomainSpec(term.domainSpec, context);
      // RFC 7208 4.8/5: a target that cannot form a query is treated as non-existent (the suite prefers no-match).
      if (!isQueryableDomain(target)) return false;
      const addresses = await queryForMechanism(session, target, client.version === 4 ? 'A' : 'AAAA');
      return addresses.some((address) => matchesAddress(client, address, term));
    }
    case 'mx': {
      countLookup(session, term.text);
      const target = term.domainSpec === null ? domain : await expandDomainSpec(term.domainSpec, context);
      if (!isQueryableDomain(target)) return false;
      const exchanges = await queryForMechanism(session, target, 'MX');
      if (exchanges.length > MAX_MX_NAMES) {
        throw new SpfAbort(
          'permerror',
          `${target} has ${exchanges.length} MX records, more than ${MAX_MX_NAMES} (RFC 7208 4.6.4)`,
        );
      }
      const hosts = [...exchanges]
        .sort((left, right) => left.priority - right.priority)
        .map((mx) => mx.exchange.replace(/\.$/, ''));
      for (const host of hosts) {
        // RFC 7505 null MX ("." / empty) names no host.
        if (host === '' || !isQueryableDomain(host)) continue;
        const addresses = await queryMxHost(session, host, client.version === 4 ? 'A' : 'AAAA');
        if (addresses.some((address) => matchesAddress(client, address, term))) return true;
      }
      return false;
    }
    case 'ptr': {
      countLookup(session, term.text);
      const target = term.domainSpec === null ? domain : await expandDomainSpec(term.domainSpec, context);
      if (!isQueryableDomain(target)) return false;
      const names = await findValidatedNames(session, target, true);
      const suffix = `.${target.toLowerCase()}`;
      return names.some((name) => name.toLowerCase() === target.toLowerCase() || name.toLowerCase().endsWith(suffix));
    }
    case 'exists': {
      countLookup(session, term.text);
      const target = await expandDomainSpec(term.domainSpec ?? '', context);
      if (!isQueryableDomain(target)) return false;
      // RFC 7208 5.7: always an A query, whatever the client's address family.
      const addresses = await queryForMechanism(session, target, 'A');
      return addresses.length > 0;
    }
    case 'include': {
      countLookup(session, term.text);
      const target = await expandDomainSpec(term.domainSpec ?? '', context);
      const outcome = isQueryableDomain(target)
        ? await checkHost(session, target, depth + 1)
        : { result: 'none' as const, reason: `include target "${target}" is not a valid domain name` };
      // RFC 7208 5.2 table: pass matches; fail/softfail/neutral do not; temperror and permerror propagate;
      // none becomes permerror.
      switch (outcome.result) {
        case 'pass':
          return true;
        case 'fail':
        case 'softfail':
        case 'neutral':
          return false;
        case 'temperror':
          throw new SpfAbort('temperror', `include:${target}: ${outcome.reason}`);
        default:
          throw new SpfAbort('permerror', `include:${target}: ${outcome.reason}`);
      }
    }
    default:
      return false;
  }
}

/** The address lookups of MX hosts: no answer is not a void lookup of its own, a server failure is a temperror. */
async function queryMxHost(session: Session, host: string, type: 'A' | 'AAAA'): Promise<string[]> {
  try {
    return await session.resolver(host, type);
  } catch (error) {
    if (error instanceof DnsError && (error.code === 'ENOTFOUND' || error.code === 'ENODATA')) return [];
    throw new SpfAbort('temperror', `${type} lookup of MX host ${host} failed: ${describeError(error)}`);
  }
}
