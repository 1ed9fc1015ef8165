// The retry policy of inbound processing: how many attempts a message gets, how long one may run, when the next.

/**
 * Attempts (the sender's retries and the cron sweep's, together) before a message ends `failed` — or, when DNS kept
 * authentication undecided, held for review: enough to ride out an outage of hours, never an endless loop.
 */
export const MAX_INBOUND_ATTEMPTS = 8;
/** How long a claimed attempt owns its row: far beyond one invocation's run; a crashed attempt is retried after it. */
export const ATTEMPT_LEASE_MS = 5 * 60 * 1000;
/** A new row not claimed by its own invocation this long after it arrived is the sweep's to take. */
export const UNCLAIMED_AFTER_MS = 10 * 60 * 1000;

/** Wait before the sweep retries after failed attempt n (1-based); the sender's own retries do not wait for it. */
const BACKOFF_MS = [1, 5, 15, 30, 60, 120, 240, 480].map((minutes) => minutes * 60 * 1000);

export function retryDelayMs(failedAttempts: number): number {
  return BACKOFF_MS[Math.min(Math.max(failedAttempts, 1), BACKOFF_MS.length) - 1]!;
}

/** The attempt may not run another time: its failure is final. */
export function isLastAttempt(attempts: number): boolean {
  return attempts >= MAX_INBOUND_ATTEMPTS;
}

/** Another invocation is processing the message right now: the caller is told to retry later (a transient error). */
export class InboundBusyError extends Error {
  override name = 'InboundBusyError';
  constructor(inboundId: string) {
    super(`inbound message ${inboundId} is being processed by another delivery; retry later`);
  }
}

/** An attempt failed and was recorded (the row is `pending` again, with its error and its next time). */
export class InboundAttemptError extends Error {
  override name = 'InboundAttemptError';
  readonly inboundId: string;
  readonly attempts: number;
  constructor(inboundId: string, attempts: number, cause: unknown) {
    super(`attempt ${attempts} of ${MAX_INBOUND_ATTEMPTS} failed: ${describeError(cause)}`, { cause });
    this.inboundId = inboundId;
    this.attempts = attempts;
  }
}

/** One line for the admin: the error's own message, without a stack. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}
