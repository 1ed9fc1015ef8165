// Queries of the delivery log as the API shows it: deliveries with their event type and every attempt.
import { and, desc, eq, inArray } from 'drizzle-orm';
import { selectInChunks } from './d1-limits.ts';
import type { Database } from './db.ts';
import { deliveries, deliveryAttempts, events } from './schema.ts';

export type DeliveryRow = typeof deliveries.$inferSelect;
export type DeliveryAttemptRow = typeof deliveryAttempts.$inferSelect;
export type DeliveryStatus = DeliveryRow['status'];
export type LoggedDelivery = { delivery: DeliveryRow; eventType: string; attempts: DeliveryAttemptRow[] };

/** The newest `limit` deliveries (by status and event when given), each with its attempts oldest first. */
export async function listDeliveryLog(
  db: Database,
  filter: { status?: DeliveryStatus | undefined; eventId?: string | undefined; limit: number },
): Promise<LoggedDelivery[]> {
  const conditions = [
    ...(filter.status ? [eq(deliveries.status, filter.status)] : []),
    ...(filter.eventId ? [eq(deliveries.eventId, filter.eventId)] : []),
  ];
  const rows = await db
    .select({ delivery: deliveries, eventType: events.type })
    .from(deliveries)
    .innerJoin(events, eq(events.id, deliveries.eventId))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(deliveries.createdAt))
    .limit(filter.limit);
  const ids = rows.map((row) => row.delivery.id);
  // A page holds up to 200 deliveries: their attempts are read in IN lists that fit D1's parameter limit.
  const attempts = (
    await selectInChunks(ids, (chunk) =>
      db.select().from(deliveryAttempts).where(inArray(deliveryAttempts.deliveryId, chunk)),
    )
  ).sort((a, b) => a.attemptedAt.getTime() - b.attemptedAt.getTime());
  return rows.map(({ delivery, eventType }) => ({
    delivery,
    eventType,
    attempts: attempts.filter((attempt) => attempt.deliveryId === delivery.id),
  }));
}

export async function findDeliveryStatus(db: Database, id: string): Promise<DeliveryStatus | undefined> {
  const [row] = await db.select({ status: deliveries.status }).from(deliveries).where(eq(deliveries.id, id));
  return row?.status;
}
