// Remembers, per domain, that the admin is waiting for records to appear (popup-storage.ts): the toolbar popup
// closes as soon as the admin clicks into the registrar page to save, and its timers die with it. Reopened, it
// resumes where it was.
import { watchStartItem } from './popup-storage.ts';
import { RECHECK_DELAYS_MS } from './recheck-schedule.ts';

/** Past this, a watch is forgotten: propagation that slow is the 48-hour kind, not worth resuming for. */
export const WATCH_LIFETIME_MS = 2 * 60 * 60 * 1000;

/** When watching started, or null (never, or longer ago than WATCH_LIFETIME_MS). */
export async function loadWatch(domain: string, now: number): Promise<number | null> {
  const startedAt: unknown = await watchStartItem(domain).getValue();
  if (typeof startedAt !== 'number' || !Number.isFinite(startedAt)) return null;
  return now - startedAt <= WATCH_LIFETIME_MS && startedAt <= now ? startedAt : null;
}

export async function saveWatch(domain: string, startedAt: number): Promise<void> {
  await watchStartItem(domain).setValue(startedAt);
}

export async function clearWatch(domain: string): Promise<void> {
  await watchStartItem(domain).removeValue();
}

/**
 * How many re-checks the schedule would have run `elapsedMs` after it started: where a resumed schedule goes on,
 * so that reopening the popup does not restart at 15 s after an hour of waiting.
 */
export function attemptsElapsed(elapsedMs: number, delays: readonly number[] = RECHECK_DELAYS_MS): number {
  let attempts = 0;
  let at = 0;
  for (;;) {
    at += delays[Math.min(attempts, delays.length - 1)]!;
    if (at > elapsedMs) return attempts;
    attempts += 1;
  }
}
