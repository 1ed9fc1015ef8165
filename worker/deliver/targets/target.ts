// What a kind of delivery target is: which targets an event goes to (fan-out), and one attempt at one of them (run
// loop), with the statements its outcome writes. Every kind is one file of this folder and one line of index.ts.
import type { Database, Statement } from '../../store/db.ts';
import type { deliveries, events } from '../../store/schema.ts';
import type { AttemptOutcome, DeliveryDeps } from '../attempt-outcome.ts';
import type { OutboxDeps } from '../outbox-deps.ts';
import { checkTargetUrl, STRICT_TARGET_POLICY } from '../target-url.ts';

/** Time allowed for one attempt (connect, send, read the answer): a healthy receiver answers well within it. */
export const DELIVERY_ATTEMPT_TIMEOUT_MS = 15_000;

/**
 * Events that feed one target kind only (the Odoo hand-off, an outgoing mail to send): a webhook gets one only when
 * its filter names it.
 */
export const INTERNAL_EVENT_TYPES: ReadonlySet<string> = new Set(['odoo.handoff', 'outgoing.send']);

export type EventRow = typeof events.$inferSelect;
export type DeliveryRow = typeof deliveries.$inferSelect;
export type { Statement };

/** Where a delivery ends after an attempt: the run loop decides it from the outcome and the retry schedule. */
export type DeliveryStatus = 'delivered' | 'retrying' | 'dead';

/** What the run loop tells a target once it knows how the attempt ends. */
export type Settlement = { status: DeliveryStatus; at: Date; attempts: number; error: string | null };

/**
 * An attempt's outcome, with the secret values it used (masked wherever a receiver echoes them back) and the
 * statements its end writes in the same batch as the delivery's own update (`settle`); or a reason to cancel the
 * delivery without attempting it.
 */
export type PerformedAttempt =
  | {
      outcome: AttemptOutcome;
      secrets: readonly string[];
      settle?: (settlement: Settlement) => { statements: Statement[]; eventIds: string[] };
    }
  | { cancel: string };

export type AttemptOne = (delivery: DeliveryRow, event: EventRow) => Promise<PerformedAttempt>;

export type DeliveryTarget = {
  /** The ids of this kind's targets that want `event` (one delivery each). */
  selectTargets(db: Database, event: EventRow): Promise<string[]>;
  /** Loads what the claimed deliveries' targets need at once (one query per kind, not per delivery). */
  prepareAttempts(deps: OutboxDeps, targetIds: readonly string[]): Promise<AttemptOne>;
};

/** The network, clock and time budget one attempt gets. */
export function toAttemptDeps(deps: OutboxDeps): DeliveryDeps {
  return { fetch: deps.fetch, now: deps.now, timeoutMs: deps.timeoutMs ?? DELIVERY_ATTEMPT_TIMEOUT_MS };
}

/** A target refused before any request: nothing was sent, and retrying cannot help until an admin fixes it. */
export function refuseTarget(reason: string): PerformedAttempt {
  return { outcome: configurationFailure('permanent-failure', reason), secrets: [] };
}

/** The target URL is checked again before each attempt: rows stored before the rule, or under another setting. */
export function refuseUnsafeUrl(deps: OutboxDeps, url: string): PerformedAttempt | null {
  const check = checkTargetUrl(url, deps.targetPolicy ?? STRICT_TARGET_POLICY);
  return check.ok ? null : refuseTarget(`refused target URL: ${check.reason}`);
}

export function configurationFailure(disposition: 'retry' | 'permanent-failure', error: string): AttemptOutcome {
  return { ok: false, disposition, status: null, latencyMs: 0, responseSnippet: '', failure: 'configuration', error };
}
