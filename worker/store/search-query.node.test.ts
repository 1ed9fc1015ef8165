import { describe, expect, it } from 'vitest';
import { buildMatchExpression, MAX_SEARCH_TERMS } from './search-query.ts';

describe('buildMatchExpression', () => {
  it('quotes every term as a phrase of its words, the last word a prefix', () => {
    expect(buildMatchExpression('Pallet quote')).toBe('"Pallet" AND "quote" *');
    expect(buildMatchExpression('ann@buyer.example')).toBe('"ann buyer example" *');
  });

  it('lets punctuation end the last word: no prefix then', () => {
    expect(buildMatchExpression('50%_o')).toBe('"50 o" *');
    expect(buildMatchExpression('5_%')).toBe('"5"');
  });

  it('turns FTS5 syntax into plain words', () => {
    expect(buildMatchExpression('a" OR b* NEAR(c d) col:e')).toBe(
      '"a" AND "OR" AND "b" AND "NEAR c" AND "d" AND "col e" *',
    );
    expect(buildMatchExpression('"')).toBeNull();
    expect(buildMatchExpression('%%  __')).toBeNull();
  });

  it('keeps letters of every script and caps the number of terms', () => {
    expect(buildMatchExpression('Grüße straße')).toBe('"Grüße" AND "straße" *');
    expect(buildMatchExpression('請求書')).toBe('"請求書" *');
    const many = Array.from({ length: 40 }, (_, index) => `w${index}`).join(' ');
    expect(buildMatchExpression(many)!.split(' AND ')).toHaveLength(MAX_SEARCH_TERMS);
  });
});
