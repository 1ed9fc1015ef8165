// Hetzner DNS adapter against its reconstructed zone page (ARIA table, inline add row, zone-file values).
import { describe, expect, it } from 'vitest';
import { genericAdapter, selectAdapter } from './index.ts';
import { loadFixture, readNoticedValue } from './testing/load-fixture.ts';
import { FIXTURE_DKIM_TEXT } from './testing/sample-records.ts';

/** The registrar's profile (URL, list reading); its form is filled by the generic adapter alone. */
const hetznerAdapter = selectAdapter('https://dns.hetzner.com/zone/0123abcd');

describe('hetznerAdapter', () => {
  it('matches the DNS console', () => {
    expect(hetznerAdapter.matches('https://dns.hetzner.com/zone/abc123')).toBe(true);
    expect(hetznerAdapter.matches('https://console.hetzner.cloud/')).toBe(false);
  });

  it('reads an ARIA table with quoted, split TXT and the default TTL', () => {
    expect(hetznerAdapter.readRecords(loadFixture('hetzner'))).toEqual([
      { type: 'MX', name: 'example.com', value: 'mail.your-server.de', ttl: 86400, priority: 10 },
      { type: 'TXT', name: 'example.com', value: 'v=spf1 include:spf.your-server.de ~all', ttl: 86400 },
      { type: 'TXT', name: 'default2024._domainkey.example.com', value: FIXTURE_DKIM_TEXT, ttl: 3600 },
      { type: 'CNAME', name: 'www.example.com', value: 'example.com', ttl: 86400 },
    ]);
  });

  it('fills MX as "priority host." in the value field', async () => {
    const doc = loadFixture('hetzner');
    const result = await genericAdapter.fill(doc, {
      type: 'MX',
      name: 'example.com',
      value: 'mx.mailgate.example',
      priority: 20,
      ttl: 3600,
    });
    expect(result).toEqual({ filled: ['type', 'name', 'value', 'ttl'], problems: [] });
    expect(readNoticedValue(doc.getElementById('hz-type'))).toBe('MX');
    expect(readNoticedValue(doc.querySelector('[name=name]'))).toBe('@');
    expect(readNoticedValue(doc.querySelector('[name=value]'))).toBe('20 mx.mailgate.example.');
    expect(readNoticedValue(doc.getElementById('hz-ttl'))).toBe('1 hour');
  });

  it('fills a TXT value as quoted strings', async () => {
    const doc = loadFixture('hetzner');
    await genericAdapter.fill(doc, { type: 'TXT', name: '_dmarc.example.com', value: 'v=DMARC1; p=reject' });
    expect(readNoticedValue(doc.querySelector('[name=name]'))).toBe('_dmarc');
    expect(readNoticedValue(doc.querySelector('[name=value]'))).toBe('"v=DMARC1; p=reject"');
  });
});
