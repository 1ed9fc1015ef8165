// Queries of the threads aggregate: threads, their messages and attachments.
import { and, asc, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from './db.ts';
import { buildChunkedInserts, selectInChunks } from './d1-limits.ts';
import { attachments, contacts, messages, threadFollowers, threadRefs, threads } from './schema.ts';

export type ThreadRow = typeof threads.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type AttachmentRow = typeof attachments.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;
export type NewAttachment = typeof attachments.$inferInsert;

/**
 * The thread that knows the most relevant of `messageIds`, given in order of preference (In-Reply-To first, then
 * References from the newest, then the message's own id for a reply that arrived before it). Only threads of the
 * same domain match: a Message-ID never leads a message into another tenant's thread.
 * The lookup starts from the Message-ID index of thread_refs (CROSS JOIN fixes SQLite's join order) and reads each
 * hit's thread by primary key: a few rows whatever the size of the domain.
 */
export async function findThreadByMessageIds(
  db: Database,
  domainId: string | null,
  messageIds: string[],
): Promise<{ thread: ThreadRow; matchedMessageId: string } | null> {
  const rows = await selectInChunks(messageIds, (chunk) =>
    db
      .select({ thread: threads, messageId: threadRefs.messageId })
      .from(threadRefs)
      .crossJoin(threads)
      .where(
        and(
          inArray(threadRefs.messageId, chunk),
          eq(threads.id, threadRefs.threadId),
          domainId === null ? isNull(threads.domainId) : eq(threads.domainId, domainId),
        ),
      ),
  );
  for (const wanted of messageIds) {
    const hits = rows.filter((row) => row.messageId === wanted);
    // Several threads may know an id (a message filed twice): the most recently active one is the conversation.
    const best = hits.sort((a, b) => b.thread.activityAt - a.thread.activityAt)[0];
    if (best) return { thread: best.thread, matchedMessageId: wanted };
  }
  return null;
}

export async function getAttachment(db: Database, id: string): Promise<AttachmentRow | undefined> {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id));
  return row;
}

export async function getThread(db: Database, id: string): Promise<ThreadRow | undefined> {
  const [row] = await db.select().from(threads).where(eq(threads.id, id));
  return row;
}

export type RecordRef = { model: string; id: string };

/** The thread an ERP record belongs to, looked up inside one domain only (unique index on domain and record). */
export async function findThreadByRecord(
  db: Database,
  domainId: string | null,
  record: RecordRef,
): Promise<ThreadRow | undefined> {
  const [row] = await db
    .select()
    .from(threads)
    .where(
      and(
        domainId === null ? isNull(threads.domainId) : eq(threads.domainId, domainId),
        eq(threads.recordModel, record.model),
        eq(threads.recordId, record.id),
      ),
    )
    .limit(1);
  return row;
}

/** Sets (or clears) the ERP record of a thread; a record another thread of the domain holds breaks the unique index. */
export async function setThreadRecord(
  db: Database,
  threadId: string,
  record: RecordRef | null,
): Promise<ThreadRow | undefined> {
  const [row] = await db
    .update(threads)
    .set({ recordModel: record?.model ?? null, recordId: record?.id ?? null })
    .where(eq(threads.id, threadId))
    .returning();
  return row;
}

/**
 * The subject fallback for clients that drop References (Outlook): the most recent thread of the domain with the
 * same normalised subject, active since `activeSince`, in which `sender` already took part.
 */
export async function findThreadBySubject(
  db: Database,
  domainId: string,
  normalizedSubject: string,
  sender: string,
  activeSince: Date,
): Promise<ThreadRow | null> {
  if (normalizedSubject.length === 0) return null;
  const [row] = await db
    .select({ thread: threads })
    .from(threads)
    .innerJoin(threadFollowers, and(eq(threadFollowers.threadId, threads.id), eq(threadFollowers.address, sender)))
    .where(
      and(
        eq(threads.domainId, domainId),
        eq(threads.normalizedSubject, normalizedSubject),
        gte(threads.lastMessageAt, activeSince),
      ),
    )
    .orderBy(desc(threads.lastMessageAt))
    .limit(1);
  return row?.thread ?? null;
}

export async function isFollower(db: Database, threadIds: string[], address: string): Promise<boolean> {
  const rows = await selectInChunks(threadIds, (chunk) =>
    db
      .select({ address: threadFollowers.address })
      .from(threadFollowers)
      .where(and(inArray(threadFollowers.threadId, chunk), eq(threadFollowers.address, address.toLowerCase())))
      .limit(1),
  );
  return rows.length > 0;
}

export async function isKnownContact(db: Database, domainId: string, address: string): Promise<boolean> {
  const [row] = await db
    .select({ address: contacts.address })
    .from(contacts)
    .where(and(eq(contacts.domainId, domainId), eq(contacts.address, address.toLowerCase())))
    .limit(1);
  return row !== undefined;
}

