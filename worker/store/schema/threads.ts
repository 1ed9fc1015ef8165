// Threads and what they hold: messages, attachments, every Message-ID they know, and their followers.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id } from './columns.ts';
import { domains } from './domains.ts';
import { inboundEmails } from './inbound.ts';

export const threads = sqliteTable(
  'threads',
  {
    id: id(),
    domainId: text('domain_id').references(() => domains.id, { onDelete: 'set null' }),
    subject: text('subject'),
    /** Subject without Re:/Fwd:/AW:… prefixes, for the optional subject fallback. */
    normalizedSubject: text('normalized_subject'),
    /** The ERP record this thread belongs to, when known (`crm.lead`, `42`). */
    recordModel: text('record_model'),
    recordId: text('record_id'),
    messageCount: integer('message_count').notNull().default(0),
    lastMessageAt: integer('last_message_at', { mode: 'timestamp_ms' }),
    /**
     * What lists sort by: the last message's time, 0 for a thread without one (oldest). Never null and derived by
     * SQLite itself, so every writer keeps it in step and the (domain, activity, id) index serves every page.
     */
    activityAt: integer('activity_at')
      .notNull()
      .generatedAlwaysAs(sql`coalesce(last_message_at, 0)`, { mode: 'virtual' }),
    createdAt: createdAt(),
  },
  (t) => [
    // Thread pages, newest activity first: one tenant's (domain first) and the installation's.
    index('threads_domain_activity').on(t.domainId, t.activityAt, t.id),
    index('threads_activity').on(t.activityAt, t.id),
    index('threads_domain_subject').on(t.domainId, t.normalizedSubject, t.lastMessageAt),
    // An ERP record belongs to one thread per domain: another tenant's thread can never answer for it.
    uniqueIndex('threads_domain_record').on(t.domainId, t.recordModel, t.recordId),
  ],
);

/** The thread a row belongs to: required, and deleted with the thread. */
const ownerThreadId = () =>
  text('thread_id')
    .notNull()
    .references(() => threads.id, { onDelete: 'cascade' });

export type AddressJson = { address: string; name?: string };

export const messages = sqliteTable(
  'messages',
  {
    id: id(),
    threadId: ownerThreadId(),
    inboundId: text('inbound_id').references(() => inboundEmails.id, { onDelete: 'set null' }),
    direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull(),
    /** Normalised Message-ID without angle brackets. */
    messageId: text('message_id'),
    inReplyTo: text('in_reply_to'),
    references: text('references', { mode: 'json' }).$type<string[]>().notNull().default([]),
    fromAddress: text('from_address'),
    fromName: text('from_name'),
    to: text('to', { mode: 'json' }).$type<AddressJson[]>().notNull().default([]),
    cc: text('cc', { mode: 'json' }).$type<AddressJson[]>().notNull().default([]),
    /** Outbound only: the blind copies it was sent to (never shown in its headers; a bounce from one still counts). */
    bcc: text('bcc', { mode: 'json' }).$type<AddressJson[]>().notNull().default([]),
    subject: text('subject'),
    /** The Date header, when it could be read. */
    date: integer('date', { mode: 'timestamp_ms' }),
    text: text('text'),
    html: text('html'),
    replyText: text('reply_text'),
    /** Authentication results (SPF/DKIM/DMARC/ARC) as JSON, filled by the authentication stage. */
    auth: text('auth', { mode: 'json' }).$type<Record<string, unknown>>(),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default([]),
    /** Outbound only: the VERP bounce state of this message (`bounced`, `complained`). */
    deliveryState: text('delivery_state'),
    /**
     * Outbound through `POST /api/send`: the id the Email Service gave the message it sent (it sets its own
     * Message-ID; without angle brackets). Replies and delivery events name this one.
     */
    sentMessageId: text('sent_message_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('messages_message_id').on(t.messageId),
    index('messages_sent_message_id').on(t.sentMessageId),
    // A thread's messages in order, the id breaking ties: no sort step when a thread is opened.
    index('messages_thread_created').on(t.threadId, t.createdAt, t.id),
    index('messages_inbound').on(t.inboundId),
  ],
);

export const attachments = sqliteTable(
  'attachments',
  {
    id: id(),
    messageId: text('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    r2Key: text('r2_key').notNull(),
    filename: text('filename'),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    contentId: text('content_id'),
    disposition: text('disposition', { enum: ['attachment', 'inline'] }),
    createdAt: createdAt(),
  },
  (t) => [index('attachments_message').on(t.messageId)],
);

/**
 * Every Message-ID a thread knows: its messages' own ids and every id they reference. A message finds its thread
 * through any of them, so a reply that arrives before its parent still joins the parent's thread.
 */
export const threadRefs = sqliteTable(
  'thread_refs',
  {
    threadId: ownerThreadId(),
    messageId: text('message_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.messageId] }), index('thread_refs_message_id').on(t.messageId)],
);

/** Addresses that follow a thread: they receive its replies and pass the `followers` contact policy. */
export const threadFollowers = sqliteTable(
  'thread_followers',
  {
    threadId: ownerThreadId(),
    /** Lower-case address. */
    address: text('address').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.address] }), index('thread_followers_address').on(t.address)],
);
