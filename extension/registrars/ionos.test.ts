// IONOS adapter against its reconstructed DNS page (type tiles, Host name with @).
import { describe, expect, it } from 'vitest';
import { genericAdapter, selectAdapter } from './index.ts';
import { loadFixture, readNoticedValue } from './testing/load-fixture.ts';

/** The registrar's profile (URL, list reading); its form is filled by the generic adapter alone. */
const ionosAdapter = selectAdapter('https://my.ionos.com/domain-dns-settings/example.com');

describe('ionosAdapter', () => {
  it('matches the country sites of the control panel', () => {
    expect(ionosAdapter.matches('https://my.ionos.de/domain-dns-settings/example.com')).toBe(true);
    expect(ionosAdapter.matches('https://my.ionos.co.uk/domain-dns-settings/example.com')).toBe(true);
    expect(ionosAdapter.matches('https://www.ionos.com/')).toBe(false);
  });

  it('reads the records list', () => {
    expect(ionosAdapter.readRecords(loadFixture('ionos'))).toEqual([
      { type: 'MX', name: 'example.com', value: 'mx00.ionos.com', ttl: 3600 },
      { type: 'TXT', name: 'example.com', value: 'v=spf1 include:_spf-us.ionos.com ~all', ttl: 3600 },
      { type: 'CNAME', name: '_domainconnect.example.com', value: '_domainconnect.ionos.com', ttl: 3600 },
    ]);
  });

  it('opens "Add record", clicks the MX tile and fills host @, value, priority and TTL', async () => {
    const doc = loadFixture('ionos');
    const clicked: string[] = [];
    doc.addEventListener('click', (event) => clicked.push((event.target as Element).textContent ?? ''));
    const result = await genericAdapter.fill(doc, {
      type: 'MX',
      name: 'example.com',
      value: 'mx.mailgate.example',
      priority: 10,
      ttl: 60,
    });
    expect(result).toEqual({ filled: ['type', 'name', 'value', 'ttl', 'priority'], problems: [] });
    expect(clicked).toEqual(['Add record', 'MX']);
    expect(readNoticedValue(doc.getElementById('io-host'))).toBe('@');
    expect(readNoticedValue(doc.getElementById('io-value'))).toBe('mx.mailgate.example');
    expect(readNoticedValue(doc.getElementById('io-prio'))).toBe('10');
    expect(readNoticedValue(doc.getElementById('io-ttl'))).toBe('60');
  });
});
