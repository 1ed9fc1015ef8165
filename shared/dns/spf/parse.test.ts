import { describe, expect, it } from 'vitest';
import { isSpfRecord, parseSpfRecord } from './parse.ts';
import { validateSpfRecord } from './validate.ts';

describe('parseSpfRecord', () => {
  it('keeps every term with its position and arguments', () => {
    const parsed = parseSpfRecord('v=spf1  a/24//64 -mx:mail.example.com ip6:2001:db8::/32 ~all exp=why.%{d}');
    expect(parsed.errors).toEqual([]);
    expect(parsed.terms.map((term) => [term.text, term.position])).toEqual([
      ['a/24//64', 8],
      ['-mx:mail.example.com', 17],
      ['ip6:2001:db8::/32', 38],
      ['~all', 56],
      ['exp=why.%{d}', 61],
    ]);
    expect(parsed.terms[0]).toMatchObject({ name: 'a', qualifier: '+', cidr4: 24, cidr6: 64, domainSpec: null });
    expect(parsed.terms[1]).toMatchObject({ name: 'mx', qualifier: '-', domainSpec: 'mail.example.com' });
    expect(parsed.terms[4]).toMatchObject({ kind: 'modifier', name: 'exp', value: 'why.%{d}' });
  });

  it('recognizes records by version only', () => {
    expect(isSpfRecord('V=SPF1 -all')).toBe(true);
    expect(isSpfRecord('v=spf1')).toBe(true);
    expect(isSpfRecord('v=spf10 -all')).toBe(false);
  });

  it.each([
    ['v=spf1 ip4:192.0.2.1/33', 'prefix'],
    ['v=spf1 ip4:192.0.2', 'not a valid IPv4'],
    ['v=spf1 ip4:192.0.2.1//32', 'prefix'],
    ['v=spf1 ip6::CAFE::BABE', 'not a valid IPv6'],
    ['v=spf1 a/24/64', 'CIDR'],
    ['v=spf1 a:museum', 'top-level label'],
    ['v=spf1 include:', 'empty'],
    ['v=spf1 ptr/0', 'ptr'],
    ['v=spf1 -all.', 'no argument'],
    ['v=spf1 redirect:example.com', 'modifier'],
    ['v=spf1 1up=foo', 'neither'],
    ['v=spf1 exists:%{x}.example.com', 'macro letter'],
    ['v=spf1 a:foo%.example.com', '"%"'],
    ['v=spf1 a:caf\u00e9.example.com', 'U+00E9'],
  ])('rejects %s', (record, message) => {
    const { errors } = parseSpfRecord(record);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain(message);
    expect(errors[0]?.position).toBe(7);
  });

  it('reports a repeated exp= at the repetition', () => {
    expect(parseSpfRecord('v=spf1 exp=a.example.com exp=b.example.com').errors).toEqual([
      { position: 25, term: 'exp=b.example.com', message: '"exp=" appears more than once (RFC 7208 6)' },
    ]);
  });
});

describe('validateSpfRecord', () => {
  const codes = (record: string): string[] => validateSpfRecord(record).map((issue) => issue.code);

  it('accepts a clean record', () => {
    expect(codes('v=spf1 mx include:_spf.example.net -all')).toEqual([]);
  });

  it('reports each kind of problem with a precise finding', () => {
    expect(codes('v=spf1 a moo -all')).toEqual(['syntax']);
    expect(validateSpfRecord('v=spf1 a moo -all')[0]).toMatchObject({ position: 9, term: 'moo', severity: 'error' });
    expect(codes('v=spf1 exists:%{z}.example.com -all')).toEqual(['macro']);
    expect(codes('v=spf1 ptr -all')).toEqual(['ptr']);
    expect(codes('v=spf1 +all')).toEqual(['pass-all']);
    expect(codes('v=spf1 all')).toEqual(['pass-all']);
    expect(codes('v=spf1 mx ?all')).toEqual(['neutral-all']);
    expect(codes('v=spf1 mx')).toEqual(['missing-all']);
    expect(codes('v=spf1 redirect=_spf.example.com')).toEqual([]);
    expect(codes('v=spf1 mx -all redirect=_spf.example.com')).toEqual(['redirect-with-all']);
    expect(codes(`v=spf1 ${'a '.repeat(11)}-all`)).toEqual(['too-many-lookups']);
  });
});
