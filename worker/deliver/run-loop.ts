// The run loop: claims due deliveries with a lease, attempts them a few at a time through their target kind, logs
// every attempt and schedules the next one (backoff), and revives dead ones on an admin's demand.
//
// Each attempt first claims its delivery with a lease (nextAttemptAt pushed past the attempt's timeout), so the
// Queue consumer and the cron never attempt the same delivery at once, and a crash mid-attempt only delays it until
// the lease ends. Per-thread order is NOT guaranteed: deliveries are independent, and a failed one is retried later
// while the thread's next events go out; receivers order by the payload's timestamps and drop duplicates by id.
import { and, asc, eq, inArray, lte, or } from 'drizzle-orm';
import { newId } from '../store/ids.ts';
import { deliveries, deliveryAttempts, events } from '../store/schema.ts';
import { nextRetryDelayMs } from './backoff.ts';
import type { OutboxDeps } from './outbox-deps.ts';
import { redactForLog } from './redact.ts';
import { DELIVERY_TARGETS, type TargetKind } from './targets/index.ts';
import type { AttemptOne, DeliveryRow, DeliveryStatus, EventRow, Statement } from './targets/target.ts';

/** A claimed delivery is not attempted again before this: longer than any attempt, short enough to recover a crash. */
export const DELIVERY_LEASE_MS = 2 * 60 * 1000;
/** Attempts running at once: Workers allow 6 simultaneous outgoing connections per invocation. */
export const DELIVERY_CONCURRENCY = 6;
/** Due deliveries one run takes on; the rest wait for the next run (a run must fit the invocation's budget). */
export const DEFAULT_DELIVERY_BATCH = 50;
/** D1 binds at most 100 parameters per statement: one claim (and its event lookup) takes at most this many. */
export const MAX_DELIVERIES_PER_CLAIM = 90;
const ERROR_TEXT_CHARS = 500;

export type RunSummary = { attempted: number; delivered: number; retrying: number; dead: number; cancelled: number };
type AttemptResult = DeliveryStatus | 'cancelled';

/**
 * Attempts the due deliveries (status pending/retrying, nextAttemptAt <= now): the given ones, or the oldest
 * due ones up to `limit`. They are claimed in one statement (a lease on nextAttemptAt), so a concurrent run
 * (Queue consumer, cron) skips them. Delivery problems never throw; D1/R2 trouble does (the caller retries).
 */
export async function runDueDeliveries(
  deps: OutboxDeps,
  deliveryIds?: readonly string[],
  limit = DEFAULT_DELIVERY_BATCH,
): Promise<RunSummary> {
  const summary: RunSummary = { attempted: 0, delivered: 0, retrying: 0, dead: 0, cancelled: 0 };
  if (deliveryIds && deliveryIds.length === 0) return summary;
  const { db } = deps;
  const now = new Date(deps.now());
  const claimLimit = Math.min(limit, MAX_DELIVERIES_PER_CLAIM);
  const due = and(inArray(deliveries.status, ['pending', 'retrying']), lte(deliveries.nextAttemptAt, now));
  const candidates = db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(deliveryIds ? and(due, inArray(deliveries.id, deliveryIds.slice(0, claimLimit))) : due)
    .orderBy(asc(deliveries.nextAttemptAt))
    .limit(claimLimit);
  const claimed = await db
    .update(deliveries)
    .set({ nextAttemptAt: new Date(now.getTime() + DELIVERY_LEASE_MS) })
    .where(and(inArray(deliveries.id, candidates), due))
    .returning();
  if (claimed.length === 0) return summary;
  const eventRows = await db
    .select()
    .from(events)
    .where(inArray(events.id, [...new Set(claimed.map((row) => row.eventId))]));
  const eventsById = new Map(eventRows.map((row) => [row.id, row]));
  const attemptByKind = await prepareAttempts(deps, claimed);
  const queue = [...claimed];
  const worker = async () => {
    for (let delivery = queue.shift(); delivery !== undefined; delivery = queue.shift()) {
      const result = await attemptClaimedDelivery(
        deps,
        delivery,
        eventsById.get(delivery.eventId),
        attemptByKind.get(delivery.targetKind)!,
      );
      summary.attempted += 1;
      summary[result] += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(DELIVERY_CONCURRENCY, queue.length) }, worker));
  return summary;
}

/** Each kind present in the claim loads its targets once. */
async function prepareAttempts(
  deps: OutboxDeps,
  claimed: readonly DeliveryRow[],
): Promise<Map<TargetKind, AttemptOne>> {
  const idsByKind = new Map<TargetKind, Set<string>>();
  for (const delivery of claimed) {
    const ids = idsByKind.get(delivery.targetKind) ?? new Set<string>();
    ids.add(delivery.targetId);
    idsByKind.set(delivery.targetKind, ids);
  }
  const prepared = await Promise.all(
    [...idsByKind].map(
      async ([kind, ids]) => [kind, await DELIVERY_TARGETS[kind].prepareAttempts(deps, [...ids])] as const,
    ),
  );
  return new Map(prepared);
}

