// The statements that put an outgoing message on its thread (creating the thread for a first mail): the message with
// its recipients (which later bounces must name), the thread's followers and the domain's known contacts.
import { desc, eq } from 'drizzle-orm';
import { normalizeSubject } from '../../shared/mail/subject.ts';
import type { Database } from './db.ts';
import { messages } from './schema.ts';
import { buildAddContacts, buildAddFollowers, buildFileMessage, type NewAttachment, type NewMessage, type RecordRef, type ThreadRow } from './threads.ts';

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
  const subject = filing.message.subject ?? null;
  return [
    ...buildFileMessage(db, {
      newThread: filing.thread
        ? null
        : {
            id: filing.threadId,
            domainId: filing.domainId,
            subject,
            normalizedSubject: normalizeSubject(subject ?? undefined),
            recordModel: filing.record?.model ?? null,
            recordId: filing.record?.id ?? null,
            createdAt: filing.at,
          },
      message: filing.message,
      attachments: filing.attachments,
      at: filing.at,
    }),
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
