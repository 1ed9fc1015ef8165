// The registrar page against DNS: a fix the page already holds is propagation, not a missing record.
import { describe, expect, it } from 'vitest';
import type { DnsRecord, Finding } from '../../shared/api/dns.ts';
import { comparePageWithDns, isSameRecord, pageCoversDomain } from './page-vs-dns.ts';

const spfValue = 'v=spf1 include:_spf.mx.cloudflare.net include:_spf.odoo.com ~all';
const spfFinding: Finding = {
  check: 'spf',
  status: 'fail',
  found: 'v=spf1 include:_spf.mx.cloudflare.net ~all',
  expected: spfValue,
  why: 'The SPF record does not allow Odoo.',
  fix: {
    action: 'replace',
    record: { type: 'TXT', name: 'example.com', value: spfValue, ttl: 3600 },
    current: 'v=spf1 include:_spf.mx.cloudflare.net ~all',
  },
};
const dmarcFinding: Finding = {
  check: 'dmarc',
  status: 'fail',
  found: null,
  expected: 'v=DMARC1; p=none',
  why: 'There is no DMARC record.',
  fix: {
    action: 'add',
    record: {
      type: 'TXT',
      name: '_dmarc.example.com',
      value: 'v=DMARC1; p=none; rua=mailto:dmarc@example.com',
      ttl: 3600,
    },
  },
};
const oldMxFinding: Finding = {
  check: 'mx',
  status: 'fail',
  found: 'mx.oldhost.example',
  expected: null,
  why: 'An old MX host still receives mail.',
  fix: {
    action: 'delete',
    record: { type: 'MX', name: 'example.com', value: 'mx.oldhost.example', ttl: 3600, priority: 10 },
  },
};
const okFinding: Finding = {
  check: 'dkim',
  status: 'ok',
  found: 'v=DKIM1; p=abc',
  expected: null,
  why: 'The key is published.',
};

const page = (...records: Omit<DnsRecord, 'ttl'>[]): DnsRecord[] => records.map((record) => ({ ttl: 300, ...record }));

describe('comparePageWithDns', () => {
  it('marks a fix the page already lists as on the page, not in DNS yet', () => {
    const listed = page(
      { type: 'TXT', name: 'Example.com.', value: 'v=spf1  include:_spf.mx.cloudflare.net include:_spf.odoo.com ~all' },
      { type: 'MX', name: 'example.com', value: 'route1.mx.cloudflare.net', priority: 86 },
    );
    expect(comparePageWithDns([spfFinding, dmarcFinding, oldMxFinding, okFinding], listed, 'example.com')).toEqual([
      'on-page-not-in-dns',
      null,
      'removed-on-page-still-in-dns',
      null,
    ]);
  });

  it('says nothing when the page lists the old value, or lists nothing of that owner', () => {
    const listed = page(
      { type: 'TXT', name: 'example.com', value: 'v=spf1 include:_spf.mx.cloudflare.net ~all' },
      { type: 'MX', name: 'example.com', value: 'MX.OLDHOST.EXAMPLE.', priority: 10 },
    );
    expect(comparePageWithDns([spfFinding, dmarcFinding, oldMxFinding], listed, 'example.com')).toEqual([
      null,
      null,
      null,
    ]);
    expect(comparePageWithDns([oldMxFinding], [], 'example.com')).toEqual([null]);
  });

  it('counts any record at a single-record owner DNS found empty (a DMARC record with other tags)', () => {
    const otherDmarc = page({ type: 'TXT', name: '_dmarc.example.com', value: 'v=DMARC1; p=reject' });
    expect(comparePageWithDns([dmarcFinding], otherDmarc, 'example.com')).toEqual(['on-page-not-in-dns']);
    // DNS already has a DMARC record (found): the page's other value is an edit, not something on its way.
    expect(comparePageWithDns([{ ...dmarcFinding, found: 'v=DMARC1; p=none' }], otherDmarc, 'example.com')).toEqual([
      null,
    ]);
    // At the apex many TXT records live side by side: another TXT there says nothing about SPF.
    const spfAdd: Finding = { ...spfFinding, found: null, fix: { action: 'add', record: spfFinding.fix!.record } };
    expect(
      comparePageWithDns(
        [spfAdd],
        page({ type: 'TXT', name: 'example.com', value: 'google-site-verification=abc' }),
        'example.com',
      ),
    ).toEqual([null]);
  });

  it('matches a finding without a fix by the owner it names (a DKIM key only the sender can give)', () => {
    const dkimMissing: Finding = {
      check: 'dkim',
      status: 'fail',
      found: null,
      expected: 'TXT cf2024-1._domainkey.example.com with an RSA key of at least 2048 bits',
      why: 'No DKIM key is published at cf2024-1._domainkey.example.com for Cloudflare Email Routing.',
    };
    const key = page({ type: 'TXT', name: 'cf2024-1._domainkey.example.com', value: 'v=DKIM1; k=rsa; p=MIIB' });
    expect(comparePageWithDns([dkimMissing], key, 'example.com')).toEqual(['on-page-not-in-dns']);
    // A longer owner that merely contains the name does not count.
    expect(
      comparePageWithDns(
        [dkimMissing],
        page({ type: 'TXT', name: '1._domainkey.example.com', value: 'v=DKIM1; p=x' }),
        'example.com',
      ),
    ).toEqual([null]);
  });

  it('matches DMARC tags regardless of spacing and case, DKIM keys regardless of wrapping', () => {
    expect(
      isSameRecord(
        { type: 'TXT', name: '_dmarc.example.com', value: 'v=DMARC1;p=none;rua=mailto:dmarc@example.com' },
        dmarcFinding.fix!.record,
      ),
    ).toBe(true);
    const key = { type: 'TXT' as const, name: 's1._domainkey.example.com', value: 'v=DKIM1; k=rsa; p=MIIBIjANBgkq' };
    expect(isSameRecord({ ...key, value: 'v=DKIM1; k=rsa; p=MIIBIj ANBgkq' }, key)).toBe(true);
    expect(isSameRecord({ ...key, value: 'v=DKIM1; k=rsa; p=miibijanbgkq' }, key)).toBe(false);
  });
});

describe('pageCoversDomain', () => {
  it('compares only when the page manages the domain or a parent of it', () => {
    expect(pageCoversDomain('example.com', 'example.com')).toBe(true);
    expect(pageCoversDomain('example.com', 'mail.example.com')).toBe(true);
    expect(pageCoversDomain('example.com', 'broken.example')).toBe(false);
    expect(pageCoversDomain(null, 'example.com')).toBe(false);
  });
});
