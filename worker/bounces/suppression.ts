// The suppression policy: pure functions that turn a stored suppression entry and one bounce, complaint, normal mail
// or admin action into the next entry. The mailbox reads the entry, applies these, and upserts the result. Entries
// belong to one domain: each tenant's ERP keeps its own list.

import type { AuthVerdict } from '../../shared/api/auth.ts';
import type { AddSuppressionOutcome, NewSuppression, SuppressionJson } from '../../shared/api/bounces.ts';
import { splitAddress } from '../../shared/mail/address.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export type SuppressionSource = 'bounce' | 'complaint' | 'manual' | 'imported';

/** One `suppressions` row, as stored (counters included). */
export type SuppressionState = {
  domainId: string;
  address: string;
  suppressedAt: Date | null;
  reason: string | null;
  source: SuppressionSource | null;
  bounceCount: number;
  firstBounceAt: Date | null;
  lastBounceAt: Date | null;
  complained: boolean;
  updatedAt: Date | null;
};

export type SuppressionPolicy = {
  /** Reasons that suppress at once when the failure is permanent: the mailbox or its domain does not exist. */
  immediateReasons: ReadonlySet<string>;
  /** Odoo's mass-mailing rule: this many counted bounces… */
  repeatedBounceThreshold: number;
  /** …spread over more than this span (one bad day of a receiving server is not a dead address)… */
  minimumBounceSpanMs: number;
  /** …within this window; older bounces no longer count (the counter restarts, see applyBounce). */
  bounceWindowMs: number;
  /**
   * An authenticated normal mail from the address lifts a suppression that bounces caused (never a complaint or a
   * manual one); see provesAddressAlive.
   */
  normalMailLiftsBounceSuppression: boolean;
};

/**
 * The documented default. Immediate: Sisimai's userunknown (RFC 3463 5.1.1), hostunknown (5.1.2) and hasmoved
 * (5.1.6); 5 bounces over more than a week within 13 weeks is Odoo's `mailing.trace` blacklist rule.
 */
export const DEFAULT_SUPPRESSION_POLICY: SuppressionPolicy = {
  immediateReasons: new Set(['userunknown', 'hostunknown', 'hasmoved']),
  repeatedBounceThreshold: 5,
  minimumBounceSpanMs: 7 * DAY_MS,
  bounceWindowMs: 13 * 7 * DAY_MS,
  normalMailLiftsBounceSuppression: true,
};

/** What a bounce or complaint report says about one recipient. */
export type RecipientReport = {
  kind: 'bounce' | 'complaint';
  /** RFC 3464 2.3.3 Action; null when the report (a prose bounce) does not say. */
  action: string | null;
  reason: string | null;
  permanent: boolean;
};

export type SuppressionChange = {
  next: SuppressionState;
  /** The report was a failure that counts (not a delay or a success notice). */
  counted: boolean;
  /** The address was not suppressed before and is now. */
  newlySuppressed: boolean;
};

export function createEmptySuppression(domainId: string, address: string): SuppressionState {
  return {
    domainId,
    address: address.toLowerCase(),
    suppressedAt: null,
    reason: null,
    source: null,
    bounceCount: 0,
    firstBounceAt: null,
    lastBounceAt: null,
    complained: false,
    updatedAt: null,
  };
}

/**
 * Only failures count. RFC 3464 2.3.3: `delayed` means the MTA is still trying, `delivered`/`relayed`/`expanded`
 * are success notices; null is a prose bounce that did not say, and those are failure reports.
 */
export function isCountedFailure(report: RecipientReport): boolean {
  return report.kind === 'bounce' && (report.action === 'failed' || report.action === null);
}

function suppress(state: SuppressionState, at: Date, source: SuppressionSource, reason: string): SuppressionState {
  return { ...state, suppressedAt: state.suppressedAt ?? at, source, reason, updatedAt: at };
}

/**
 * Applies one report. The window is kept with the stored counters only: when the first counted bounce is older
 * than the window, the count restarts from this bounce (a tumbling window; the `bounces` rows keep the history).
 */
export function applyRecipientReport(
  previous: SuppressionState | null,
  report: RecipientReport & { domainId: string; address: string },
  at: Date,
  policy: SuppressionPolicy = DEFAULT_SUPPRESSION_POLICY,
): SuppressionChange {
  const state = previous ?? createEmptySuppression(report.domainId, report.address);
  const wasSuppressed = state.suppressedAt !== null;
  if (report.kind === 'complaint') {
    // A complaint outranks every other source: it is the recipient's own wish and only a forced lift undoes it.
    const next = { ...suppress(state, at, 'complaint', 'complaint'), complained: true };
    return { next, counted: false, newlySuppressed: !wasSuppressed };
  }
  if (!isCountedFailure(report)) return { next: state, counted: false, newlySuppressed: false };

  const windowExpired =
    state.firstBounceAt !== null && at.getTime() - state.firstBounceAt.getTime() > policy.bounceWindowMs;
  const restart = state.bounceCount === 0 || state.firstBounceAt === null || windowExpired;
  let next: SuppressionState = {
    ...state,
    bounceCount: restart ? 1 : state.bounceCount + 1,
    firstBounceAt: restart ? at : state.firstBounceAt,
    lastBounceAt: at,
    updatedAt: at,
  };
  if (!wasSuppressed) {
    const reason = report.reason ?? 'undefined';
    const span = next.lastBounceAt!.getTime() - next.firstBounceAt!.getTime();
    if (report.permanent && policy.immediateReasons.has(reason)) {
      next = suppress(next, at, 'bounce', reason);
    } else if (next.bounceCount >= policy.repeatedBounceThreshold && span > policy.minimumBounceSpanMs) {
      next = suppress(
        next,
        at,
        'bounce',
        `${next.bounceCount} bounces over ${Math.floor(span / DAY_MS)} days (last: ${reason})`,
      );
    }
  }
  return { next, counted: true, newlySuppressed: !wasSuppressed && next.suppressedAt !== null };
}

