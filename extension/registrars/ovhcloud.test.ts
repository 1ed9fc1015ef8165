// OVHcloud adapter against its reconstructed DNS zone page (type tiles, sub-domain, absolute targets).
import { describe, expect, it } from 'vitest';
import { genericAdapter, selectAdapter } from './index.ts';
import { loadFixture, readNoticedValue } from './testing/load-fixture.ts';
import { FIXTURE_DKIM_TEXT, FIXTURE_DMARC_TEXT } from './testing/sample-records.ts';
import { unquoteTxt } from '../../shared/dns/txt.ts';

/** The registrar's profile (URL, list reading); its form is filled by the generic adapter alone. */
const ovhcloudAdapter = selectAdapter('https://www.ovh.com/manager/web/domain/example.com/zone');

describe('ovhcloudAdapter', () => {
  it('matches the control panels of every region', () => {
    expect(ovhcloudAdapter.matches('https://www.ovh.com/manager/#/web/domain/example.com/zone')).toBe(true);
    expect(ovhcloudAdapter.matches('https://manager.eu.ovhcloud.com/#/web/domain/example.com/zone')).toBe(true);
    expect(ovhcloudAdapter.matches('https://www.ovhcloud.com/en/domains/')).toBe(false);
  });

  it('reads full names with a final dot, quoted targets, MX priority in the target, TTL 0 as the default', () => {
    const records = ovhcloudAdapter.readRecords(loadFixture('ovhcloud'));
    expect(records).toEqual([
      { type: 'MX', name: 'example.com', value: 'mx1.mail.ovh.net', ttl: 3600, priority: 1 },
      { type: 'MX', name: 'example.com', value: 'mx2.mail.ovh.net', ttl: 3600, priority: 5 },
      { type: 'TXT', name: 'example.com', value: 'v=spf1 include:mx.ovh.com ~all', ttl: 600 },
      { type: 'TXT', name: '_dmarc.example.com', value: FIXTURE_DMARC_TEXT, ttl: 3600 },
      { type: 'CNAME', name: 'www.example.com', value: 'example.com', ttl: 3600 },
    ]);
  });

  it('opens "Add an entry", picks the TXT tile, and writes a long DKIM key as quoted 255-character strings', async () => {
    const doc = loadFixture('ovhcloud');
    const result = await genericAdapter.fill(doc, {
      type: 'TXT',
      name: 'mailgate._domainkey.example.com',
      value: FIXTURE_DKIM_TEXT,
    });
    expect(result.filled).toEqual(['type', 'name', 'value']);
    expect(doc.querySelector<HTMLInputElement>('input[name=fieldType][value=TXT]')?.checked).toBe(true);
    expect(readNoticedValue(doc.getElementById('ovh-sub'))).toBe('mailgate._domainkey');
    const target = readNoticedValue(doc.getElementById('ovh-target')) ?? '';
    expect(target.startsWith('"v=DKIM1; k=rsa; p=')).toBe(true);
    expect(target.match(/"/g)).toHaveLength(4);
    expect(unquoteTxt(target)).toBe(FIXTURE_DKIM_TEXT);
  });

  it('leaves the sub-domain empty for the apex and makes MX targets absolute', async () => {
    const doc = loadFixture('ovhcloud');
    await genericAdapter.fill(doc, {
      type: 'MX',
      name: 'example.com',
      value: 'mx.mailgate.example',
      priority: 10,
      ttl: 300,
    });
    expect(doc.getElementById('ovh-sub')?.getAttribute('data-framework-value') ?? '').toBe('');
    expect(readNoticedValue(doc.getElementById('ovh-target'))).toBe('mx.mailgate.example.');
    expect(readNoticedValue(doc.getElementById('ovh-priority'))).toBe('10');
    expect(readNoticedValue(doc.getElementById('ovh-ttl'))).toBe('300');
  });
});
