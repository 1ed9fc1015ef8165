// Queries of the inbound_emails aggregate: the durable record of every message received, and its status machine.
import { and, count, desc, eq, gte, inArray, isNull, like, lt, ne, or, sql } from 'drizzle-orm';
import type { Database } from './db.ts';
import { inboundEmails, messages, threads, type InboundStatus } from './schema.ts';

export type InboundRow = typeof inboundEmails.$inferSelect;
export type NewInbound = Pick<
  typeof inboundEmails.$inferInsert,
  'id' | 'rawKey' | 'checksum' | 'sizeBytes' | 'envelopeFrom' | 'envelopeTo' | 'source' | 'trustReceived' | 'importMode' | 'threadId'
>;

/**
 * Inserts the row of a freshly stored message. A redelivery (same checksum and recipient) inserts nothing and
 * returns the existing row instead, so the caller can decide what the retry means.
 */
export async function insertInbound(
  db: Database,
  row: NewInbound,
): Promise<{ inserted: true; row: InboundRow } | { inserted: false; row: InboundRow }> {
  const [inserted] = await db.insert(inboundEmails).values(row).onConflictDoNothing().returning();
  if (inserted) return { inserted: true, row: inserted };
  const [existing] = await db
    .select()
    .from(inboundEmails)
    .where(and(eq(inboundEmails.checksum, row.checksum), eq(inboundEmails.envelopeTo, row.envelopeTo)));
  if (!existing) throw new Error(`inbound insert for ${row.id} conflicted but no existing row was found`);
  return { inserted: false, row: existing };
}

export async function getInbound(db: Database, id: string): Promise<InboundRow | undefined> {
  const [row] = await db.select().from(inboundEmails).where(eq(inboundEmails.id, id));
  return row;
}

export async function listInbound(
  db: Database,
  filter: { status?: InboundStatus; route?: string; limit: number; before?: string; domain?: { id: string; name: string } },
): Promise<InboundRow[]> {
  const conditions = [
    // A row belongs to its routed domain, or else (refused, unrouted) to the domain of its envelope recipient. Domain
    // names hold no LIKE wildcard (letters, digits, dots and hyphens: domainNameSchema).
    filter.domain
      ? or(eq(inboundEmails.domainId, filter.domain.id), like(inboundEmails.envelopeTo, `%@${filter.domain.name}`))
      : undefined,
    filter.status ? eq(inboundEmails.status, filter.status) : undefined,
    filter.route ? eq(inboundEmails.route, filter.route) : undefined,
    filter.before ? lt(inboundEmails.id, filter.before) : undefined,
  ].filter((condition) => condition !== undefined);
  return db
    .select()
    .from(inboundEmails)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(inboundEmails.id))
    .limit(filter.limit);
}

/** Moves a row to `processing` and counts the attempt. */
export async function claimInbound(db: Database, id: string, now: Date): Promise<void> {
  await db
    .update(inboundEmails)
    .set({ status: 'processing', attempts: sql`${inboundEmails.attempts} + 1`, updatedAt: now })
    .where(eq(inboundEmails.id, id));
}

export type InboundOutcome = {
  status: Exclude<InboundStatus, 'pending' | 'processing'>;
  reason: string;
  kind?: string | null;
  route?: string | null;
  threadId?: string | null;
  messageId?: string | null;
  fromAddress?: string | null;
  subject?: string | null;
  domainId?: string | null;
  aliasId?: string | null;
  tags?: string[];
  auth?: Record<string, unknown> | null;
  spam?: Record<string, unknown> | null;
  quarantinedAt?: Date | null;
  forwardTo?: string[];
  forwardedAt?: Date | null;
};

/** The statement that records how processing ended; returned unexecuted so it can join a batch. */
export function buildInboundOutcome(db: Database, id: string, outcome: InboundOutcome, now: Date) {
  return db
    .update(inboundEmails)
    .set({ ...outcome, updatedAt: now })
    .where(eq(inboundEmails.id, id));
}

/**
 * Removes what earlier runs filed from this message and puts it back to `pending`, in one transaction. The threads it
 * was filed into get their true message count back; one left empty, that no ERP record names, is removed with its
 * references, so that the replay routes the message afresh instead of finding its own Message-ID there.
 */
export async function resetInboundForReplay(db: Database, id: string, now: Date): Promise<void> {
  const filed = await db.selectDistinct({ threadId: messages.threadId }).from(messages).where(eq(messages.inboundId, id));
  const threadIds = filed.map((row) => row.threadId);
  const touched = threadIds.length > 0 ? inArray(threads.id, threadIds) : undefined;
  await db.batch([
    db.delete(messages).where(eq(messages.inboundId, id)),
    ...(touched
      ? [
          db
            .update(threads)
            .set({ messageCount: sql`(SELECT count(*) FROM ${messages} WHERE ${messages.threadId} = ${threads.id})` })
            .where(touched),
          db.delete(threads).where(and(touched, eq(threads.messageCount, 0), isNull(threads.recordId))),
        ]
      : []),
    db
      .update(inboundEmails)
      .set({ status: 'pending', route: null, reason: 'replay requested', threadId: null, quarantinedAt: null, updatedAt: now })
      .where(eq(inboundEmails.id, id)),
  ]);
}

/**
 * How many messages `sender` sent to `envelopeTo` (or into `threadId`) since `since`, the message `excludeId` left
 * out: the count behind the per-sender rate limit. Uses the (from, to, created) and (from, thread, created) indexes.
 */
export async function countRecentFromSender(
  db: Database,
  input: { sender: string; envelopeTo: string; threadId: string | null; since: Date; excludeId: string },
): Promise<number> {
  const sameTarget = input.threadId
    ? or(eq(inboundEmails.envelopeTo, input.envelopeTo), eq(inboundEmails.threadId, input.threadId))
    : eq(inboundEmails.envelopeTo, input.envelopeTo);
  const [row] = await db
    .select({ total: count() })
    .from(inboundEmails)
    .where(
      and(
        eq(inboundEmails.fromAddress, input.sender),
        sameTarget,
        gte(inboundEmails.createdAt, input.since),
        ne(inboundEmails.id, input.excludeId),
      ),
    );
  return row?.total ?? 0;
}

/** Every forward() of the row's plan succeeded: a later redelivery of the same bytes forwards nothing. */
export async function markForwarded(db: Database, id: string, now: Date): Promise<void> {
  await db.update(inboundEmails).set({ forwardedAt: now, updatedAt: now }).where(eq(inboundEmails.id, id));
}
