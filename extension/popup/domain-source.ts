// Which domain the popup checks, and why: the link's `?domain=`, the registrar page's zone, the gateway's domains,
// or what the admin typed. Pure: the popup gathers the inputs, this decides.
import type { PageReading } from '../messages/read-page-message.ts';
import { readDomainParam } from './domain-param.ts';

export type DomainSource =
  /** `popup.html?domain=` (docs/contracts.md). */
  | 'link'
  /** The zone the active registrar page manages, read by its adapter. */
  | 'page'
  /** One of the connected gateway's domains. */
  | 'gateway'
  /** Typed by the admin. */
  | 'typed';

export type DomainSelectionInput = {
  /** From `?domain=`, already validated (readDomainParam). */
  param: string | null;
  /** What the admin chose in this popup, which wins over everything found automatically. */
  chosen: { domain: string; source: 'gateway' | 'typed' } | null;
  page: PageReading | null;
  /** The gateway's domain names, or null without a connection (or when it could not be reached). */
  gatewayDomains: readonly string[] | null;
  /** The gateway domain picked last time, preselected when it is still one of them. */
  rememberedGatewayDomain: string | null;
};

export type DomainSelection = {
  domain: string | null;
  source: DomainSource | null;
  /** The gateway's domains to pick from when it has several (empty otherwise). */
  gatewayChoices: string[];
};

/** A host name as `?domain=` accepts it, from whatever a page or the admin wrote (`Example.COM.` → `example.com`). */
export function normalizeDomain(text: string): string | null {
  return readDomainParam(`?${new URLSearchParams({ domain: text.trim() })}`);
}

export function selectDomain(input: DomainSelectionInput): DomainSelection {
  const gatewayDomains = [
    ...new Set((input.gatewayDomains ?? []).map(normalizeDomain).filter((name): name is string => name !== null)),
  ];
  const gatewayChoices = gatewayDomains.length > 1 ? gatewayDomains : [];
  if (input.chosen) return { domain: input.chosen.domain, source: input.chosen.source, gatewayChoices };
  if (input.param) return { domain: input.param, source: 'link', gatewayChoices };
  const pageZone = input.page?.zone ? normalizeDomain(input.page.zone) : null;
  if (pageZone) return { domain: pageZone, source: 'page', gatewayChoices };
  if (gatewayDomains.length > 0) {
    const remembered =
      input.rememberedGatewayDomain && gatewayDomains.includes(input.rememberedGatewayDomain)
        ? input.rememberedGatewayDomain
        : null;
    return { domain: remembered ?? gatewayDomains[0]!, source: 'gateway', gatewayChoices };
  }
  return { domain: null, source: null, gatewayChoices };
}

/** How the popup says where the domain came from, next to it. */
export function describeDomainSource(source: DomainSource, page: PageReading | null): string {
  switch (source) {
    case 'link':
      return 'from the link that opened this checklist';
    case 'page':
      return page?.knownRegistrar ? `from this ${page.adapterName} page` : 'from this page';
    case 'gateway':
      return 'a domain of your mailgate gateway';
    case 'typed':
      return 'typed by you';
  }
}
