// GoDaddy adapter against its reconstructed DNS Management page.
import { describe, expect, it } from 'vitest';
import { genericAdapter, selectAdapter } from './index.ts';
import { loadFixture, readNoticedValue } from './testing/load-fixture.ts';

/** The registrar's profile (URL, list reading); its form is filled by the generic adapter alone. */
const godaddyAdapter = selectAdapter('https://dcc.godaddy.com/control/dnsmanagement?domainName=example.com');

const field = (doc: Document, name: string) => doc.querySelector(`[name=${name}]`);

describe('godaddyAdapter', () => {
  it('matches the domain control centre', () => {
    expect(godaddyAdapter.matches('https://dcc.godaddy.com/control/portfolio/example.com/settings?tab=dns')).toBe(true);
    expect(godaddyAdapter.matches('https://www.godaddy.com/help')).toBe(false);
  });

  it('reads records, with "(Priority: n)" MX data and TTLs in words', () => {
    const records = godaddyAdapter.readRecords(loadFixture('godaddy'));
    expect(records).toContainEqual({
      type: 'MX',
      name: 'example.com',
      value: 'mailstore1.secureserver.net',
      ttl: 3600,
      priority: 10,
    });
    expect(records).toContainEqual({
      type: 'TXT',
      name: '_dmarc.example.com',
      value: 'v=DMARC1; p=quarantine; adkim=r; aspf=r; rua=mailto:dmarc_rua@onsecureserver.net;',
      ttl: 3600,
    });
    expect(records).toContainEqual({ type: 'CNAME', name: 'www.example.com', value: '@', ttl: 3600 });
    expect(records).toHaveLength(5);
  });

  it('fills a DMARC record with a relative name and a TTL chosen from the words list', async () => {
    const doc = loadFixture('godaddy');
    const result = await genericAdapter.fill(doc, {
      type: 'TXT',
      name: '_dmarc.example.com',
      value: 'v=DMARC1; p=none',
      ttl: 1800,
    });
    expect(result.filled).toEqual(['type', 'name', 'value', 'ttl']);
    expect(readNoticedValue(field(doc, 'recordType'))).toBe('TXT');
    expect(readNoticedValue(field(doc, 'recordName'))).toBe('_dmarc');
    expect(readNoticedValue(field(doc, 'recordValue'))).toBe('v=DMARC1; p=none');
    expect(readNoticedValue(field(doc, 'recordTtl'))).toBe('1800');
  });

  it('writes @ for the apex and fills the MX priority', async () => {
    const doc = loadFixture('godaddy');
    const result = await genericAdapter.fill(doc, {
      type: 'MX',
      name: 'example.com',
      value: 'mx.mailgate.example',
      priority: 5,
    });
    expect(result.filled).toEqual(['type', 'name', 'value', 'priority']);
    expect(readNoticedValue(field(doc, 'recordName'))).toBe('@');
    expect(readNoticedValue(field(doc, 'recordPriority'))).toBe('5');
  });
});
