import { describe, expect, it } from 'vitest';
import { describeError, isLastAttempt, MAX_INBOUND_ATTEMPTS, retryDelayMs } from './attempts.ts';

describe('the inbound retry policy', () => {
  it('waits longer after each failed attempt, and caps the wait', () => {
    const waits = Array.from({ length: MAX_INBOUND_ATTEMPTS + 3 }, (_, i) => retryDelayMs(i + 1));
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1]!);
    expect(waits[0]).toBe(60_000);
    expect(waits.at(-1)).toBe(waits.at(-2));
  });

  it('spends every attempt before the last, and no more', () => {
    expect(isLastAttempt(MAX_INBOUND_ATTEMPTS - 1)).toBe(false);
    expect(isLastAttempt(MAX_INBOUND_ATTEMPTS)).toBe(true);
  });

  it('describes an error in one bounded line', () => {
    expect(describeError(new Error('D1_ERROR: too many SQL variables'))).toBe('D1_ERROR: too many SQL variables');
    expect(describeError('x'.repeat(2000)).length).toBeLessThanOrEqual(501);
  });
});