export async function listFollowers(db: Database, threadId: string): Promise<string[]> {
  const rows = await db
    .select({ address: threadFollowers.address })
    .from(threadFollowers)
    .where(eq(threadFollowers.threadId, threadId))
    .orderBy(asc(threadFollowers.createdAt));
  return rows.map((row) => row.address);
}

export function buildAddFollowers(db: Database, threadId: string, addresses: string[]) {
  const unique = [...new Set(addresses.map((address) => address.toLowerCase()))];
  return buildChunkedInserts(
    unique.map((address) => ({ threadId, address })),
    (rows) => db.insert(threadFollowers).values(rows).onConflictDoNothing(),
  );
}

export function buildAddContacts(db: Database, domainId: string, people: { address: string; name?: string }[]) {
  return buildChunkedInserts(
    people.map((person) => ({ domainId, address: person.address.toLowerCase(), name: person.name ?? null })),
    (rows) => db.insert(contacts).values(rows).onConflictDoNothing(),
  );
}

/** The Message-IDs a message brings into its thread: its own and the ones it references (the caller caps those). */
export function buildAddThreadRefs(db: Database, threadId: string, messageIds: (string | null)[]) {
  const unique = [...new Set(messageIds.filter((id): id is string => !!id))];
  return buildChunkedInserts(
    unique.map((messageId) => ({ threadId, messageId })),
    (rows) => db.insert(threadRefs).values(rows).onConflictDoNothing(),
  );
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
  statements.push(
    ...buildAddThreadRefs(db, input.message.threadId, [
      input.message.messageId ?? null,
      input.message.inReplyTo ?? null,
      ...(input.message.references ?? []),
    ]),
  );
  statements.push(...buildChunkedInserts(input.attachments, (rows) => db.insert(attachments).values(rows)));
  statements.push(
    db
      .update(threads)
      .set({ messageCount: sql`${threads.messageCount} + 1`, lastMessageAt: input.at })
      .where(eq(threads.id, input.message.threadId)),
  );
  return statements;
}

/** Where a page of threads ends: threads sort by last activity, then id, so the cursor carries both. */
export type ThreadCursor = { activityAt: number; id: string };

export function formatThreadCursor(thread: ThreadRow): string {
  return `${thread.activityAt}~${thread.id}`;
}

export function parseThreadCursor(cursor: string): ThreadCursor | null {
  const match = cursor.match(/^(\d{1,15})~(\S{1,64})$/);
  return match ? { activityAt: Number(match[1]), id: match[2]! } : null;
}

export type ThreadListFilter = { limit: number; before?: ThreadCursor; domainId?: string | null };

function threadPageConditions(filter: ThreadListFilter) {
  return and(
    // A row value comparison: one range of the (domain, activity, id) index.
    filter.before
      ? sql`(${threads.activityAt}, ${threads.id}) < (${filter.before.activityAt}, ${filter.before.id})`
      : undefined,
    filter.domainId ? eq(threads.domainId, filter.domainId) : undefined,
  );
}

/**
 * Most recently active first; `domainId` limits the list to one domain (a domain-scoped token). Walks the
 * (domain, activity, id) or (activity, id) index backwards and stops after `limit` rows.
 */
export async function listThreads(db: Database, filter: ThreadListFilter): Promise<ThreadRow[]> {
  return db
    .select()
    .from(threads)
    .where(threadPageConditions(filter))
    .orderBy(desc(threads.activityAt), desc(threads.id))
    .limit(filter.limit);
}

/**
 * Threads matching the full-text expression `match` (see search-query.ts): a message's subject, participants or text,
 * or the thread's own subject, newest activity first. The FTS5 indexes give the hits and each hit's thread is read by
 * primary key; the unary `+` keeps SQLite from walking the domain's (or installation's) thread index instead, so the
 * cost follows the number of hits, not the number of threads.
 */
export async function searchThreads(db: Database, match: string, filter: ThreadListFilter): Promise<ThreadRow[]> {
  const hits = sql`(SELECT m.thread_id FROM message_search JOIN ${messages} m ON m.rowid = message_search.rowid
      WHERE message_search MATCH ${match}
    UNION SELECT t.id FROM thread_search JOIN ${threads} t ON t.rowid = thread_search.rowid WHERE thread_search MATCH ${match})`;
  const before = filter.before;
  return db
    .select()
    .from(threads)
    .where(
      and(
        sql`${threads.id} IN ${hits}`,
        before ? sql`(+${threads.activityAt}, +${threads.id}) < (${before.activityAt}, ${before.id})` : undefined,
        filter.domainId ? sql`+${threads.domainId} = ${filter.domainId}` : undefined,
      ),
    )
    .orderBy(desc(threads.activityAt), desc(threads.id))
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
  const attachmentRows = await selectInChunks(
    messageRows.map((m) => m.id),
    (chunk) => db.select().from(attachments).where(inArray(attachments.messageId, chunk)),
  );
  return {
    thread,
    messages: messageRows.map((message) => ({
      ...message,
      attachments: attachmentRows.filter((a) => a.messageId === message.id),
    })),
  };
}
