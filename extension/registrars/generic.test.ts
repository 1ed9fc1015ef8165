// The generic adapter against three unrelated add-record layouts.
import { describe, expect, it } from 'vitest';
import { genericAdapter } from './generic.ts';
import { selectAdapter } from './index.ts';
import { loadFixture, readNoticedValue } from './testing/load-fixture.ts';

describe('genericAdapter', () => {
  it('is what selectAdapter falls back to, and never matches by URL', () => {
    expect(selectAdapter('http://127.0.0.1:8080/zone.html')).toBe(genericAdapter);
    expect(selectAdapter('https://dash.cloudflare.com/x').id).toBe('cloudflare');
    expect(genericAdapter.matches('http://127.0.0.1/')).toBe(false);
  });

  it('fills a labelled cPanel-style form (label for=, native select, "Record" value)', async () => {
    const doc = loadFixture('generic-cpanel');
    const result = await genericAdapter.fill(doc, {
      type: 'MX',
      name: 'example.com',
      value: 'mx.mailgate.example',
      priority: 10,
      ttl: 3600,
    });
    expect(result).toEqual({ filled: ['type', 'name', 'value', 'ttl', 'priority'], problems: [] });
    expect(readNoticedValue(doc.getElementById('z-type'))).toBe('MX');
    expect(readNoticedValue(doc.getElementById('z-name'))).toBe('@');
    expect(readNoticedValue(doc.getElementById('z-record'))).toBe('mx.mailgate.example');
    expect(readNoticedValue(doc.getElementById('z-ttl'))).toBe('3600');
    expect(readNoticedValue(doc.getElementById('z-priority'))).toBe('10');
  });

  it('reads a "+" drawn as an icon (a class, a Fluent icon name) as part of the add button', async () => {
    for (const icon of ['<i class="mdi mdi-plus"></i>', '<i data-icon-name="Add" class="ms-Icon"></i>']) {
      const doc = document.implementation.createHTMLDocument('zone');
      doc.body.innerHTML = `<button type="button" id="open">${icon}<span>DNS entry</span></button><button type="button">Export</button>
        <form id="f" hidden><label for="t">Type</label><select id="t"><option>A</option><option>MX</option><option>TXT</option></select>
        <label for="n">Name</label><input id="n"><label for="v">Value</label><input id="v"></form>`;
      doc.getElementById('open')?.addEventListener('click', () => doc.getElementById('f')?.removeAttribute('hidden'));
      const result = await genericAdapter.fill(doc, { type: 'TXT', name: 'example.com', value: 'v=spf1 -all' });
      expect(result, icon).toEqual({ filled: ['type', 'name', 'value'], problems: [] });
      expect((doc.getElementById('v') as HTMLInputElement).value).toBe('v=spf1 -all');
    }
  });

  it('reads a plain table with full names', () => {
    const records = genericAdapter.readRecords(loadFixture('generic-cpanel'));
    expect(records).toContainEqual({ type: 'TXT', name: 'example.com', value: 'v=spf1 +a +mx ~all', ttl: 14400 });
  });

  it('fills a placeholder-only form behind an "+ Add record" button with a custom combobox', async () => {
    const doc = loadFixture('generic-placeholders');
    const result = await genericAdapter.fill(doc, {
      type: 'TXT',
      name: '_dmarc.example.org',
      value: 'v=DMARC1; p=none',
      ttl: 300,
    });
    expect(result).toEqual({ filled: ['type', 'name', 'value', 'ttl'], problems: [] });
    expect(genericAdapter.readZone(doc)).toBe('example.org');
    expect(readNoticedValue(doc.getElementById('g-type'))).toBe('TXT');
    expect(readNoticedValue(doc.getElementById('g-host'))).toBe('_dmarc');
    expect(readNoticedValue(doc.getElementById('g-value'))).toBe('v=DMARC1; p=none');
    expect(readNoticedValue(doc.getElementById('g-ttl'))).toBe('300');
  });

  it('fills an aria-labelledby form and reports what it could not find', async () => {
    const doc = loadFixture('generic-aria');
    const result = await genericAdapter.fill(doc, {
      type: 'TXT',
      name: 'mailgate._domainkey.example.net',
      value: 'v=DKIM1; p=abc',
      ttl: 3600,
    });
    expect(result.filled).toEqual(['type', 'name', 'value']);
    expect(result.problems).toEqual(["The TTL 3600 could not be set; the registrar's default stays."]);
    expect(readNoticedValue(doc.querySelector('[name=rrtype]'))).toBe('TXT');
    expect(readNoticedValue(doc.querySelector('[name=host]'))).toBe('mailgate._domainkey');
    expect(readNoticedValue(doc.querySelector('[name=value]'))).toBe('v=DKIM1; p=abc');
  });

  it('reads an ARIA grid', () => {
    expect(genericAdapter.readRecords(loadFixture('generic-aria'))).toEqual([
      { type: 'MX', name: 'example.net', value: 'mail.example.net', ttl: 3600 },
      { type: 'TXT', name: '_dmarc.example.net', value: 'v=DMARC1; p=none', ttl: 3600 },
    ]);
  });

  it('says so when the page has no add-record form', async () => {
    const doc = document.implementation.createHTMLDocument('');
    doc.body.innerHTML = '<h1>Welcome</h1><p>Nothing to fill here.</p>';
    const result = await genericAdapter.fill(doc, { type: 'TXT', name: 'example.com', value: 'x' });
    expect(result).toEqual({ filled: [], problems: ['No add-record form was found on this web page.'] });
  });
});
