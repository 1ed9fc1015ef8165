// Which domain the popup checks: the admin's choice, then the link, the registrar page, the gateway, else nothing.
import { describe, expect, it } from 'vitest';
import type { PageReading } from '../messages/read-page-message.ts';
import { describeDomainSource, normalizeDomain, selectDomain, type DomainSelectionInput } from './domain-source.ts';

const cloudflarePage: PageReading = {
  adapter: 'cloudflare',
  adapterName: 'Cloudflare',
  knownRegistrar: true,
  zone: 'Shop.Example.',
  records: [],
};
const none: DomainSelectionInput = {
  param: null,
  chosen: null,
  page: null,
  gatewayDomains: null,
  rememberedGatewayDomain: null,
};

describe('selectDomain', () => {
  it("takes the link's ?domain= before the page and the gateway", () => {
    expect(
      selectDomain({ ...none, param: 'linked.example', page: cloudflarePage, gatewayDomains: ['a.example'] }),
    ).toEqual({
      domain: 'linked.example',
      source: 'link',
      gatewayChoices: [],
    });
  });

  it("takes the registrar page's zone, normalized, when there is no link", () => {
    expect(selectDomain({ ...none, page: cloudflarePage, gatewayDomains: ['a.example', 'b.example'] })).toEqual({
      domain: 'shop.example',
      source: 'page',
      gatewayChoices: ['a.example', 'b.example'],
    });
  });

  it("skips a page that shows no zone and uses the gateway's only domain without a picker", () => {
    const pageWithoutZone = { ...cloudflarePage, zone: null };
    expect(selectDomain({ ...none, page: pageWithoutZone, gatewayDomains: ['only.example'] })).toEqual({
      domain: 'only.example',
      source: 'gateway',
      gatewayChoices: [],
    });
  });

  it('offers a picker for several gateway domains, preselecting the one picked last time while it still exists', () => {
    const gatewayDomains = ['a.example', 'b.example', 'c.example'];
    expect(selectDomain({ ...none, gatewayDomains, rememberedGatewayDomain: 'b.example' })).toMatchObject({
      domain: 'b.example',
      gatewayChoices: gatewayDomains,
    });
    expect(selectDomain({ ...none, gatewayDomains, rememberedGatewayDomain: 'gone.example' })).toMatchObject({
      domain: 'a.example',
      source: 'gateway',
    });
  });

  it('has no domain when nothing names one (the popup then shows the text field)', () => {
    expect(selectDomain(none)).toEqual({ domain: null, source: null, gatewayChoices: [] });
    expect(selectDomain({ ...none, gatewayDomains: [] })).toEqual({ domain: null, source: null, gatewayChoices: [] });
  });

  it("lets the admin's own pick or typed domain win over everything found automatically", () => {
    const input = {
      ...none,
      param: 'linked.example',
      page: cloudflarePage,
      gatewayDomains: ['a.example', 'b.example'],
    };
    expect(selectDomain({ ...input, chosen: { domain: 'typed.example', source: 'typed' } })).toMatchObject({
      domain: 'typed.example',
      source: 'typed',
    });
    expect(selectDomain({ ...input, chosen: { domain: 'b.example', source: 'gateway' } })).toMatchObject({
      domain: 'b.example',
      source: 'gateway',
    });
  });
});

describe('normalizeDomain', () => {
  it('accepts host names the way ?domain= does and refuses anything else', () => {
    expect(normalizeDomain(' Example.COM. ')).toBe('example.com');
    expect(normalizeDomain('not a domain')).toBeNull();
    expect(normalizeDomain('https://example.com/')).toBeNull();
  });
});

describe('describeDomainSource', () => {
  it('names the registrar for a known page only', () => {
    expect(describeDomainSource('page', cloudflarePage)).toBe('from this Cloudflare page');
    expect(describeDomainSource('page', { ...cloudflarePage, knownRegistrar: false })).toBe('from this page');
  });
});
