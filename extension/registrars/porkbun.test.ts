// Porkbun adapter against its reconstructed DNS records page (form above the list, blank host for the root).
import { describe, expect, it } from 'vitest';
import { genericAdapter, selectAdapter } from './index.ts';
import { loadFixture, readNoticedValue } from './testing/load-fixture.ts';
import { FIXTURE_DMARC_TEXT } from './testing/sample-records.ts';

/** The registrar's profile (URL, list reading); its form is filled by the generic adapter alone. */
const porkbunAdapter = selectAdapter('https://porkbun.com/account/domainsSpeedy');

describe('porkbunAdapter', () => {
  it('matches the account pages', () => {
    expect(porkbunAdapter.matches('https://porkbun.com/account/domainsSpeedy')).toBe(true);
    expect(porkbunAdapter.matches('https://porkbun.com/products/domains')).toBe(false);
  });

  it('reads full names and separate priorities, and skips ALIAS (not a record type we model)', () => {
    expect(porkbunAdapter.readRecords(loadFixture('porkbun'))).toEqual([
      { type: 'MX', name: 'example.com', value: 'fwd1.porkbun.com', ttl: 600, priority: 10 },
      { type: 'MX', name: 'example.com', value: 'fwd2.porkbun.com', ttl: 600, priority: 20 },
      { type: 'TXT', name: 'example.com', value: 'v=spf1 mx include:_spf.porkbun.com ~all', ttl: 600 },
      { type: 'TXT', name: '_dmarc.example.com', value: FIXTURE_DMARC_TEXT, ttl: 600 },
    ]);
  });

  it('fills an SPF record with an empty host for the root', async () => {
    const doc = loadFixture('porkbun');
    const host = doc.getElementById('pb-host') as HTMLInputElement;
    host.value = 'stale';
    const result = await genericAdapter.fill(doc, {
      type: 'TXT',
      name: 'example.com',
      value: 'v=spf1 include:_spf.mailgate.example ~all',
      ttl: 3600,
    });
    expect(result.filled).toEqual(['type', 'name', 'value', 'ttl']);
    expect(readNoticedValue(doc.getElementById('pb-type'))).toBe('TXT');
    expect(readNoticedValue(host)).toBe('');
    expect(readNoticedValue(doc.getElementById('pb-answer'))).toBe('v=spf1 include:_spf.mailgate.example ~all');
    expect(readNoticedValue(doc.getElementById('pb-ttl'))).toBe('3600');
  });
});
