// Re-checks a domain at growing intervals after the admin fills or saves a record, until every record passes.
// Pure scheduling: the clock and the timer are injected, so tests drive time by hand.
import type { DomainReport } from '../../shared/api/dns.ts';

/** 15 s, 30 s, 1 min, 2 min, then every 5 min: quick while a registrar publishes, gentle on the resolver after. */
export const RECHECK_DELAYS_MS: readonly number[] = [15_000, 30_000, 60_000, 120_000, 300_000];
/** About an hour and a half of watching; propagation beyond that is the 48-hour kind, not worth polling for. */
export const MAX_RECHECKS = 20;

/** The wait before re-check number `attempt` (0 for the first), the last delay repeating once reached. */
export function recheckDelayMs(attempt: number, delays: readonly number[] = RECHECK_DELAYS_MS): number {
  if (delays.length === 0) throw new Error('recheckDelayMs needs at least one delay');
  return delays[Math.min(Math.max(0, Math.floor(attempt)), delays.length - 1)]!;
}

/**
 * True when nothing is left to do: no failure, and no warning that comes with a fix. A warning without a fix (for
 * example no DKIM selector known) cannot be solved by filling a record, so waiting for it would never end.
 */
export function allRecordsPass(report: DomainReport): boolean {
  return report.findings.every(
    (finding) => finding.status === 'ok' || finding.status === 'info' || (finding.status === 'warn' && !finding.fix),
  );
}

export type TimerPort = {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

export type RecheckState =
  | { kind: 'waiting'; attempt: number; nextAt: number }
  | { kind: 'checking'; attempt: number }
  | { kind: 'passed'; attempts: number }
  | { kind: 'gave-up'; attempts: number }
  | { kind: 'stopped' };

export type RecheckOptions = {
  timers: TimerPort;
  /** Runs one check; resolves true when every record passes. A rejected check counts as not passing yet. */
  check: () => Promise<boolean>;
  onState: (state: RecheckState) => void;
  delays?: readonly number[];
  maxAttempts?: number;
  /** The attempt to wait for first: a schedule resumed after the popup was closed goes on at its longer delays. */
  startAttempt?: number;
};

export type RecheckSchedule = {
  /** Cancels the pending re-check; nothing runs afterwards. */
  stop(): void;
};

export function startRecheckSchedule(options: RecheckOptions): RecheckSchedule {
  const { timers, check, onState } = options;
  const maxAttempts = options.maxAttempts ?? MAX_RECHECKS;
  let handle: unknown = null;
  let stopped = false;

  function wait(attempt: number): void {
    if (attempt >= maxAttempts) {
      onState({ kind: 'gave-up', attempts: attempt });
      return;
    }
    const delay = recheckDelayMs(attempt, options.delays);
    onState({ kind: 'waiting', attempt, nextAt: timers.now() + delay });
    handle = timers.setTimeout(() => void run(attempt), delay);
  }

  async function run(attempt: number): Promise<void> {
    handle = null;
    if (stopped) return;
    onState({ kind: 'checking', attempt });
    const passed = await check().catch(() => false);
    if (stopped) return;
    if (passed) onState({ kind: 'passed', attempts: attempt + 1 });
    else wait(attempt + 1);
  }

  wait(Math.max(0, Math.floor(options.startAttempt ?? 0)));
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
      onState({ kind: 'stopped' });
    },
  };
}

/** Whole seconds left until `nextAt`, never negative (the label "re-checking in N s"). */
export function secondsUntil(nextAt: number, now: number): number {
  return Math.max(0, Math.ceil((nextAt - now) / 1000));
}
