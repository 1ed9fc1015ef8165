// Queries behind archive imports: every thread an old message's headers name, which of them only imports made, and
// merging such threads when a message shows they are one conversation.
import { and, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Database } from './db.ts';
import { inboundEmails, messages, threadFollowers, threadRefs, threads } from './schema.ts';
import type { ThreadRow } from './threads.ts';

/** Every thread of the domain that knows one of `messageIds` (at most a few dozen: a message's own candidates). */
export async function findThreadsKnowing(db: Database, domainId: string, messageIds: string[]): Promise<ThreadRow[]> {
  if (messageIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ thread: threads })
    .from(threadRefs)
    .innerJoin(threads, eq(threads.id, threadRefs.threadId))
    .where(and(inArray(threadRefs.messageId, messageIds), eq(threads.domainId, domainId)));
  return rows.map((row) => row.thread);
}

/**
 * Of `threadIds`, those that are more than an archive import made: live mail (or an outgoing message) is in them, so
 * an ERP may know them by id and they are never merged away.
 */
export async function findLiveThreadIds(db: Database, threadIds: string[]): Promise<Set<string>> {
  if (threadIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ threadId: messages.threadId })
    .from(messages)
    .leftJoin(inboundEmails, eq(inboundEmails.id, messages.inboundId))
    .where(
      and(
        inArray(messages.threadId, threadIds),
        or(isNull(inboundEmails.id), isNull(inboundEmails.importMode), ne(inboundEmails.importMode, 'archive')),
      ),
    );
  return new Set(rows.map((row) => row.threadId));
}

export async function hasMessageInThread(db: Database, threadId: string, messageId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.threadId, threadId), eq(messages.messageId, messageId)))
    .limit(1);
  return row !== undefined;
}

/** Moves the messages, references and followers of `fromIds` into `targetId` and removes those threads: one batch. */
export function buildMergeThreads(db: Database, targetId: string, fromIds: string[]) {
  if (fromIds.length === 0) return [];
  const from = inArray(threads.id, fromIds);
  return [
    db.update(messages).set({ threadId: targetId }).where(inArray(messages.threadId, fromIds)),
    db.update(inboundEmails).set({ threadId: targetId }).where(inArray(inboundEmails.threadId, fromIds)),
    db
      .insert(threadRefs)
      .select(
        db
          .select({
            threadId: sql<string>`${targetId}`.as('thread_id'),
            messageId: threadRefs.messageId,
            createdAt: threadRefs.createdAt,
          })
          .from(threadRefs)
          .where(inArray(threadRefs.threadId, fromIds)),
      )
      .onConflictDoNothing(),
    db
      .insert(threadFollowers)
      .select(
        db
          .select({
            threadId: sql<string>`${targetId}`.as('thread_id'),
            address: threadFollowers.address,
            createdAt: threadFollowers.createdAt,
          })
          .from(threadFollowers)
          .where(inArray(threadFollowers.threadId, fromIds)),
      )
      .onConflictDoNothing(),
    db
      .update(threads)
      .set({ messageCount: sql`(SELECT count(*) FROM ${messages} WHERE ${messages.threadId} = ${targetId})` })
      .where(eq(threads.id, targetId)),
    db.delete(threads).where(from),
  ];
}
