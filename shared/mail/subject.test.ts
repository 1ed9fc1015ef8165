import { describe, expect, it } from 'vitest';
import { normalizeSubject } from './subject.ts';

describe('normalizeSubject', () => {
  it.each([
    ['Re: Quote 42', 'quote 42'],
    ['RE: Fwd: AW: WG: Quote 42', 'quote 42'],
    ['SV: VS: Tilbud', 'tilbud'],
    ['TR: RV: Devis', 'devis'],
    ['Re[2]: Quote   42', 'quote 42'],
    ['[sales] Re: Quote 42', 'quote 42'],
    ['回复：报价', '报价'],
    ['Reminder: Quote 42', 'reminder: quote 42'],
  ])('%s → %s', (subject, expected) => {
    expect(normalizeSubject(subject)).toBe(expected);
  });

  it('handles a missing subject', () => {
    expect(normalizeSubject(null)).toBe('');
  });
});
