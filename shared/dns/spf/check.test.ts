import { describe, expect, it } from 'vitest';
import { findingSchema } from '../../api/dns.ts';
import { createZoneResolver, type ZoneData } from '../zone-stub.ts';
import { checkSpf } from './check.ts';

const CF = 'include:_spf.mx.cloudflare.net';
const zone: ZoneData = {
  '_spf.mx.cloudflare.net': [{ TXT: 'v=spf1 ip4:104.30.0.0/19 -all' }],
  '_spf.other.example': [{ TXT: 'v=spf1 ip4:203.0.113.0/24 -all' }],
  'good.example': [{ TXT: `v=spf1 ${CF} -all` }],
  'empty.example': [{ A: '192.0.2.1' }],
  'two.example': [{ TXT: 'v=spf1 include:_spf.other.example -all' }, { TXT: `v=spf1 ${CF} ~all` }],
  'missing.example': [{ TXT: 'v=spf1 include:_spf.other.example -all' }],
  'ptr.example': [{ TXT: `v=spf1 ptr ${CF} -all` }, { SPF: `v=spf1 ptr ${CF} -all` }],
  'typo.example': [{ TXT: `v=spf1 ${CF} ip4:192.0.2.300 -all` }],
  'deep.example': [
    { TXT: `v=spf1 ${CF} ${Array.from({ length: 10 }, (_, index) => `exists:%{i}.b${index}.example`).join(' ')} -all` },
  ],
  'timeout.example': 'TIMEOUT',
};
const resolver = createZoneResolver(zone);

describe('checkSpf', () => {
  it('passes a domain that already has the one record it needs', async () => {
    const findings = await checkSpf('good.example', [CF], resolver);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ check: 'spf', status: 'ok', found: `v=spf1 ${CF} -all` });
    expect(findings[0]?.fix).toBeUndefined();
    for (const finding of findings) findingSchema.parse(finding);
  });

  it('proposes a record to add when none exists', async () => {
    const [finding] = await checkSpf('empty.example', [CF], resolver);
    expect(finding).toMatchObject({
      check: 'spf',
      status: 'fail',
      found: null,
      fix: { action: 'add', record: { type: 'TXT', name: 'empty.example', value: `v=spf1 ${CF} ~all`, ttl: 3600 } },
    });
    expect(finding?.why).toMatch(/^RFC 7208 3\.2: /);
  });

  it('merges two records into one and deletes the second', async () => {
    const findings = await checkSpf('two.example', [CF], resolver);
    expect(findings[0]).toMatchObject({
      check: 'spf',
      status: 'fail',
      fix: { action: 'replace', record: { value: `v=spf1 include:_spf.other.example ${CF} -all` } },
    });
    expect(findings[0]?.why).toContain('exactly one SPF record');
    expect(findings[1]).toMatchObject({
      check: 'spf.duplicate',
      fix: { action: 'delete', record: { value: `v=spf1 ${CF} ~all` } },
    });
  });

  it('adds a missing sender include to the existing record', async () => {
    const [finding] = await checkSpf('missing.example', [CF], resolver);
    expect(finding).toMatchObject({
      status: 'fail',
      found: 'v=spf1 include:_spf.other.example -all',
      fix: {
        action: 'replace',
        current: 'v=spf1 include:_spf.other.example -all',
        record: { value: `v=spf1 include:_spf.other.example ${CF} -all` },
      },
    });
    expect(finding?.why).toContain(CF);
  });

  it('warns about ptr and the obsolete SPF RR type', async () => {
    const findings = await checkSpf('ptr.example', [CF], resolver);
    expect(findings[0]).toMatchObject({ check: 'spf', status: 'warn' });
    expect(findings.map((finding) => finding.check).sort()).toEqual(['spf', 'spf.ptr', 'spf.rr-type']);
  });

  it('fails syntax errors with the position and proposes a record without the broken term', async () => {
    const findings = await checkSpf('typo.example', [CF], resolver);
    expect(findings[0]).toMatchObject({ status: 'fail', fix: { record: { value: `v=spf1 ${CF} -all` } } });
    expect(findings.find((finding) => finding.check === 'spf.syntax')?.why).toContain('position 38');
  });

  it('reports more than 10 lookups as spf.lookups', async () => {
    const findings = await checkSpf('deep.example', [CF], resolver);
    expect(findings[0]?.status).toBe('fail');
    expect(findings.find((finding) => finding.check === 'spf.lookups')).toMatchObject({
      status: 'fail',
      expected: 'at most 10 lookups',
    });
  });

  it('turns a DNS failure into a warning', async () => {
    const findings = await checkSpf('timeout.example', [CF], resolver);
    expect(findings).toEqual([expect.objectContaining({ check: 'spf', status: 'warn' })]);
    expect(findings[0]).not.toHaveProperty('fix');
    expect(findings[0]?.why).toContain('temperror');
  });
});
