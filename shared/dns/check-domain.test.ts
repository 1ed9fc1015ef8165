import { describe, expect, it } from 'vitest';
import { domainReportSchema, type Finding } from '../api/dns.ts';
import { checkDomain } from './check-domain.ts';
import { generateDkimKeyPair } from './dkim-keygen.ts';
import { createDohResolver } from './doh.ts';
import { DnsError, type Resolver } from './resolver.ts';
import { createZoneResolver, type ZoneData } from './zone-stub.ts';

/** The records Cloudflare's own names answer with (kept small: the SPF include is an ip4 list). */
const CLOUDFLARE_SIDE: ZoneData = {
  'route1.mx.cloudflare.net': [{ A: '162.159.205.11' }],
  'route2.mx.cloudflare.net': [{ A: '162.159.205.12' }],
  'route3.mx.cloudflare.net': [{ A: '162.159.205.13' }],
  '_spf.mx.cloudflare.net': [{ TXT: 'v=spf1 ip4:104.30.0.0/19 -all' }],
  '_spf.odoo.com': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }],
  '_spf.google.com': [{ TXT: 'v=spf1 ip4:203.0.113.0/24 ~all' }],
  'odoo._domainkey.odoo.com': [{ TXT: 'v=DKIM1; k=rsa; p=' }],
};

const HEALTHY_CLOUDFLARE_MX = [
  { MX: [13, 'route1.mx.cloudflare.net'] },
  { MX: [86, 'route2.mx.cloudflare.net'] },
  { MX: [24, 'route3.mx.cloudflare.net'] },
];

async function createHealthyZone(): Promise<ZoneData> {
  const key = await generateDkimKeyPair('example.com', 'cf2024-1');
  const odooKey = await generateDkimKeyPair('odoo.com', 'odoo');
  return {
    ...CLOUDFLARE_SIDE,
    'odoo._domainkey.odoo.com': [{ TXT: odooKey.record.value }],
    'example.com': [
      ...HEALTHY_CLOUDFLARE_MX,
      { TXT: 'v=spf1 include:_spf.mx.cloudflare.net include:_spf.odoo.com ~all' },
    ],
    // A 2048-bit key published as two character-strings, as a registrar that splits at 255 does.
    'cf2024-1._domainkey.example.com': [{ TXT: [key.record.value.slice(0, 255), key.record.value.slice(255)] }],
    'odoo._domainkey.example.com': [{ CNAME: 'odoo._domainkey.odoo.com' }],
    '_dmarc.example.com': [{ TXT: 'v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com' }],
  };
}

function findingsOf(findings: Finding[], check: string): Finding[] {
  return findings.filter((finding) => finding.check === check);
}

