// Queries of the inbound_emails aggregate: the durable record of every message received, and its status machine.
import { and, asc, count, desc, eq, gte, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Database } from './db.ts';
import { chunkValues, D1_MAX_BOUND_PARAMETERS } from './d1-limits.ts';
import { inboundEmails, messages, threads, type InboundStatus } from './schema.ts';

export type InboundRow = typeof inboundEmails.$inferSelect;
export type NewInbound = Pick<
  typeof inboundEmails.$inferInsert,
  | 'id'
  | 'domainId'
  | 'rawKey'
  | 'checksum'
  | 'sizeBytes'
  | 'envelopeFrom'
  | 'envelopeTo'
  | 'source'
  | 'trustReceived'
  | 'importMode'
  | 'threadId'
  | 'createdAt'
  | 'nextAttemptAt'
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
  filter: {
    status?: InboundStatus;
    route?: string;
    limit: number;
    before?: string;
    domain?: { id: string; name: string };
  },
): Promise<InboundRow[]> {
  const conditions = [
    // A row belongs to its envelope recipient's domain from the moment it is stored (acceptMessage; older rows were
    // backfilled by the scale migration): one range of the (domain, id) index.
    filter.domain ? eq(inboundEmails.domainId, filter.domain.id) : undefined,
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

/** Attempts since the message arrived or was last replayed: what the attempt cap counts. */
export function attemptsInSeries(row: Pick<InboundRow, 'attempts' | 'attemptsBeforeReplay'>): number {
  return row.attempts - row.attemptsBeforeReplay;
}

/** A `processing` row whose attempt still holds its lease: another invocation is working on it. */
export function isLeased(row: InboundRow, now: Date): boolean {
  return row.status === 'processing' && row.nextAttemptAt !== null && row.nextAttemptAt.getTime() > now.getTime();
}

/**
 * Compare-and-set: moves the row to `processing`, counts the attempt and takes a lease until `leaseUntil`, only if
 * it is `pending`, or `processing` with an expired lease (a crashed attempt). D1 runs statements one at a time, so of
 * two concurrent deliveries of the same bytes exactly one gets the row; the other gets null.
 */
export async function claimInbound(db: Database, id: string, now: Date, leaseUntil: Date): Promise<InboundRow | null> {
  const [claimed] = await db
    .update(inboundEmails)
    .set({
      status: 'processing',
      attempts: sql`${inboundEmails.attempts} + 1`,
      nextAttemptAt: leaseUntil,
      updatedAt: now,
    })
    .where(
      and(
        eq(inboundEmails.id, id),
        or(
          eq(inboundEmails.status, 'pending'),
          and(
            eq(inboundEmails.status, 'processing'),
            or(isNull(inboundEmails.nextAttemptAt), lte(inboundEmails.nextAttemptAt, now)),
          ),
        ),
      ),
    )
    .returning();
  return claimed ?? null;
}

/** A failed attempt: the row is `pending` again, says why, and waits for its next time (or the sender's retry). */
export async function recordFailedAttempt(
  db: Database,
  id: string,
  failure: { error: string; nextAttemptAt: Date; now: Date },
): Promise<void> {
  await db
    .update(inboundEmails)
    .set({ status: 'pending', lastError: failure.error, nextAttemptAt: failure.nextAttemptAt, updatedAt: failure.now })
    .where(and(eq(inboundEmails.id, id), eq(inboundEmails.status, 'processing')));
}

/**
 * Rows the cron sweep should take now, fewest attempts first, then longest untouched: a poison row that failed
 * again waits out its backoff behind the others, so it can never starve a healthy one. Uses the (status, next
 * attempt) index; rows from before that column existed count from their last update.
 */
export async function listDueInbound(
  db: Database,
  input: { now: Date; unclaimedBefore: Date; limit: number },
): Promise<Pick<InboundRow, 'id'>[]> {
  const due = or(
    lte(inboundEmails.nextAttemptAt, input.now),
    and(
      isNull(inboundEmails.nextAttemptAt),
      lt(sql`coalesce(${inboundEmails.updatedAt}, ${inboundEmails.createdAt})`, input.unclaimedBefore.getTime()),
    ),
  );
  return db
    .select({ id: inboundEmails.id })
    .from(inboundEmails)
    .where(and(inArray(inboundEmails.status, ['pending', 'processing']), due))
    .orderBy(
      asc(sql`${inboundEmails.attempts} - ${inboundEmails.attemptsBeforeReplay}`),
      asc(sql`coalesce(${inboundEmails.nextAttemptAt}, ${inboundEmails.updatedAt}, ${inboundEmails.createdAt})`),
    )
    .limit(input.limit);
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
  // A final state: no lease, nothing for the sweep; a failure keeps the last error next to its reason.
  const settled = { nextAttemptAt: null, ...(outcome.status === 'failed' ? {} : { lastError: null }) };
  return db
    .update(inboundEmails)
    .set({ ...outcome, ...settled, updatedAt: now })
    .where(eq(inboundEmails.id, id));
}

/**
 * Removes what earlier runs filed from this message and puts it back to `pending`, in one transaction. The threads it
 * was filed into get their true message count back; one left empty, that no ERP record names, is removed with its
 * references, so that the replay routes the message afresh instead of finding its own Message-ID there.
 */
export async function resetInboundForReplay(db: Database, id: string, now: Date): Promise<void> {
  const filed = await db
    .selectDistinct({ threadId: messages.threadId })
    .from(messages)
    .where(eq(messages.inboundId, id));
  const threadIds = filed.map((row) => row.threadId);
  await db.batch([
    db.delete(messages).where(eq(messages.inboundId, id)),
    ...chunkValues(threadIds, D1_MAX_BOUND_PARAMETERS - 1).flatMap((chunk) => [
      db
        .update(threads)
        .set({ messageCount: sql`(SELECT count(*) FROM ${messages} WHERE ${messages.threadId} = ${threads.id})` })
        .where(inArray(threads.id, chunk)),
      db.delete(threads).where(and(inArray(threads.id, chunk), eq(threads.messageCount, 0), isNull(threads.recordId))),
    ]),
    db
      .update(inboundEmails)
      .set({
        status: 'pending',
        route: null,
        reason: 'replay requested',
        threadId: null,
        quarantinedAt: null,
        // A replay starts afresh: the admin (or the sender, for a refused mail) asked for a new series of attempts.
        attemptsBeforeReplay: sql`${inboundEmails.attempts}`,
        lastError: null,
        nextAttemptAt: null,
        updatedAt: now,
      })
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
