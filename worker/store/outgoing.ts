// Queries of outgoing sends (`POST /api/send`): the request kept for its idempotency key, what became of it, and the
// per-domain daily counters the send cap reads.
import { and, eq, gte, sql } from 'drizzle-orm';
import type { Database } from './db.ts';
import { findOutboundMessage } from './outbound.ts';
import { outgoingSends, sendCounters } from './schema.ts';

export type OutgoingSendRow = typeof outgoingSends.$inferSelect;
export type NewOutgoingSend = typeof outgoingSends.$inferInsert;

export async function findSendByKey(
  db: Database,
  domainId: string,
  idempotencyKey: string,
): Promise<OutgoingSendRow | undefined> {
  const [row] = await db
    .select()
    .from(outgoingSends)
    .where(and(eq(outgoingSends.domainId, domainId), eq(outgoingSends.idempotencyKey, idempotencyKey)));
  return row;
}

export type SendWithMessage = {
  send: OutgoingSendRow;
  messageId: string | null;
  sentMessageId: string | null;
  record: { model: string; id: string | null } | null;
};

/** A send with its outbound message's ids and its thread's ERP record. */
export async function getSendWithMessage(db: Database, sendId: string): Promise<SendWithMessage | undefined> {
  const [send] = await db.select().from(outgoingSends).where(eq(outgoingSends.id, sendId));
  if (!send) return undefined;
  const message = await findOutboundMessage(db, { rowId: send.messageRowId }, send.domainId);
  return {
    send,
    messageId: message?.messageId ?? null,
    sentMessageId: message?.sentMessageId ?? null,
    record: message?.record ?? null,
  };
}

export function buildSendInsert(db: Database, send: NewOutgoingSend) {
  return db.insert(outgoingSends).values(send);
}

export function buildSendUpdate(
  db: Database,
  sendId: string,
  values: Partial<Pick<OutgoingSendRow, 'status' | 'sentAt' | 'lastError'>>,
) {
  return db.update(outgoingSends).set(values).where(eq(outgoingSends.id, sendId));
}

/** `YYYY-MM-DD` of the UTC day of `at`: the counters' key. */
export function toUtcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * Counts `recipients` against the domain's cap for the day, in one statement: the row is created or grows only while
 * the total stays within `limit` (so two requests at once cannot both pass the last places). False: over the cap.
 */
export async function reserveDailySends(
  db: Database,
  reservation: { domainId: string; day: string; recipients: number; limit: number },
): Promise<boolean> {
  const { domainId, day, recipients, limit } = reservation;
  if (recipients > limit) return false;
  const rows = await db
    .insert(sendCounters)
    .values({ domainId, day, messages: 1, recipients })
    .onConflictDoUpdate({
      target: [sendCounters.domainId, sendCounters.day],
      set: { messages: sql`${sendCounters.messages} + 1`, recipients: sql`${sendCounters.recipients} + ${recipients}` },
      setWhere: sql`${sendCounters.recipients} + ${recipients} <= ${limit}`,
    })
    .returning({ recipients: sendCounters.recipients });
  return rows.length > 0;
}

/** Gives back a reservation whose send was not queued after all (its batch failed, or it lost an idempotency race). */
export async function releaseDailySends(
  db: Database,
  reservation: { domainId: string; day: string; recipients: number },
): Promise<void> {
  await db
    .update(sendCounters)
    .set({
      messages: sql`max(${sendCounters.messages} - 1, 0)`,
      recipients: sql`max(${sendCounters.recipients} - ${reservation.recipients}, 0)`,
    })
    .where(and(eq(sendCounters.domainId, reservation.domainId), eq(sendCounters.day, reservation.day)));
}

export async function readDailySends(
  db: Database,
  domainId: string,
  day: string,
): Promise<{ messages: number; recipients: number }> {
  const [row] = await db
    .select({ messages: sendCounters.messages, recipients: sendCounters.recipients })
    .from(sendCounters)
    .where(and(eq(sendCounters.domainId, domainId), eq(sendCounters.day, day)));
  return row ?? { messages: 0, recipients: 0 };
}

/** Per day since `sinceDay` (inclusive): messages and recipients accepted, of one domain or (null) every domain. */
export async function listDailySends(
  db: Database,
  domainId: string | null,
  sinceDay: string,
): Promise<{ day: string; messages: number; recipients: number }[]> {
  return db
    .select({
      day: sendCounters.day,
      messages: sql<number>`sum(${sendCounters.messages})`,
      recipients: sql<number>`sum(${sendCounters.recipients})`,
    })
    .from(sendCounters)
    .where(and(gte(sendCounters.day, sinceDay), domainId ? eq(sendCounters.domainId, domainId) : undefined))
    .groupBy(sendCounters.day);
}
