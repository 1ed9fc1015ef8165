// Route 53 adapter against its reconstructed hosted zone + quick-create page.
import { describe, expect, it } from 'vitest';
import { genericAdapter, selectAdapter } from './index.ts';
import { loadFixture, readNoticedValue } from './testing/load-fixture.ts';
import { FIXTURE_DKIM_TEXT, FIXTURE_DMARC_TEXT } from './testing/sample-records.ts';

/** The registrar's profile (URL, list reading); its form is filled by the generic adapter alone. */
const route53Adapter = selectAdapter(
  'https://us-east-1.console.aws.amazon.com/route53/v2/hostedzones#ListRecordSets/Z0123',
);

describe('route53Adapter', () => {
  it('matches the Route 53 console, global or regional', () => {
    expect(
      route53Adapter.matches('https://us-east-1.console.aws.amazon.com/route53/v2/hostedzones#ListRecordSets/Z123'),
    ).toBe(true);
    expect(route53Adapter.matches('https://console.aws.amazon.com/route53/home')).toBe(true);
    expect(route53Adapter.matches('https://console.aws.amazon.com/ec2/home')).toBe(false);
  });

  it('reads one record per value line, unquoting and joining split TXT', () => {
    expect(route53Adapter.readRecords(loadFixture('route53'))).toEqual([
      { type: 'MX', name: 'example.com', value: 'inbound-smtp.us-east-1.amazonaws.com', ttl: 300, priority: 10 },
      { type: 'TXT', name: 'example.com', value: 'v=spf1 include:amazonses.com ~all', ttl: 300 },
      { type: 'TXT', name: 'example.com', value: 'google-site-verification=abc123', ttl: 300 },
      { type: 'TXT', name: '_dmarc.example.com', value: FIXTURE_DMARC_TEXT, ttl: 300 },
      { type: 'TXT', name: 'selector1._domainkey.example.com', value: FIXTURE_DKIM_TEXT, ttl: 1800 },
    ]);
  });

  it('fills a DKIM TXT quoted and split, with a relative record name', async () => {
    const doc = loadFixture('route53');
    const result = await genericAdapter.fill(doc, {
      type: 'TXT',
      name: 'mailgate._domainkey.example.com',
      value: FIXTURE_DKIM_TEXT,
      ttl: 3600,
    });
    expect(result).toEqual({ filled: ['type', 'name', 'value', 'ttl'], problems: [] });
    expect(readNoticedValue(doc.getElementById('r53-type'))).toMatch(/^TXT – /);
    expect(readNoticedValue(doc.getElementById('r53-name'))).toBe('mailgate._domainkey');
    expect(readNoticedValue(doc.getElementById('r53-value'))).toBe(
      `"${FIXTURE_DKIM_TEXT.slice(0, 255)}" "${FIXTURE_DKIM_TEXT.slice(255)}"`,
    );
    expect(readNoticedValue(doc.getElementById('r53-ttl'))).toBe('3600');
  });

  it('fills an apex MX as "priority host" with a blank record name', async () => {
    const doc = loadFixture('route53');
    (doc.getElementById('r53-name') as HTMLInputElement).value = 'old';
    await genericAdapter.fill(doc, { type: 'MX', name: 'example.com', value: 'mx.mailgate.example', priority: 10 });
    expect(readNoticedValue(doc.getElementById('r53-name'))).toBe('');
    expect(readNoticedValue(doc.getElementById('r53-value'))).toBe('10 mx.mailgate.example');
  });
});