/**
 * Whether a normal mail proves that `address` is alive: only when DMARC passed for the From domain, and that domain is
 * the address's own (RFC 7489 3.1: aligned SPF or DKIM). Anyone can write a `From:`; a spoofed one proves nothing.
 */
export function provesAddressAlive(verdict: AuthVerdict | null, address: string): boolean {
  const domain = splitAddress(address)?.domain;
  return !!verdict && !!domain && verdict.dmarc.result === 'pass' && verdict.dmarc.domain?.toLowerCase() === domain;
}

/**
 * An authenticated normal mail from the address (provesAddressAlive): it exists and reads its mail, so its bounce
 * count starts again (Odoo's `_message_reset_bounce`). A complaint is never lifted this way; neither is an admin's
 * manual entry.
 */
export function applyNormalMail(
  state: SuppressionState,
  at: Date,
  policy: SuppressionPolicy = DEFAULT_SUPPRESSION_POLICY,
): SuppressionState {
  const lift = policy.normalMailLiftsBounceSuppression && state.source === 'bounce' && !state.complained;
  return {
    ...state,
    bounceCount: 0,
    firstBounceAt: null,
    lastBounceAt: null,
    ...(lift ? { suppressedAt: null, reason: null, source: null } : {}),
    updatedAt: at,
  };
}

export type LiftResult = { ok: true; next: SuppressionState } | { ok: false; why: 'complaint-needs-force' };

/** An admin lifts a suppression. A complaint is the recipient's wish: lifting it must be asked for explicitly. */
export function liftSuppression(state: SuppressionState, at: Date, options: { force: boolean }): LiftResult {
  if (state.complained && !options.force) return { ok: false, why: 'complaint-needs-force' };
  // Lifted means a clean slate: no count, no history that would re-suppress at the next bounce.
  return { ok: true, next: { ...createEmptySuppression(state.domainId, state.address), updatedAt: at } };
}

/** The reason a hand-added entry shows when the admin gave none. */
const DEFAULT_REASONS: Record<SuppressionSource, string> = {
  manual: 'added by an admin',
  imported: 'imported from another mail system',
  bounce: 'undefined',
  complaint: 'complaint',
};

/**
 * An admin adds an address (by hand, from another system's list, or a restore). Idempotent: an address already
 * suppressed keeps its older entry (`alreadyThere`, null: nothing to write) unless `replace` is asked for. An entry
 * that was only counting bounces keeps its counters unless the new one brings its own.
 */
export function applyAdminEntry(
  previous: SuppressionState | null,
  entry: NewSuppression & { domainId: string },
  at: Date,
  replace: boolean,
): { outcome: AddSuppressionOutcome; next: SuppressionState | null } {
  const wasSuppressed = previous?.suppressedAt != null;
  if (wasSuppressed && !replace) return { outcome: 'alreadyThere', next: null };
  const state = previous ?? createEmptySuppression(entry.domainId, entry.address);
  const toDate = (value: string | null | undefined, kept: Date | null) =>
    value === undefined ? kept : value === null ? null : new Date(value);
  const next: SuppressionState = {
    ...state,
    suppressedAt: entry.suppressedAt ? new Date(entry.suppressedAt) : at,
    source: entry.source,
    reason: entry.reason ?? DEFAULT_REASONS[entry.source],
    bounceCount: entry.bounceCount ?? state.bounceCount,
    firstBounceAt: toDate(entry.firstBounceAt, state.firstBounceAt),
    lastBounceAt: toDate(entry.lastBounceAt, state.lastBounceAt),
    // A complaint stays one: the recipient's wish outlives a later hand-made entry.
    complained: entry.complained ?? (entry.source === 'complaint' || state.complained),
    updatedAt: at,
  };
  return { outcome: wasSuppressed ? 'replaced' : 'added', next };
}

/** The wire shape of a suppression entry: the API's answer and the `recipient.suppressed` event's data. */
export function toSuppressionJson(state: SuppressionState, domainName: string | null): SuppressionJson {
  return {
    address: state.address,
    domain: domainName,
    suppressed: state.suppressedAt !== null,
    suppressedAt: state.suppressedAt?.toISOString() ?? null,
    reason: state.reason,
    source: state.source,
    bounceCount: state.bounceCount,
    firstBounceAt: state.firstBounceAt?.toISOString() ?? null,
    lastBounceAt: state.lastBounceAt?.toISOString() ?? null,
    complained: state.complained,
    updatedAt: state.updatedAt?.toISOString() ?? null,
  };
}

/** Suppressed first, then a complaint, then the highest count: the entry that says most against sending. */
function rankEntry(entry: SuppressionJson): number {
  return (entry.suppressed ? 2_000_000 : 0) + (entry.complained ? 1_000_000 : 0) + entry.bounceCount;
}

/**
 * One address across every domain (an installation-wide token that names none): the strongest entry answers, so an
 * ERP asking "may I send?" hears no whenever any tenant's list says no; `domains` lists each domain's entry.
 */
export function summarizeAcrossDomains(address: string, entries: SuppressionJson[]): SuppressionJson {
  const strongest = [...entries].sort((a, b) => rankEntry(b) - rankEntry(a))[0];
  const base = strongest ?? toSuppressionJson(createEmptySuppression('', address), null);
  return { ...base, domains: entries };
}
