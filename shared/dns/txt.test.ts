import { describe, expect, it } from 'vitest';
import { joinTxt, parseQuotedTxt, quoteTxt, splitTxt, TXT_STRING_MAX_OCTETS, unquoteTxt } from './txt.ts';

describe('splitTxt and joinTxt', () => {
  it('splits at 255 octets, never inside a UTF-8 character, and joins back', () => {
    const value = `${'a'.repeat(254)}é${'b'.repeat(300)}`;
    const strings = splitTxt(value);
    expect(strings.map((string) => new TextEncoder().encode(string).length)).toEqual([254, 255, 47]);
    expect(joinTxt(strings)).toBe(value);
    expect(splitTxt('')).toEqual(['']);
  });

  it('keeps a value of exactly 255 octets whole and splits at 256', () => {
    expect(splitTxt('x'.repeat(TXT_STRING_MAX_OCTETS))).toHaveLength(1);
    expect(splitTxt('x'.repeat(TXT_STRING_MAX_OCTETS + 1))).toEqual(['x'.repeat(255), 'x']);
  });
});

describe('quoteTxt, parseQuotedTxt and unquoteTxt', () => {
  it('quotes and escapes each string for a zone file (RFC 1035 5.1)', () => {
    expect(quoteTxt('say "hi" \\')).toBe('"say \\"hi\\" \\\\"');
    expect(quoteTxt('x'.repeat(300))).toBe(`"${'x'.repeat(255)}" "${'x'.repeat(45)}"`);
  });

  it('reads quoted strings back, \\DDD octets as UTF-8, an unquoted value whole', () => {
    expect(parseQuotedTxt('"v=DKIM1; p=ab" "c\\"d"')).toEqual(['v=DKIM1; p=ab', 'c"d']);
    expect(parseQuotedTxt('"caf\\195\\169"')).toEqual(['café']);
    expect(parseQuotedTxt('v=spf1 -all')).toEqual(['v=spf1 -all']);
  });

  it('round-trips a long value with quotes and backslashes through quote and unquote', () => {
    const value = `v=DKIM1; n="a\\b"; p=${'Q'.repeat(600)}`;
    expect(unquoteTxt(quoteTxt(value))).toBe(value);
    expect(unquoteTxt('  v=spf1 -all  ')).toBe('v=spf1 -all');
  });
});
