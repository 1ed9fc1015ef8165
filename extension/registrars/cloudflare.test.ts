// Cloudflare adapter against its reconstructed dashboard page.
import { describe, expect, it } from 'vitest';
import { genericAdapter, selectAdapter } from './index.ts';
import { loadFixture, readNoticedValue } from './testing/load-fixture.ts';
import { FIXTURE_DKIM_TEXT, FIXTURE_DMARC_TEXT } from './testing/sample-records.ts';
import { quoteTxt, unquoteTxt } from '../../shared/dns/txt.ts';

/** The registrar's profile (URL, list reading); its form is filled by the generic adapter alone. */
const cloudflareAdapter = selectAdapter('https://dash.cloudflare.com/0123abcd/example.com/dns/records');

describe('cloudflareAdapter', () => {
  it('matches the dashboard only', () => {
    expect(cloudflareAdapter.matches('https://dash.cloudflare.com/abc/example.com/dns/records')).toBe(true);
    expect(cloudflareAdapter.matches('https://www.cloudflare.com/dns/')).toBe(false);
  });

  it('reads the listed records with full names, unquoted and joined TXT, MX priority', () => {
    const doc = loadFixture('cloudflare');
    expect(cloudflareAdapter.readZone(doc)).toBe('example.com');
    expect(cloudflareAdapter.readRecords(doc)).toEqual([
      { type: 'MX', name: 'example.com', value: 'route1.mx.cloudflare.net', ttl: 300, priority: 86 },
      { type: 'TXT', name: 'example.com', value: 'v=spf1 include:_spf.mx.cloudflare.net ~all', ttl: 300 },
      { type: 'TXT', name: '_dmarc.example.com', value: FIXTURE_DMARC_TEXT, ttl: 3600 },
      { type: 'TXT', name: 'cf2024-1._domainkey.example.com', value: FIXTURE_DKIM_TEXT, ttl: 300 },
      { type: 'CNAME', name: 'www.example.com', value: 'example.com', ttl: 300 },
    ]);
  });

  it('opens the form and fills an MX record so that the page notices every field', async () => {
    const doc = loadFixture('cloudflare');
    const result = await genericAdapter.fill(doc, {
      type: 'MX',
      name: 'example.com',
      value: 'route2.mx.cloudflare.net',
      priority: 12,
      ttl: 3600,
    });
    expect(result).toEqual({ filled: ['type', 'name', 'value', 'ttl', 'priority'], problems: [] });
    expect(doc.getElementById('add-record-form')?.hidden).toBe(false);
    expect(readNoticedValue(doc.getElementById('type-select'))).toBe('MX');
    expect(readNoticedValue(doc.getElementById('record-name'))).toBe('@');
    expect(readNoticedValue(doc.getElementById('record-content'))).toBe('route2.mx.cloudflare.net');
    expect(readNoticedValue(doc.getElementById('ttl-select'))).toBe('1 hr');
    expect(readNoticedValue(doc.getElementById('record-priority'))).toBe('12');
  });

  it('fills a long DKIM TXT as quoted strings, as the page lists TXT content, under a relative name', async () => {
    const doc = loadFixture('cloudflare');
    await genericAdapter.fill(doc, { type: 'TXT', name: 'mailgate._domainkey.example.com', value: FIXTURE_DKIM_TEXT });
    expect(readNoticedValue(doc.getElementById('type-select'))).toBe('TXT');
    expect(readNoticedValue(doc.getElementById('record-name'))).toBe('mailgate._domainkey');
    // Cloudflare's API reference: TXT content "must consist of quoted character strings (RFC 1035), each with a
    // length of up to 255 bytes"; the dashboard lists it that way, and plain text is accepted too.
    expect(unquoteTxt(readNoticedValue(doc.getElementById('record-content')) ?? '')).toBe(FIXTURE_DKIM_TEXT);
    expect(readNoticedValue(doc.getElementById('record-content'))).toBe(quoteTxt(FIXTURE_DKIM_TEXT));
    expect(readNoticedValue(doc.getElementById('ttl-select'))).toBeNull();
  });
});