describe('checkDomain', () => {
  it('reports a healthy Cloudflare + Odoo domain as ok, in check order, matching the wire schema', async () => {
    const zone = await createHealthyZone();
    const report = await checkDomain('Example.com.', { senders: ['odoo'] }, createZoneResolver(zone), {
      now: () => new Date('2026-01-02T03:04:05Z'),
    });
    expect(domainReportSchema.parse(report)).toEqual(report);
    expect(report.domain).toBe('example.com');
    expect(report.checkedAt).toBe('2026-01-02T03:04:05.000Z');
    const notOk = report.findings.filter((finding) => finding.status === 'warn' || finding.status === 'fail');
    expect(notOk).toEqual([]);
    expect(report.status).toBe('ok');
    expect(report.zoneFile).toBeUndefined();
    const checks = report.findings.map((finding) => finding.check.split('.')[0]);
    expect(checks.indexOf('mx')).toBeLessThan(checks.indexOf('spf'));
    expect(checks.lastIndexOf('spf')).toBeLessThan(checks.indexOf('dkim'));
    expect(checks.lastIndexOf('dkim')).toBeLessThan(checks.indexOf('dmarc'));
    expect(checks.lastIndexOf('dmarc')).toBeLessThan(checks.indexOf('srv'));
    expect(findingsOf(report.findings, 'dkim').map((finding) => finding.found?.slice(0, 13))).toEqual([
      'rsa 2048 bits',
      'rsa 2048 bits',
    ]);
    expect(
      report.findings
        .filter((finding) => finding.check.startsWith('srv.'))
        .every((finding) => finding.status === 'info'),
    ).toBe(true);
  });

  it('catches every classic mistake at once, each with its fix', async () => {
    const zone = await createHealthyZone();
    const key = await generateDkimKeyPair('example.com', 'cf2024-1');
    const report = await checkDomain(
      'example.com',
      { senders: ['odoo', 'google'] },
      createZoneResolver({
        ...zone,
        'example.com': [
          ...HEALTHY_CLOUDFLARE_MX,
          { MX: [5, 'mx.oldhost.example'] },
          // A second SPF record instead of one merged record; Google's include forgotten.
          { TXT: 'v=spf1 include:_spf.mx.cloudflare.net ~all' },
          { TXT: 'v=spf1 include:_spf.odoo.com ~all' },
        ],
        'mx.oldhost.example': [{ A: '192.0.2.25' }],
        // The 2048-bit key cut at 255 characters by the registrar.
        'cf2024-1._domainkey.example.com': [{ TXT: key.record.value.slice(0, 255) }],
        'odoo._domainkey.example.com': [],
        '_dmarc.example.com': [],
      }),
    );
    expect(report.status).toBe('fail');
    const mx = findingsOf(report.findings, 'mx');
    expect(mx).toMatchObject([{ status: 'fail', fix: { action: 'delete', record: { value: 'mx.oldhost.example' } } }]);
    const spf = report.findings.filter((finding) => finding.check.startsWith('spf'));
    expect(spf.some((finding) => finding.status === 'fail')).toBe(true);
    const spfFix = spf.find((finding) => finding.fix)?.fix;
    expect(spfFix?.record.value).toContain('include:_spf.google.com');
    expect(spfFix?.record.value).toContain('include:_spf.odoo.com');
    const dkim = findingsOf(report.findings, 'dkim');
    // cf2024-1 (Cloudflare), odoo (Odoo), google (Google Workspace), in that order.
    expect(dkim.map((finding) => finding.status)).toEqual(['fail', 'fail', 'fail']);
    expect(dkim[0]?.why).toContain('255');
    expect(dkim[2]?.why).toContain('google._domainkey.example.com');
    expect(dkim[1]?.fix?.record).toEqual({
      type: 'CNAME',
      name: 'odoo._domainkey.example.com',
      value: 'odoo._domainkey.odoo.com',
      ttl: 3600,
    });
    expect(findingsOf(report.findings, 'dmarc')).toMatchObject([{ status: 'fail', fix: { action: 'add' } }]);
    expect(report.zoneFile).toContain('odoo._domainkey.example.com.\t3600\tIN\tCNAME\todoo._domainkey.odoo.com.');
    expect(report.zoneFile).toContain('; delete: example.com.\t3600\tIN\tMX\t5 mx.oldhost.example.');
  });

  it('flags more than 10 SPF lookups', async () => {
    const zone = await createHealthyZone();
    const chain: ZoneData = {};
    const includes = Array.from({ length: 11 }, (_, index) => `include:s${index}.example.net`);
    for (let index = 0; index < 11; index++)
      chain[`s${index}.example.net`] = [{ TXT: `v=spf1 ip4:192.0.2.${index} -all` }];
    const report = await checkDomain(
      'example.com',
      { senders: ['odoo'] },
      createZoneResolver({
        ...zone,
        ...chain,
        'example.com': [
          ...HEALTHY_CLOUDFLARE_MX,
          { TXT: `v=spf1 include:_spf.mx.cloudflare.net include:_spf.odoo.com ${includes.join(' ')} ~all` },
        ],
      }),
    );
    const lookups = report.findings.filter((finding) => finding.check.startsWith('spf') && /10/.test(finding.why));
    expect(lookups.length).toBeGreaterThan(0);
    expect(report.status).toBe('fail');
  });

  it('turns DNS failures into warnings, never an exception', async () => {
    const failing: Resolver = async (name, type) => {
      throw new DnsError('ESERVFAIL', name, type);
    };
    const report = await checkDomain('example.com', {}, failing);
    expect(report.status).toBe('warn');
    expect(report.findings.filter((finding) => finding.status === 'fail')).toEqual([]);
    expect(findingsOf(report.findings, 'mx')[0]?.why).toContain('could not be checked');
  });

  it('times out slow queries within the budget and stays a warning', { timeout: 30_000 }, async () => {
    const zone = await createHealthyZone();
    const fast = createZoneResolver(zone);
    // DMARC answers long after the 50 ms query timeout and the 500 ms budget, so that timers fired late on a loaded
    // machine still come first; a check that waited for the answer would last all of DMARC_DELAY_MS.
    const DMARC_DELAY_MS = 10_000;
    const slowDmarc: Resolver = async (name, type) => {
      if (name.startsWith('_dmarc.')) await new Promise((resolve) => setTimeout(resolve, DMARC_DELAY_MS));
      return fast(name, type);
    };
    const started = Date.now();
    const report = await checkDomain('example.com', { senders: ['odoo'] }, slowDmarc, {
      queryTimeoutMs: 50,
      budgetMs: 500,
    });
    expect(Date.now() - started).toBeLessThan(DMARC_DELAY_MS / 2);
    expect(findingsOf(report.findings, 'dmarc')[0]).toMatchObject({ status: 'warn' });
    expect(findingsOf(report.findings, 'dmarc')[0]?.why).toContain('did not answer in time');
  });

  it('reports unknown services, a receiver that must receive nothing, and a missing selector', async () => {
    const report = await checkDomain(
      'example.com',
      { receiver: 'none', senders: ['nonsense', 'mailgun'] },
      createZoneResolver({
        'example.com': [{ MX: [0, '.'] }, { TXT: 'v=spf1 include:mailgun.org -all' }],
        'mailgun.org': [{ TXT: 'v=spf1 -all' }],
      }),
      { includeOptional: false },
    );
    expect(report.findings[0]).toMatchObject({ check: 'expectations', status: 'warn', found: 'nonsense' });
    expect(findingsOf(report.findings, 'mx')).toMatchObject([{ status: 'ok', found: '0 .' }]);
    expect(findingsOf(report.findings, 'dkim')).toMatchObject([{ status: 'info' }]);
    expect(report.findings.some((finding) => finding.check.startsWith('srv'))).toBe(false);
  });

  it('runs over the DoH resolver as the worker calls it (fake fetch, no network)', async () => {
    const answers: Record<string, { name: string; type: number; TTL: number; data: string }[]> = {
      'example.com MX': [{ name: 'example.com', type: 15, TTL: 300, data: '10 mail.example.com.' }],
      'mail.example.com A': [{ name: 'mail.example.com', type: 1, TTL: 300, data: '192.0.2.10' }],
      'example.com TXT': [{ name: 'example.com', type: 16, TTL: 300, data: '"v=spf1 mx -all"' }],
      '_dmarc.example.com TXT': [
        { name: '_dmarc.example.com', type: 16, TTL: 300, data: '"v=DMARC1; p=reject; " "rua=mailto:d@example.com"' },
      ],
    };
    const fakeFetch = (async (input: string | URL | Request) => {
      const url = new URL(String(input));
      const answer = answers[`${url.searchParams.get('name')} ${url.searchParams.get('type')}`];
      return new Response(JSON.stringify(answer ? { Status: 0, Answer: answer } : { Status: 3 }));
    }) as typeof fetch;
    const report = await checkDomain(
      'example.com',
      { receiver: 'own-mta', mx: ['mail.example.com'] },
      createDohResolver({ fetch: fakeFetch }),
      { includeOptional: false },
    );
    expect(findingsOf(report.findings, 'mx')).toMatchObject([{ status: 'ok', found: '10 mail.example.com' }]);
    expect(findingsOf(report.findings, 'spf')[0]?.status).toBe('ok');
    expect(findingsOf(report.findings, 'dmarc')).toMatchObject([
      { status: 'ok', found: 'v=DMARC1; p=reject; rua=mailto:d@example.com' },
    ]);
    expect(findingsOf(report.findings, 'dkim')).toMatchObject([{ status: 'info' }]);
  });
});
