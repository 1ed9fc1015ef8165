import { describe, expect, it } from 'vitest';
import { MAX_DELIVERY_ATTEMPTS, MINIMUM_RETRY_SPAN_MS, RETRY_JITTER_FRACTION, nextRetryDelayMs } from './backoff.ts';

const HOUR = 3_600_000;

function totalSpan(random: () => number): { total: number; retries: number } {
  let total = 0;
  let retries = 0;
  for (let attempt = 1; ; attempt += 1) {
    const delay = nextRetryDelayMs(attempt, random);
    if (delay === null) return { total, retries };
    total += delay;
    retries += 1;
  }
}

describe('nextRetryDelayMs', () => {
  it('follows 30 s, 2 min, 10 min, 30 min, 1 h, 3 h, 6 h, 12 h, then daily, without jitter at random = 0.5', () => {
    const delays = Array.from({ length: MAX_DELIVERY_ATTEMPTS - 1 }, (_, index) =>
      nextRetryDelayMs(index + 1, () => 0.5),
    );
    expect(delays).toEqual([
      30_000,
      120_000,
      600_000,
      1_800_000,
      HOUR,
      3 * HOUR,
      6 * HOUR,
      12 * HOUR,
      24 * HOUR,
      24 * HOUR,
      24 * HOUR,
    ]);
  });

  it('dead-letters after the last attempt', () => {
    expect(nextRetryDelayMs(MAX_DELIVERY_ATTEMPTS - 1, () => 0.5)).not.toBeNull();
    expect(nextRetryDelayMs(MAX_DELIVERY_ATTEMPTS, () => 0.5)).toBeNull();
    expect(nextRetryDelayMs(MAX_DELIVERY_ATTEMPTS + 5, () => 0.5)).toBeNull();
  });

  it('covers at least 3 days even when every delay is jittered to its minimum', () => {
    const shortest = totalSpan(() => 0);
    expect(shortest.retries).toBe(MAX_DELIVERY_ATTEMPTS - 1);
    expect(shortest.total).toBeGreaterThanOrEqual(MINIMUM_RETRY_SPAN_MS);
    // And not absurdly longer than the target (about four days at most).
    expect(totalSpan(() => 0.999_999).total).toBeLessThan(5 * 24 * HOUR);
  });

  it('keeps jitter within ±10 % of each step and actually varies', () => {
    for (let attempt = 1; attempt < MAX_DELIVERY_ATTEMPTS; attempt += 1) {
      const nominal = nextRetryDelayMs(attempt, () => 0.5)!;
      const low = nextRetryDelayMs(attempt, () => 0)!;
      const high = nextRetryDelayMs(attempt, () => 0.999_999)!;
      expect(low).toBeGreaterThanOrEqual(Math.floor(nominal * (1 - RETRY_JITTER_FRACTION)));
      expect(high).toBeLessThanOrEqual(Math.ceil(nominal * (1 + RETRY_JITTER_FRACTION)));
      expect(high).toBeGreaterThan(low);
    }
    const samples = new Set(Array.from({ length: 50 }, () => nextRetryDelayMs(3)));
    expect(samples.size).toBeGreaterThan(10);
  });

  it('rejects attempt numbers below 1 (a programmer error)', () => {
    expect(() => nextRetryDelayMs(0)).toThrow(RangeError);
    expect(() => nextRetryDelayMs(1.5)).toThrow(RangeError);
  });
});
