// The D1 schema (drizzle). `npm run db:generate -- --name <what>` turns changes into migrations/NNNN_<what>.sql.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Rows carry prefixed, time-sortable ids (`inb_…`, `thr_…`): they can be minted before a batch is written. */
const id = () => text('id').primaryKey();
const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

export const inboundStatuses = ['pending', 'processing', 'delivered', 'rejected', 'failed'] as const;
export type InboundStatus = (typeof inboundStatuses)[number];

export const domains = sqliteTable('domains', {
  id: id(),
  /** Lower-case ASCII (IDNA) domain name. */
  name: text('name').notNull().unique(),
  /** Local part of the ERP's catchall (`mail.catchall.alias`): replies come back here. */
  catchall: text('catchall').notNull().default('catchall'),
  /** Local part of the ERP's bounce address (`mail.bounce.alias`). */
  bounce: text('bounce').notNull().default('bounce'),
  createdAt: createdAt(),
});

export const aliases = sqliteTable(
  'aliases',
  {
    id: id(),
    domainId: text('domain_id')
      .notNull()
      .references(() => domains.id, { onDelete: 'cascade' }),
    /** Lower-case local part without subaddress tag (`sales`). */
    localPart: text('local_part').notNull(),
    action: text('action', { enum: ['record', 'thread', 'odoo', 'forward', 'reject'] }).notNull(),
    /** ERP model for `record` (`crm.lead`, `helpdesk.ticket`, …). */
    model: text('model'),
    policy: text('policy', { enum: ['everyone', 'authenticated', 'known', 'followers'] })
      .notNull()
      .default('everyone'),
    /** JSON object of default values for created records (the ERP's `alias_defaults`). */
    defaults: text('defaults', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('aliases_domain_local_part').on(t.domainId, t.localPart)],
);

export const inboundEmails = sqliteTable(
  'inbound_emails',
  {
    id: id(),
    /** R2 key of the raw bytes, written before this row. */
    rawKey: text('raw_key').notNull(),
    /** SHA-256 (hex) of the raw bytes: with the recipient, it recognises a redelivery. */
    checksum: text('checksum').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    messageId: text('message_id'),
    envelopeFrom: text('envelope_from').notNull(),
    envelopeTo: text('envelope_to').notNull(),
    /** Header From address, filled once parsed. */
    fromAddress: text('from_address'),
    subject: text('subject'),
    status: text('status', { enum: inboundStatuses }).notNull().default('pending'),
    /** What the classifier saw: mail, bounce, feedback, auto-reply… */
    kind: text('kind'),
    /** The routing decision: thread, alias, rule, rejected, triage… */
    route: text('route'),
    /** One sentence an admin understands: why the mail went where it went, or why it failed. */
    reason: text('reason'),
    /** Processing attempts (replays and sender retries). */
    attempts: integer('attempts').notNull().default(0),
    threadId: text('thread_id'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('inbound_checksum_recipient').on(t.checksum, t.envelopeTo),
    index('inbound_status_created').on(t.status, t.createdAt),
    index('inbound_created').on(t.createdAt),
    index('inbound_message_id').on(t.messageId),
  ],
);

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
    createdAt: createdAt(),
  },
  (t) => [
    index('threads_last_message').on(t.lastMessageAt),
    index('threads_domain_subject').on(t.domainId, t.normalizedSubject, t.lastMessageAt),
    index('threads_record').on(t.recordModel, t.recordId),
  ],
);

export type AddressJson = { address: string; name?: string };

export const messages = sqliteTable(
  'messages',
  {
    id: id(),
    threadId: text('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
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
    subject: text('subject'),
    /** The Date header, when it could be read. */
    date: integer('date', { mode: 'timestamp_ms' }),
    text: text('text'),
    html: text('html'),
    replyText: text('reply_text'),
    /** Authentication results (SPF/DKIM/DMARC/ARC) as JSON, filled by the authentication stage. */
    auth: text('auth', { mode: 'json' }).$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [
    index('messages_message_id').on(t.messageId),
    index('messages_thread').on(t.threadId, t.createdAt),
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

export const apiTokens = sqliteTable('api_tokens', {
  id: id(),
  name: text('name').notNull(),
  /** SHA-256 (hex) of the token: the token itself is shown once and never stored. */
  tokenHash: text('token_hash').notNull().unique(),
  scope: text('scope', { enum: ['admin', 'read', 'write'] }).notNull(),
  /** Restricts a `read`/`write` token to one domain; null for installation-wide tokens. */
  domainId: text('domain_id').references(() => domains.id, { onDelete: 'cascade' }),
  lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
  revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
  createdAt: createdAt(),
});
