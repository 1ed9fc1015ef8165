import { describe, expect, it } from 'vitest';
import { checkDmarc } from './dmarc.ts';
import { approximateOrgDomain, parseDmarcRecord, suggestNextPolicy } from './dmarc-record.ts';
import { createZoneResolver, type ZoneData } from './zone-stub.ts';

function check(zone: ZoneData, wishes = {}, domain = 'example.com') {
  return checkDmarc(domain, wishes, createZoneResolver(zone));
}

describe('parseDmarcRecord', () => {
  it('reads every tag with its default', () => {
    const record = parseDmarcRecord(
      'v=DMARC1; p=quarantine; sp=reject; pct=50; adkim=s; rua=mailto:a@example.com,mailto:b@x.net!10m; fo=1:d; ri=3600',
    );
    expect(record.errors).toEqual([]);
    expect(record.policy).toBe('quarantine');
    expect(record.subdomainPolicy).toBe('reject');
    expect(record.percent).toBe(50);
    expect(record.dkimAlignment).toBe('s');
    expect(record.spfAlignment).toBe('r');
    expect(record.aggregateReports).toEqual(['mailto:a@example.com', 'mailto:b@x.net!10m']);
    expect(record.failureOptions).toEqual(['1', 'd']);
    expect(record.reportInterval).toBe(3600);
  });

  it('reports each invalid tag', () => {
    const record = parseDmarcRecord('p=block; v=DMARC1; pct=150; adkim=x; fo=2; rua=https://x.example; foo=bar');
    expect(record.errors).toEqual([
      'the record must start with v=DMARC1',
      'p=block is not none, quarantine or reject',
      'pct=150 must be a whole number from 0 to 100',
      'fo=2 may only hold 0, 1, d and s',
      'adkim=x must be r or s',
      'rua= holds "https://x.example", which is not a mailto: address',
    ]);
    expect(record.warnings).toEqual(['foo= is not a DMARC tag and is ignored']);
    expect(parseDmarcRecord('v=DMARC1; rua=mailto:a@b.c').errors).toEqual(['the required p= tag is missing']);
  });
});

describe('suggestNextPolicy and approximateOrgDomain', () => {
  it('walks none → quarantine → reject and stops at the wish', () => {
    expect(suggestNextPolicy('none')).toBe('quarantine');
    expect(suggestNextPolicy('quarantine')).toBe('reject');
    expect(suggestNextPolicy('reject')).toBeNull();
    expect(suggestNextPolicy('none', 'none')).toBeNull();
  });

  it('approximates organizational domains', () => {
    expect(approximateOrgDomain('mail.example.com')).toBe('example.com');
    expect(approximateOrgDomain('shop.example.co.uk')).toBe('example.co.uk');
  });
});

describe('checkDmarc', () => {
  it('fails without a record and proposes p=none with reports', async () => {
    const [finding] = await check({ 'example.com': [{ TXT: 'v=spf1 -all' }] }, { rua: 'mailto:dmarc@example.com' });
    expect(finding?.status).toBe('fail');
    expect(finding?.fix).toEqual({
      action: 'add',
      record: {
        type: 'TXT',
        name: '_dmarc.example.com',
        value: 'v=DMARC1; p=none; rua=mailto:dmarc@example.com',
        ttl: 3600,
      },
    });
    expect(finding?.why).toContain('RFC 7489');
  });

  it('accepts a valid record and names the next step', async () => {
    const [finding] = await check({ '_dmarc.example.com': [{ TXT: 'v=DMARC1; p=none; rua=mailto:d@example.com' }] });
    expect(finding?.status).toBe('ok');
    expect(finding?.why).toContain('p=quarantine');
  });

  it('moves one step towards the wished policy', async () => {
    const [finding] = await check(
      { '_dmarc.example.com': [{ TXT: 'v=DMARC1; p=none; rua=mailto:d@example.com' }] },
      { policy: 'reject' },
    );
    expect(finding?.status).toBe('warn');
    expect(finding?.fix?.action).toBe('replace');
    expect(finding?.fix?.record.value).toBe('v=DMARC1; p=quarantine; rua=mailto:d@example.com');
    expect(finding?.fix?.current).toBe('v=DMARC1; p=none; rua=mailto:d@example.com');
  });

  it('warns when no reports are asked for', async () => {
    const [finding] = await check(
      { '_dmarc.example.com': [{ TXT: 'v=DMARC1; p=reject' }] },
      { rua: 'mailto:r@example.com' },
    );
    expect(finding?.status).toBe('warn');
    expect(finding?.fix?.record.value).toBe('v=DMARC1; p=reject; rua=mailto:r@example.com');
  });

  it('fails two records and an invalid one', async () => {
    const two = await check({ '_dmarc.example.com': [{ TXT: 'v=DMARC1; p=none' }, { TXT: 'v=DMARC1; p=reject' }] });
    expect(two[0]?.status).toBe('fail');
    expect(two[0]?.why).toContain('2 DMARC records');
    const invalid = await check({ '_dmarc.example.com': [{ TXT: 'v=DMARC1; p=maybe; rua=mailto:a@example.com' }] });
    expect(invalid[0]?.status).toBe('fail');
  });

  it('checks that an external report destination authorizes the domain (RFC 7489 7.1)', async () => {
    const findings = await check({
      '_dmarc.example.com': [
        { TXT: 'v=DMARC1; p=none; rua=mailto:r@example.com,mailto:x@reports.vendor.net,mailto:y@other.org' },
      ],
      'example.com._report._dmarc.reports.vendor.net': [{ TXT: 'v=DMARC1' }],
    });
    const reports = findings.filter((finding) => finding.check === 'dmarc.report');
    expect(reports.map((finding) => [finding.expected, finding.status])).toEqual([
      ['TXT example.com._report._dmarc.reports.vendor.net "v=DMARC1"', 'ok'],
      ['TXT example.com._report._dmarc.other.org "v=DMARC1"', 'warn'],
    ]);
  });

  it('uses the organizational domain record for a subdomain, and warns on a timeout', async () => {
    const inherited = await check(
      { '_dmarc.example.com': [{ TXT: 'v=DMARC1; p=reject; rua=mailto:d@example.com' }] },
      {},
      'mail.example.com',
    );
    expect(inherited[0]?.status).toBe('ok');
    expect(inherited[0]?.found).toContain('inherited from _dmarc.example.com');
    const timeout = await check({ '_dmarc.example.com': 'TIMEOUT' });
    expect(timeout[0]?.status).toBe('warn');
    expect(timeout[0]?.why).toContain('did not answer in time');
  });
});
