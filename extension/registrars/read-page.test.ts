// The `mailgate:read-page` answer: the registrar adapter by URL reads zone and records; other pages read generically.
import { describe, expect, it } from 'vitest';
import { pageReadingSchema } from '../messages/read-page-message.ts';
import { readPage } from './read-page.ts';
import { loadFixture } from './testing/load-fixture.ts';
import { FIXTURE_DMARC_TEXT } from './testing/sample-records.ts';

describe('readPage', () => {
  it('reads the Cloudflare dashboard with its adapter: zone and listed records', () => {
    const reading = readPage(loadFixture('cloudflare'), 'https://dash.cloudflare.com/0123abcd/example.com/dns/records');
    expect(pageReadingSchema.parse(reading)).toEqual(reading);
    expect(reading).toMatchObject({
      adapter: 'cloudflare',
      adapterName: 'Cloudflare',
      knownRegistrar: true,
      zone: 'example.com',
    });
    expect(reading.records.map((record) => `${record.type} ${record.name}`)).toEqual([
      'MX example.com',
      'TXT example.com',
      'TXT _dmarc.example.com',
      'TXT cf2024-1._domainkey.example.com',
      'CNAME www.example.com',
    ]);
    expect(reading.records.find((record) => record.name === '_dmarc.example.com')?.value).toBe(FIXTURE_DMARC_TEXT);
  });

  it('reads any other page with the generic adapter (a page the admin granted from the popup)', () => {
    const reading = readPage(loadFixture('generic-cpanel'), 'http://127.0.0.1:4173/generic-cpanel.html');
    expect(reading).toMatchObject({ adapter: 'generic', knownRegistrar: false, zone: 'example.com' });
  });

  it('gives no zone and no records for a page that names no domain', () => {
    const empty = document.implementation.createHTMLDocument('');
    empty.body.innerHTML = '<h1>Welcome</h1><p>Nothing about DNS here.</p>';
    expect(readPage(empty, 'https://news.example/')).toEqual({
      adapter: 'generic',
      adapterName: 'web',
      knownRegistrar: false,
      zone: null,
      records: [],
    });
  });
});
