// Queries of the threads aggregate: threads, their messages and attachments.
import { and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from './db.ts';
import { attachments, messages, threads } from './schema.ts';

export type ThreadRow = typeof threads.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type AttachmentRow = typeof attachments.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;
export type NewAttachment = typeof attachments.$inferInsert;

/**
 * The thread of the most relevant known message among `messageIds`, which are given in order of preference
 * (In-Reply-To first, then References from the newest). Only threads of the same domain match.
 */
export async function findThreadByMessageIds(
  db: Database,
  domainId: string | null,
  messageIds: string[],
): Promise<{ threadId: string; matchedMessageId: string } | null> {
  if (messageIds.length === 0) return null;
  const rows = await db
    .select({ threadId: messages.threadId, messageId: messages.messageId })
    .from(messages)
    .innerJoin(threads, eq(threads.id, messages.threadId))
    .where(
      and(
        inArray(messages.messageId, messageIds),
        domainId === null ? isNull(threads.domainId) : eq(threads.domainId, domainId),
      ),
    );
  for (const wanted of messageIds) {
    const hit = rows.find((row) => row.messageId === wanted);
    if (hit) return { threadId: hit.threadId, matchedMessageId: wanted };
  }
  return null;
}

/** The statements that file one message (and its attachments) into a thread, creating the thread if needed. */
export function buildFileMessage(
  db: Database,
  input: {
    newThread: typeof threads.$inferInsert | null;
    message: NewMessage & { threadId: string };
    attachments: NewAttachment[];
    at: Date;
  },
) {
  const statements = [];
  if (input.newThread) statements.push(db.insert(threads).values(input.newThread));
  statements.push(db.insert(messages).values(input.message));
  if (input.attachments.length > 0) statements.push(db.insert(attachments).values(input.attachments));
  statements.push(
    db
      .update(threads)
      .set({ messageCount: sql`${threads.messageCount} + 1`, lastMessageAt: input.at })
      .where(eq(threads.id, input.message.threadId)),
  );
  return statements;
}

export async function listThreads(
  db: Database,
  filter: { limit: number; before?: string },
): Promise<ThreadRow[]> {
  return db
    .select()
    .from(threads)
    .where(filter.before ? lt(threads.id, filter.before) : undefined)
    .orderBy(desc(threads.lastMessageAt), desc(threads.id))
    .limit(filter.limit);
}

export async function getThreadWithMessages(
  db: Database,
  id: string,
): Promise<{ thread: ThreadRow; messages: (MessageRow & { attachments: AttachmentRow[] })[] } | null> {
  const [thread] = await db.select().from(threads).where(eq(threads.id, id));
  if (!thread) return null;
  const messageRows = await db
    .select()
    .from(messages)
    .where(eq(messages.threadId, id))
    .orderBy(asc(messages.createdAt), asc(messages.id));
  const attachmentRows =
    messageRows.length === 0
      ? []
      : await db
          .select()
          .from(attachments)
          .where(
            inArray(
              attachments.messageId,
              messageRows.map((m) => m.id),
            ),
          );
  return {
    thread,
    messages: messageRows.map((message) => ({
      ...message,
      attachments: attachmentRows.filter((a) => a.messageId === message.id),
    })),
  };
}
