// Fan-out: one event becomes one delivery per target that wants it (each kind of target says which), idempotently.
//
// At-least-once: an event is fanned out by the Queue consumer right after its commit, or by the cron sweep when the
// Queue send was lost; the unique index (event, target) makes a second fan-out a no-op.
import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import type { Database } from '../store/db.ts';
import { newId } from '../store/ids.ts';
import { deliveries, events } from '../store/schema.ts';
import type { OutboxDeps } from './outbox-deps.ts';
import { DELIVERY_TARGETS, TARGET_KINDS, type TargetKind } from './targets/index.ts';
import type { EventRow } from './targets/target.ts';

export type DispatchResult = {
  /** False when the event does not exist (deleted, or never committed). */
  found: boolean;
  /** Every delivery of the event (new ones and those of an earlier fan-out). */
  deliveryIds: string[];
};

/** Every target of every kind that wants the event, in the table's order. */
async function selectTargets(db: Database, event: EventRow): Promise<{ kind: TargetKind; id: string }[]> {
  const perKind = await Promise.all(
    TARGET_KINDS.map(async (kind) =>
      (await DELIVERY_TARGETS[kind].selectTargets(db, event)).map((id) => ({ kind, id })),
    ),
  );
  return perKind.flat();
}

/** Fans one event out into its deliveries (idempotent) and marks it dispatched. */
export async function dispatchEvent(deps: Pick<OutboxDeps, 'db' | 'now'>, eventId: string): Promise<DispatchResult> {
  const { db } = deps;
  const [event] = await db.select().from(events).where(eq(events.id, eventId));
  if (!event) return { found: false, deliveryIds: [] };
  const nowDate = new Date(deps.now());
  const targets = await selectTargets(db, event);
  const inserts = targets.map((target) =>
    db
      .insert(deliveries)
      .values({
        id: newId('dlv', nowDate.getTime()),
        eventId: event.id,
        targetKind: target.kind,
        targetId: target.id,
        status: 'pending',
        nextAttemptAt: nowDate,
        createdAt: nowDate,
      })
      .onConflictDoNothing(),
  );
  const markDispatched = db.update(events).set({ dispatchedAt: nowDate }).where(eq(events.id, event.id));
  await db.batch([markDispatched, ...inserts]);
  const rows = await db.select({ id: deliveries.id }).from(deliveries).where(eq(deliveries.eventId, event.id));
  return { found: true, deliveryIds: rows.map((row) => row.id) };
}

/** Events still undispatched `minAgeMs` after their commit: their Queue message was lost or failed. */
export async function listUndispatchedEvents(
  deps: Pick<OutboxDeps, 'db' | 'now'>,
  minAgeMs: number,
  limit: number,
): Promise<string[]> {
  const rows = await deps.db
    .select({ id: events.id })
    .from(events)
    .where(and(isNull(events.dispatchedAt), lte(events.createdAt, new Date(deps.now() - minAgeMs))))
    .orderBy(asc(events.createdAt))
    .limit(limit);
  return rows.map((row) => row.id);
}
