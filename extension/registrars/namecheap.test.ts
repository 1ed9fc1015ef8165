// Namecheap adapter against its reconstructed Advanced DNS page (placeholders only, "TXT Record" types).
import { describe, expect, it } from 'vitest';
import { genericAdapter, selectAdapter } from './index.ts';
import { loadFixture, readNoticedValue } from './testing/load-fixture.ts';
import { FIXTURE_DKIM_TEXT } from './testing/sample-records.ts';

/** The registrar's profile (URL, list reading); its form is filled by the generic adapter alone. */
const namecheapAdapter = selectAdapter(
  'https://ap.www.namecheap.com/Domains/DomainControlPanel/example.com/advancedns',
);

describe('namecheapAdapter', () => {
  it('matches the account panel', () => {
    expect(
      namecheapAdapter.matches('https://ap.www.namecheap.com/Domains/DomainControlPanel/example.com/advancedns'),
    ).toBe(true);
    expect(namecheapAdapter.matches('https://www.namecheap.com/')).toBe(false);
  });

  it('reads host records and the custom MX of Mail Settings, skipping the row being edited', () => {
    const records = namecheapAdapter.readRecords(loadFixture('namecheap'));
    expect(records).toEqual([
      { type: 'CNAME', name: 'www.example.com', value: 'parkingpage.namecheap.com', ttl: 1800 },
      { type: 'TXT', name: 'example.com', value: 'v=spf1 include:spf.privateemail.com ~all', ttl: 1800 },
      { type: 'TXT', name: 'default._domainkey.example.com', value: FIXTURE_DKIM_TEXT, ttl: 1800 },
      { type: 'MX', name: 'example.com', value: 'mx1.privateemail.com', ttl: 1800, priority: 10 },
      { type: 'MX', name: 'example.com', value: 'mx2.privateemail.com', ttl: 1800, priority: 10 },
    ]);
  });

  it('fills the new row: "TXT Record" option, host, unquoted value, TTL from its dropdown', async () => {
    const doc = loadFixture('namecheap');
    const result = await genericAdapter.fill(doc, {
      type: 'TXT',
      name: 'mailgate._domainkey.example.com',
      value: FIXTURE_DKIM_TEXT,
      ttl: 300,
    });
    expect(result).toEqual({ filled: ['type', 'name', 'value', 'ttl'], problems: [] });
    expect(readNoticedValue(doc.getElementById('nc-type'))).toBe('TXT Record');
    expect(readNoticedValue(doc.querySelector('[name=host]'))).toBe('mailgate._domainkey');
    expect(readNoticedValue(doc.querySelector('[name=value]'))).toBe(FIXTURE_DKIM_TEXT);
    expect(readNoticedValue(doc.getElementById('nc-ttl'))).toBe('5 min');
  });
});