/** Performs one attempt of a claimed delivery, logs it and records what comes next. */
async function attemptClaimedDelivery(
  deps: OutboxDeps,
  delivery: DeliveryRow,
  event: EventRow | undefined,
  attemptOne: AttemptOne,
): Promise<AttemptResult> {
  const { db } = deps;
  if (!event) return finishWithoutAttempt(deps, delivery, 'cancelled', 'the event no longer exists');

  const startedAt = deps.now();
  const attempt = await attemptOne(delivery, event);
  if ('cancel' in attempt) return finishWithoutAttempt(deps, delivery, 'cancelled', attempt.cancel);
  const outcome = attempt.outcome;
  const attemptNumber = delivery.attempts + 1;
  const finishedAt = deps.now();
  // What a receiver answered is shown through the API: a short snippet, with credentials (ours echoed back, or its own)
  // masked; the error sentence may quote the receiver too.
  const error = outcome.error ? redactForLog(outcome.error, attempt.secrets, ERROR_TEXT_CHARS) : null;
  const logRow = db.insert(deliveryAttempts).values({
    id: newId('dla', startedAt),
    deliveryId: delivery.id,
    attemptedAt: new Date(startedAt),
    statusCode: outcome.status,
    latencyMs: Math.round(outcome.latencyMs),
    responseSnippet: redactForLog(outcome.responseSnippet, attempt.secrets),
    error,
  });
  const common = { attempts: attemptNumber, lastStatusCode: outcome.status, lastError: error };
  // A receiver's Retry-After is a floor: asking sooner would only meet another 429/503.
  const delay = outcome.disposition === 'retry' ? nextRetryDelayMs(attemptNumber, deps.random) : null;
  const waitMs = delay === null ? null : Math.max(delay, outcome.retryAfterMs ?? 0);
  const status: DeliveryStatus =
    outcome.disposition === 'delivered' ? 'delivered' : waitMs === null ? 'dead' : 'retrying';
  const update =
    status === 'delivered'
      ? { ...common, status, deliveredAt: new Date(finishedAt), nextAttemptAt: null }
      : status === 'retrying'
        ? { ...common, status, nextAttemptAt: new Date(finishedAt + waitMs!) }
        : { ...common, status, nextAttemptAt: null };
  const settled = attempt.settle?.({ status, at: new Date(finishedAt), attempts: attemptNumber, error }) ?? {
    statements: [],
    eventIds: [],
  };
  const statements: Statement[] = [
    logRow,
    db.update(deliveries).set(update).where(eq(deliveries.id, delivery.id)),
    ...settled.statements,
  ];
  await db.batch(statements as [Statement, ...Statement[]]);
  if (settled.eventIds.length > 0) await deps.enqueueEvents?.(settled.eventIds).catch(() => undefined);
  if (status === 'retrying') await deps.scheduleAttempt?.(delivery.id, waitMs!).catch(() => undefined);
  return status;
}

async function finishWithoutAttempt(
  deps: OutboxDeps,
  delivery: DeliveryRow,
  status: 'cancelled' | 'dead',
  reason: string,
): Promise<AttemptResult> {
  await deps.db
    .update(deliveries)
    .set({ status, lastError: reason, nextAttemptAt: null })
    .where(eq(deliveries.id, delivery.id));
  return status;
}

/** Makes still-open (pending/retrying) deliveries due now, for the next run: what the DLQ consumer does. */
export async function markDeliveriesDue(
  deps: Pick<OutboxDeps, 'db' | 'now'>,
  where: { deliveryIds?: readonly string[]; eventIds?: readonly string[] },
): Promise<number> {
  const conditions = [
    ...(where.deliveryIds?.length ? [inArray(deliveries.id, [...where.deliveryIds])] : []),
    ...(where.eventIds?.length ? [inArray(deliveries.eventId, [...where.eventIds])] : []),
  ];
  if (conditions.length === 0) return 0;
  const rows = await deps.db
    .update(deliveries)
    .set({ nextAttemptAt: new Date(deps.now()) })
    .where(and(or(...conditions), inArray(deliveries.status, ['pending', 'retrying'])))
    .returning({ id: deliveries.id });
  return rows.length;
}

/**
 * A dead or cancelled delivery back to pending, due now (`POST /api/deliveries/:id/retry`): its attempt count
 * starts over, so it gets the whole retry schedule again. Returns false when it is not dead/cancelled.
 */
export async function reviveDelivery(deps: Pick<OutboxDeps, 'db' | 'now'>, deliveryId: string): Promise<boolean> {
  const rows = await deps.db
    .update(deliveries)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: new Date(deps.now()) })
    .where(and(eq(deliveries.id, deliveryId), inArray(deliveries.status, ['dead', 'cancelled'])))
    .returning({ id: deliveries.id });
  return rows.length > 0;
}
