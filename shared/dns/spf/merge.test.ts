import { describe, expect, it } from 'vitest';
import { createZoneResolver, type ZoneData } from '../zone-stub.ts';
import { mergeSpf } from './merge.ts';

/** Ten providers each costing one lookup for the include plus `depth` nested ones. */
const zone: ZoneData = {
  'example.com': [{ A: '192.0.2.10' }, { MX: [10, 'mx.example.com'] }],
  'mx.example.com': [{ A: '192.0.2.25' }],
  '_spf.big.example': [{ TXT: 'v=spf1 include:_n1.big.example include:_n2.big.example include:_n3.big.example ~all' }],
  '_n1.big.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/26 -all' }],
  '_n2.big.example': [{ TXT: 'v=spf1 ip4:198.51.100.64/26 ip6:2001:db8:b::/48 -all' }],
  '_n3.big.example': [{ TXT: 'v=spf1 include:_n1.big.example -all' }],
  '_spf.mail.example': [{ TXT: 'v=spf1 ip4:203.0.113.0/24 ~all' }],
  'relay.example': [{ TXT: 'v=spf1 include:_spf.mail.example -all' }],
  'dyn.example': [{ TXT: 'v=spf1 exists:%{i}.dyn.example include:_n1.big.example include:_n2.big.example -all' }],
  ...Object.fromEntries(
    Array.from({ length: 6 }, (_, index) => [`s${index}.example`, [{ TXT: `v=spf1 ip4:192.0.2.${100 + index} -all` }]]),
  ),
};
const resolver = createZoneResolver(zone);

describe('mergeSpf', () => {
  it('adds a new include before all, keeping every term and the all qualifier', async () => {
    const merged = await mergeSpf('v=spf1 mx ip4:192.0.2.1 -all', ['include:_spf.mx.cloudflare.net'], undefined);
    expect(merged.record).toBe('v=spf1 mx ip4:192.0.2.1 include:_spf.mx.cloudflare.net -all');
    expect(merged.changed).toBe(true);
    expect(merged.lookups).toBe(2);
  });

  it('removes exact duplicates and reports no change when nothing is missing', async () => {
    const merged = await mergeSpf(
      'v=spf1 include:_spf.mail.example +include:_spf.mail.example ~all',
      ['include:_SPF.mail.example'],
      resolver,
    );
    expect(merged.record).toBe('v=spf1 include:_spf.mail.example ~all');
    expect(merged.changed).toBe(true);
    const same = await mergeSpf('v=spf1 include:_spf.mail.example ~all', ['include:_spf.mail.example'], resolver);
    expect(same).toMatchObject({ record: 'v=spf1 include:_spf.mail.example ~all', changed: false, lookups: 1 });
  });

  it('creates a record with ~all when none exists', async () => {
    const merged = await mergeSpf(null, ['include:_spf.mail.example', 'mx'], resolver, { domain: 'example.com' });
    expect(merged).toMatchObject({ record: 'v=spf1 include:_spf.mail.example mx ~all', changed: true, lookups: 2 });
  });

  it('merges two published records into one', async () => {
    const merged = await mergeSpf(['v=spf1 mx -all', 'v=spf1 include:_spf.mail.example ~all'], [], resolver, {
      domain: 'example.com',
    });
    expect(merged.record).toBe('v=spf1 mx include:_spf.mail.example -all');
    expect(merged.warnings.join(' ')).toContain('2 SPF records merged');
  });

  it('does not add an include already reached through another one', async () => {
    const merged = await mergeSpf('v=spf1 include:relay.example -all', ['include:_spf.mail.example'], resolver);
    expect(merged.record).toBe('v=spf1 include:relay.example -all');
    expect(merged.changed).toBe(false);
  });

  it('turns a redirect into an include when all is present', async () => {
    const merged = await mergeSpf(['v=spf1 redirect=_spf.mail.example', 'v=spf1 mx -all'], [], resolver, {
      domain: 'example.com',
    });
    expect(merged.record).toBe('v=spf1 mx include:_spf.mail.example -all');
  });

  it('over 10 lookups: drops redundant terms first, and only as many as needed', async () => {
    // 1 + 4 (the big tree) + 1 (n1, also reached through big) + a + mx + 4 singles = 12 lookups.
    const existing =
      'v=spf1 a mx include:_spf.big.example include:_n1.big.example ip4:192.0.2.0/24 include:s0.example include:s1.example include:s2.example include:s3.example -all';
    const merged = await mergeSpf(existing, [], resolver, { domain: 'example.com' });
    expect(merged.record).toBe(
      'v=spf1 mx include:_spf.big.example ip4:192.0.2.0/24 include:s0.example include:s1.example include:s2.example include:s3.example -all',
    );
    expect(merged.lookups).toBe(10);
    expect(merged.warnings.join(' ')).toContain('"include:_n1.big.example" dropped');
    expect(merged.warnings.join(' ')).toContain('"a" dropped');
    expect(merged.warnings.some((warning) => warning.includes('flattened'))).toBe(false);
  });

  it('over 10 lookups without redundancy: flattens the costliest include and warns', async () => {
    const existing =
      'v=spf1 include:_spf.big.example include:s0.example include:s1.example include:s2.example include:s3.example include:s4.example -all';
    const merged = await mergeSpf(existing, ['include:s5.example'], resolver);
    expect(merged.record).toBe(
      'v=spf1 ip4:198.51.100.0/26 ip4:198.51.100.64/26 ip6:2001:db8:b::/48 include:s0.example include:s1.example include:s2.example include:s3.example include:s4.example include:s5.example -all',
    );
    expect(merged.lookups).toBe(6);
    expect(merged.warnings.join(' ')).toMatch(/flattened .*stale/);
  });

  it('never flattens an include that depends on the client', async () => {
    const singles = Array.from({ length: 6 }, (_, index) => `include:s${index}.example`).join(' ');
    const merged = await mergeSpf(
      `v=spf1 include:dyn.example ${singles} a:example.com mx:example.com -all`,
      [],
      resolver,
    );
    expect(merged.record).toContain('include:dyn.example');
    expect(merged.record).toContain('ip4:192.0.2.100');
    expect(merged.lookups).toBe(10);
  });

  it('warns when even the last resort cannot reach 10 lookups', async () => {
    const terms = Array.from({ length: 11 }, (_, index) => `exists:%{i}.l${index}.example`).join(' ');
    const merged = await mergeSpf(`v=spf1 ${terms} -all`, [], resolver);
    expect(merged.lookups).toBe(11);
    expect(merged.warnings.join(' ')).toContain('still needs 11 DNS lookups');
  });
});
