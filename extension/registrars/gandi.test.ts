// Gandi adapter against its reconstructed LiveDNS page (wrapping labels, native select, quoted TXT).
import { describe, expect, it } from 'vitest';
import { genericAdapter, selectAdapter } from './index.ts';
import { loadFixture, readNoticedValue } from './testing/load-fixture.ts';
import { FIXTURE_DKIM_TEXT } from './testing/sample-records.ts';

/** The registrar's profile (URL, list reading); its form is filled by the generic adapter alone. */
const gandiAdapter = selectAdapter('https://admin.gandi.net/domain/example.com/records');

describe('gandiAdapter', () => {
  it('matches the admin site', () => {
    expect(gandiAdapter.matches('https://admin.gandi.net/domain/01234/example.com/records')).toBe(true);
    expect(gandiAdapter.matches('https://www.gandi.net/')).toBe(false);
  });

  it('reads relative names, quoted TXT and "priority host." MX values', () => {
    const records = gandiAdapter.readRecords(loadFixture('gandi'));
    expect(records).toEqual([
      { type: 'MX', name: 'example.com', value: 'spool.mail.gandi.net', ttl: 10800, priority: 10 },
      { type: 'MX', name: 'example.com', value: 'fb.mail.gandi.net', ttl: 10800, priority: 50 },
      { type: 'TXT', name: 'example.com', value: 'v=spf1 include:_mailcust.gandi.net ?all', ttl: 10800 },
      { type: 'CNAME', name: 'webmail.example.com', value: 'webmail.gandi.net', ttl: 10800 },
    ]);
  });

  it('fills a DKIM key in zone-file quotes, split at 255 characters', async () => {
    const doc = loadFixture('gandi');
    const result = await genericAdapter.fill(doc, {
      type: 'TXT',
      name: 'mailgate._domainkey.example.com',
      value: FIXTURE_DKIM_TEXT,
      ttl: 3600,
    });
    expect(result).toEqual({ filled: ['type', 'name', 'value', 'ttl'], problems: [] });
    expect(readNoticedValue(doc.querySelector('[name=type]'))).toBe('TXT');
    expect(readNoticedValue(doc.querySelector('[name=name]'))).toBe('mailgate._domainkey');
    expect(readNoticedValue(doc.querySelector('[name=value]'))).toBe(
      `"${FIXTURE_DKIM_TEXT.slice(0, 255)}" "${FIXTURE_DKIM_TEXT.slice(255)}"`,
    );
    expect(readNoticedValue(doc.querySelector('[name=ttl]'))).toBe('3600');
  });
});
