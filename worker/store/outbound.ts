// Outgoing messages on their threads: the statements that file one (creating the thread for a first mail) with its
// recipients (which later bounces must name), followers and known contacts; the lookup that links a report to one.
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { normalizeSubject } from '../../shared/mail/subject.ts';
import type { Database } from './db.ts';
import { domains, messages, threads } from './schema.ts';
import {
  buildAddContacts,
  buildAddFollowers,
  buildFileMessage,
  type NewAttachment,
  type NewMessage,
  type RecordRef,
  type ThreadRow,
} from './threads.ts';

export type OutboundFiling = {
  domainId: string;
  /** The thread it joins, or undefined for a first mail (a new thread is created with `threadId`). */
  thread: ThreadRow | undefined;
  threadId: string;
  record: RecordRef | undefined;
  message: NewMessage & { threadId: string; direction: 'outbound' };
  attachments: NewAttachment[];
  /** Who receives the thread's replies (To and Cc: never Bcc, whose readers were not shown the conversation). */
  followers: string[];
  /** Every recipient, for the `known` contact policy. */
  contacts: { address: string; name?: string }[];
  at: Date;
};

export function buildFileOutbound(db: Database, filing: OutboundFiling) {
  const { thread, threadId: id, domainId, record, at } = filing;
  const subject = filing.message.subject ?? null;
  const normalizedSubject = normalizeSubject(subject ?? undefined);
  const newThread = thread
    ? null
    : {
        id,
        domainId,
        subject,
        normalizedSubject,
        recordModel: record?.model ?? null,
        recordId: record?.id ?? null,
        createdAt: at,
      };
  return [
    ...buildFileMessage(db, { newThread, message: filing.message, attachments: filing.attachments, at }),
    ...buildAddFollowers(db, filing.threadId, filing.followers),
    ...buildAddContacts(db, filing.domainId, filing.contacts),
  ];
}

/**
 * The Message-IDs a reply in the thread refers to (RFC 5322 3.6.4): every message's, oldest first, with the id the
 * Email Service put on the wire for mail sent through it (that is the one recipients' clients know).
 */
export async function listConversationIds(db: Database, threadId: string, limit = 100): Promise<string[]> {
  const rows = await db
    .select({ messageId: messages.messageId, sentMessageId: messages.sentMessageId })
    .from(messages)
    .where(eq(messages.threadId, threadId))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit);
  return rows
    .reverse()
    .map((row) => row.sentMessageId ?? row.messageId)
    .filter((id): id is string => !!id);
}

/** An outbound message with its thread, domain, ERP record and the addresses it was sent to. */
export type OutboundMessageLink = {
  messageRowId: string;
  messageId: string | null;
  /** The id the Email Service put on the wire (mail sent through `POST /api/send`), else null. */
  sentMessageId: string | null;
  threadId: string;
  domainId: string;
  domainName: string;
  record: { model: string; id: string | null } | null;
  /** Lower-case To, Cc and Bcc: the only addresses a report about the message may speak for. */
  recipients: ReadonlySet<string>;
};

/**
 * The outbound message a report names: by row id (a VERP token), by Message-ID (quoted by a DSN: mailgate's own, or
 * the one the Email Service set), or by the Email Service's id (a delivery event); inside one domain when given.
 */
export async function findOutboundMessage(
  db: Database,
  where: { rowId: string } | { messageId: string } | { sentMessageId: string },
  domainId?: string,
): Promise<OutboundMessageLink | undefined> {
  if ('messageId' in where) {
    // Two seeks, not one OR: under a large database's statistics SQLite answers the OR by walking the domain's threads.
    return (
      (await findOutboundWhere(db, eq(messages.messageId, where.messageId), domainId)) ??
      findOutboundWhere(db, eq(messages.sentMessageId, where.messageId), domainId)
    );
  }
  return findOutboundWhere(
    db,
    'rowId' in where ? eq(messages.id, where.rowId) : eq(messages.sentMessageId, where.sentMessageId),
    domainId,
  );
}

async function findOutboundWhere(
  db: Database,
  condition: SQL,
  domainId: string | undefined,
): Promise<OutboundMessageLink | undefined> {
  const [row] = await db
    .select({
      message: messages,
      domainId: domains.id,
      domainName: domains.name,
      recordModel: threads.recordModel,
      recordId: threads.recordId,
    })
    .from(messages)
    .innerJoin(threads, eq(threads.id, messages.threadId))
    .innerJoin(domains, eq(domains.id, threads.domainId))
    // A message of another domain is no match: one tenant's reports never touch another's threads.
    .where(and(eq(messages.direction, 'outbound'), condition, domainId ? eq(threads.domainId, domainId) : undefined))
    .limit(1);
  if (!row) return undefined;
  const { message } = row;
  return {
    messageRowId: message.id,
    messageId: message.messageId,
    sentMessageId: message.sentMessageId,
    threadId: message.threadId,
    domainId: row.domainId,
    domainName: row.domainName,
    record: row.recordModel ? { model: row.recordModel, id: row.recordId } : null,
    recipients: new Set(
      [...message.to, ...message.cc, ...message.bcc].map((recipient) => recipient.address.toLowerCase()),
    ),
  };
}
