// The retry schedule of deliveries: exponential steps with bounded jitter, covering at least three days.

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Delay before attempt n+1 after attempt n failed (index 0 = after the first attempt); daily after the table. */
export const RETRY_DELAYS_MS: readonly number[] = [
  30 * SECOND_MS,
  2 * MINUTE_MS,
  10 * MINUTE_MS,
  30 * MINUTE_MS,
  1 * HOUR_MS,
  3 * HOUR_MS,
  6 * HOUR_MS,
  12 * HOUR_MS,
];
export const DAILY_RETRY_DELAY_MS = DAY_MS;

/** An ERP down over a long weekend must still get its mail: retries span at least this long. */
export const MINIMUM_RETRY_SPAN_MS = 3 * DAY_MS;

/** Each delay is scaled by a factor in [1 - JITTER, 1 + JITTER), so that a recovering receiver is not stampeded. */
export const RETRY_JITTER_FRACTION = 0.1;

/**
 * Attempts in all (the first one plus retries) before the delivery is dead-lettered: the table (8 steps,
 * about 22.7 h) plus 3 daily steps takes the span past 3 days even with every delay jittered to its minimum
 * (0.9 × 94.7 h ≈ 85 h).
 */
export const MAX_DELIVERY_ATTEMPTS = 12;

/**
 * How long to wait after the failed attempt number `attemptNumber` (1 = the first attempt) before the next one,
 * or null when that was the last attempt and the delivery goes to the dead-letter state.
 */
export function nextRetryDelayMs(attemptNumber: number, random: () => number = Math.random): number | null {
  if (!Number.isInteger(attemptNumber) || attemptNumber < 1) {
    throw new RangeError(`attempt numbers start at 1, got ${attemptNumber}`);
  }
  if (attemptNumber >= MAX_DELIVERY_ATTEMPTS) return null;
  const nominal = RETRY_DELAYS_MS[attemptNumber - 1] ?? DAILY_RETRY_DELAY_MS;
  const factor = 1 + RETRY_JITTER_FRACTION * (2 * random() - 1);
  return Math.round(nominal * factor);
}
