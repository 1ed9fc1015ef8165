// The D1 schema (drizzle). `npm run db:generate -- --name <what>` turns changes into migrations/NNNN_<what>.sql.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Rows carry prefixed, time-sortable ids (`inb_…`, `thr_…`): they can be minted before a batch is written. */
const id = () => text('id').primaryKey();
const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`);

export const inboundStatuses = ['pending', 'processing', 'delivered', 'rejected', 'failed'] as const;
export type InboundStatus = (typeof inboundStatuses)[number];

/** How a message entered: Cloudflare Email Routing's email(), the HTTP relay ingress (an MTA's pipe), an archive import. */
export const inboundSources = ['email', 'relay', 'import'] as const;
/**
 * Imported mail: `archive` is only filed into threads (no ERP record, event or forward); `deliver` is routed like live
 * mail; `restore` (an export put back) goes into the thread it was in (`threadId`, kept) or nowhere.
 */
export const importModes = ['archive', 'deliver', 'restore'] as const;

export const domains = sqliteTable('domains', {
  id: id(),
  /** Lower-case ASCII (IDNA) domain name. */
  name: text('name').notNull().unique(),
  /** Local part of the ERP's catchall (`mail.catchall.alias`): replies come back here. */
  catchall: text('catchall').notNull().default('catchall'),
  /** Local part of the ERP's bounce address (`mail.bounce.alias`). */
  bounce: text('bounce').notNull().default('bounce'),
  /** Subaddress separator (`sales+fair2026@`); the part after it is kept as a tag. */
  subaddressSeparator: text('subaddress_separator').notNull().default('+'),
  /** Mail to an address that is neither catchall, bounce nor an alias: 550, or kept for triage. */
  unknownRecipientPolicy: text('unknown_recipient_policy', { enum: ['reject', 'triage'] })
    .notNull()
    .default('reject'),
  /** Mail sent only to catchall that matches no thread: bounced with an explanation (as Odoo does), or triage. */
  catchallOnlyPolicy: text('catchall_only_policy', { enum: ['bounce', 'triage'] })
    .notNull()
    .default('bounce'),
  /** Thread by normalised subject when References were dropped (Outlook): off by default. */
  subjectFallback: integer('subject_fallback', { mode: 'boolean' }).notNull().default(false),
  /** Forward replies to the followers' own mailboxes with the Email Worker's forward() (verified addresses). */
  forwardRepliesToFollowers: integer('forward_replies_to_followers', { mode: 'boolean' }).notNull().default(false),
  /** What a DMARC failure gets (RFC 7489 6.3 leaves it to the receiver): 550, held for review, or a tag. */
  dmarcFailurePolicy: text('dmarc_failure_policy', { enum: ['reject', 'quarantine', 'tag'] })
    .notNull()
    .default('quarantine'),
  /** What mail flagged as spam gets. */
  spamPolicy: text('spam_policy', { enum: ['quarantine', 'deliver', 'reject'] })
    .notNull()
    .default('quarantine'),
  /** Recipients `POST /api/send` may mail per UTC day for this domain; null: the installation's default. */
  dailySendLimit: integer('daily_send_limit'),
  /** The cron probe raises an alert when no mail arrived for this many minutes; null: no such alert. */
  silenceAlertMinutes: integer('silence_alert_minutes'),
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
    /** For `forward`: the verified destination address. */
    forwardTo: text('forward_to'),
    /** For `odoo`: the Odoo target to hand the raw mail to. */
    odooTargetId: text('odoo_target_id'),
    /** The text a refused or rejected sender gets (the 550 message). */
    bounceMessage: text('bounce_message'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('aliases_domain_local_part').on(t.domainId, t.localPart)],
);

export const routingRules = sqliteTable(
  'routing_rules',
  {
    id: id(),
    domainId: text('domain_id')
      .notNull()
      .references(() => domains.id, { onDelete: 'cascade' }),
    /** Rules run in ascending position; the first `stop` ends the evaluation. */
    position: integer('position').notNull(),
    name: text('name').notNull(),
    /** Each condition is a case-insensitive regular expression; all given conditions must match. */
    matchRecipient: text('match_recipient'),
    matchSender: text('match_sender'),
    matchHeaderName: text('match_header_name'),
    matchHeaderValue: text('match_header_value'),
    matchSubject: text('match_subject'),
    action: text('action', { enum: ['route', 'tag', 'spam', 'drop'] }).notNull(),
    aliasId: text('alias_id').references(() => aliases.id, { onDelete: 'cascade' }),
    tag: text('tag'),
    stop: integer('stop', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('routing_rules_domain_position').on(t.domainId, t.position)],
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
    /** Processing attempts, all told (the sender's retries, the cron sweep, replays). */
    attempts: integer('attempts').notNull().default(0),
    /** `attempts` when the message was last replayed: the attempt cap counts only the attempts after it. */
    attemptsBeforeReplay: integer('attempts_before_replay').notNull().default(0),
    /**
     * When the cron sweep may take the row: while `processing`, the end of the running attempt's lease (a crashed
     * attempt is taken again after it); while `pending`, the end of the backoff after a failed attempt. Null once final.
     */
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }),
    /** Why the last attempt failed (a transient error, or authentication left undecided by DNS), while it is retried. */
    lastError: text('last_error'),
    threadId: text('thread_id'),
    domainId: text('domain_id'),
    aliasId: text('alias_id'),
    /** Subaddress and rule tags. */
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default([]),
    /** Authentication verdict (SPF/DKIM/DMARC/ARC) as JSON. */
    auth: text('auth', { mode: 'json' }).$type<Record<string, unknown>>(),
    /** Spam verdict as JSON (`{flagged, score, source}`). */
    spam: text('spam', { mode: 'json' }).$type<Record<string, unknown>>(),
    /** Set while the message is held for review (DMARC failure, spam, rate limit); cleared on release. */
    quarantinedAt: integer('quarantined_at', { mode: 'timestamp_ms' }),
    /**
     * Verified addresses the Email Worker must pass this mail on to with forward() (a `forward` alias, or the thread's
     * followers when the domain forwards replies). Kept so that a sender's retry after a failed forward() redoes it.
     */
    forwardTo: text('forward_to', { mode: 'json' }).$type<string[]>().notNull().default([]),
    /** When every forward() of `forwardTo` succeeded; null while one is still owed. */
    forwardedAt: integer('forwarded_at', { mode: 'timestamp_ms' }),
    source: text('source', { enum: inboundSources }).notNull().default('email'),
    /** Relayed by an MTA whose token says it is trusted: its own top Received header names the SMTP client (IP, HELO). */
    trustReceived: integer('trust_received', { mode: 'boolean' }).notNull().default(false),
    /** Set on old mail brought in by an import (the "imported" mark); null for live mail. A restore sets threadId too. */
    importMode: text('import_mode', { enum: importModes }),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('inbound_checksum_recipient').on(t.checksum, t.envelopeTo),
    index('inbound_status_created').on(t.status, t.createdAt),
    index('inbound_status_next_attempt').on(t.status, t.nextAttemptAt),
    index('inbound_created').on(t.createdAt),
    index('inbound_message_id').on(t.messageId),
    index('inbound_sender_recipient_created').on(t.fromAddress, t.envelopeTo, t.createdAt),
    index('inbound_sender_thread_created').on(t.fromAddress, t.threadId, t.createdAt),
    index('inbound_quarantined').on(t.quarantinedAt),
    // The last mail of each domain (the probes' silence check), one index seek per domain.
    index('inbound_domain_created').on(t.domainId, t.createdAt),
    // One tenant's inbound log, newest first (ids sort by creation time), and the log filtered by status.
    index('inbound_domain_id').on(t.domainId, t.id),
    index('inbound_status_id').on(t.status, t.id),
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

export const apiTokens = sqliteTable('api_tokens', {
  id: id(),
  name: text('name').notNull(),
  /** SHA-256 (hex) of the token: the token itself is shown once and never stored. */
  tokenHash: text('token_hash').notNull().unique(),
  /** `ingress`: may only hand raw mail to `POST /api/ingress/raw` (an MTA relay), nothing else. */
  scope: text('scope', { enum: ['admin', 'read', 'write', 'ingress'] }).notNull(),
  /** Restricts a `read`/`write`/`ingress` token to one domain; null for installation-wide tokens. */
  domainId: text('domain_id').references(() => domains.id, { onDelete: 'cascade' }),
  /** An `ingress` token of a relay the admin runs: its top Received header is believed (client IP and HELO for SPF). */
  trustedRelay: integer('trusted_relay', { mode: 'boolean' }).notNull().default(false),
  lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
  revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
  createdAt: createdAt(),
});

/**
 * Every Message-ID a thread knows: its messages' own ids and every id they reference. A message finds its thread
 * through any of them, so a reply that arrives before its parent still joins the parent's thread.
 */
export const threadRefs = sqliteTable(
  'thread_refs',
  {
    threadId: text('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    messageId: text('message_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.messageId] }), index('thread_refs_message_id').on(t.messageId)],
);

/** Addresses that follow a thread: they receive its replies and pass the `followers` contact policy. */
export const threadFollowers = sqliteTable(
  'thread_followers',
  {
    threadId: text('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    /** Lower-case address. */
    address: text('address').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.address] }), index('thread_followers_address').on(t.address)],
);

/** Contacts the ERP registered (or mailed through /api/outbound): the `known` contact policy. */
export const contacts = sqliteTable(
  'contacts',
  {
    domainId: text('domain_id')
      .notNull()
      .references(() => domains.id, { onDelete: 'cascade' }),
    address: text('address').notNull(),
    name: text('name'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.domainId, t.address] })],
);

/** The transactional outbox: events are written in the same batch as the rows they describe. */
export const events = sqliteTable(
  'events',
  {
    /** Stable event id: the `webhook-id` of every attempt. */
    id: id(),
    type: text('type').notNull(),
    domainId: text('domain_id'),
    inboundId: text('inbound_id'),
    threadId: text('thread_id'),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** When its deliveries were fanned out (null: not yet, the cron sweep picks it up). */
    dispatchedAt: integer('dispatched_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [index('events_dispatched').on(t.dispatchedAt, t.createdAt), index('events_thread').on(t.threadId)],
);

export const webhookEndpoints = sqliteTable('webhook_endpoints', {
  id: id(),
  /** Null: every domain. */
  domainId: text('domain_id').references(() => domains.id, { onDelete: 'cascade' }),
  url: text('url').notNull(),
  /** Event types delivered; empty means all. */
  eventTypes: text('event_types', { mode: 'json' }).$type<string[]>().notNull().default([]),
  /** Signing secrets, newest first; two during a rotation (Standard Webhooks). */
  secrets: text('secrets', { mode: 'json' }).$type<string[]>().notNull(),
  disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
  disabledReason: text('disabled_reason'),
  createdAt: createdAt(),
});

/** Odoo databases to hand raw mail to (alias action `odoo`); the API key is a Worker secret named here. */
export const odooTargets = sqliteTable('odoo_targets', {
  id: id(),
  /** The domain whose aliases may hand mail to this database (null only on rows older than that rule: unusable). */
  domainId: text('domain_id').references(() => domains.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  protocol: text('protocol', { enum: ['xmlrpc', 'json2'] }).notNull(),
  url: text('url').notNull(),
  database: text('database'),
  login: text('login'),
  /** Name of the Worker secret that holds the API key: credentials never enter D1 or the API. */
  apiKeySecret: text('api_key_secret').notNull(),
  createdAt: createdAt(),
});

export const deliveryStatuses = ['pending', 'retrying', 'delivered', 'dead', 'cancelled'] as const;

/** One event to one destination (a webhook endpoint or an Odoo target), with its retry state. */
export const deliveries = sqliteTable(
  'deliveries',
  {
    id: id(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    targetKind: text('target_kind', { enum: ['webhook', 'odoo', 'send-email'] }).notNull(),
    /** webhook_endpoints.id, odoo_targets.id or outgoing_sends.id. */
    targetId: text('target_id').notNull(),
    status: text('status', { enum: deliveryStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    deliveredAt: integer('delivered_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('deliveries_event_target').on(t.eventId, t.targetKind, t.targetId),
    index('deliveries_status_next').on(t.status, t.nextAttemptAt),
  ],
);

/** The delivery log: every attempt with its answer. */
export const deliveryAttempts = sqliteTable(
  'delivery_attempts',
  {
    id: id(),
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => deliveries.id, { onDelete: 'cascade' }),
    attemptedAt: integer('attempted_at', { mode: 'timestamp_ms' }).notNull(),
    statusCode: integer('status_code'),
    latencyMs: integer('latency_ms').notNull(),
    /** The start of the answer (256 characters at most), credentials masked: it is shown through the API. */
    responseSnippet: text('response_snippet'),
    error: text('error'),
  },
  (t) => [index('delivery_attempts_delivery').on(t.deliveryId, t.attemptedAt)],
);

/** One row per failed recipient of every bounce or complaint received. */
export const bounces = sqliteTable(
  'bounces',
  {
    id: id(),
    inboundId: text('inbound_id').references(() => inboundEmails.id, { onDelete: 'set null' }),
    /** The domain the report reached (the tenant whose history it is); null when it reached no configured domain. */
    domainId: text('domain_id').references(() => domains.id, { onDelete: 'cascade' }),
    /** The outbound message that bounced (messages.id), when linked. */
    messageRowId: text('message_row_id'),
    threadId: text('thread_id'),
    /** Lower-case address. */
    address: text('address').notNull(),
    kind: text('kind', { enum: ['bounce', 'complaint'] }).notNull(),
    status: text('status'),
    action: text('action'),
    reason: text('reason'),
    permanent: integer('permanent', { mode: 'boolean' }).notNull(),
    diagnostic: text('diagnostic'),
    /**
     * True when the report is linked to mail mailgate sent to this very address (its VERP token, or a Message-ID
     * mailgate minted with the address among the recipients). Only verified rows count toward suppression.
     */
    verified: integer('verified', { mode: 'boolean' }).notNull().default(false),
    /** A row from an Email Service delivery event (not a DSN): its `eventId`, so a redelivered event counts once. */
    sourceEventId: text('source_event_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('bounces_source_event').on(t.sourceEventId),
    index('bounces_address_created').on(t.address, t.createdAt),
    index('bounces_inbound').on(t.inboundId),
    index('bounces_domain').on(t.domainId, t.id),
  ],
);

/** Addresses a domain's ERP should no longer mail, and the bounce counter that leads there: one entry per domain. */
export const suppressions = sqliteTable(
  'suppressions',
  {
    domainId: text('domain_id')
      .notNull()
      .references(() => domains.id, { onDelete: 'cascade' }),
    /** Lower-case address. */
    address: text('address').notNull(),
    /** null while only counting bounces; set once suppressed. */
    suppressedAt: integer('suppressed_at', { mode: 'timestamp_ms' }),
    reason: text('reason'),
    source: text('source', { enum: ['bounce', 'complaint', 'manual'] }),
    bounceCount: integer('bounce_count').notNull().default(0),
    firstBounceAt: integer('first_bounce_at', { mode: 'timestamp_ms' }),
    lastBounceAt: integer('last_bounce_at', { mode: 'timestamp_ms' }),
    complained: integer('complained', { mode: 'boolean' }).notNull().default(false),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    primaryKey({ columns: [t.domainId, t.address] }),
    // The suppression list's order (newest first, then domain and address), for one domain and for all.
    index('suppressions_domain_suppressed_address').on(t.domainId, t.suppressedAt, t.address),
    index('suppressions_suppressed').on(t.suppressedAt, t.domainId, t.address),
  ],
);

export const outgoingSendStatuses = ['queued', 'sent', 'failed'] as const;

/**
 * One `POST /api/send`: the message to send (its payload in R2), its answer (replayed for the same idempotency key and
 * body), and what became of it. The outbound message itself is a `messages` row of its thread.
 */
export const outgoingSends = sqliteTable(
  'outgoing_sends',
  {
    id: id(),
    domainId: text('domain_id')
      .notNull()
      .references(() => domains.id, { onDelete: 'cascade' }),
    /** The caller's key: the same key and body answer the same, never send twice; another body answers 409. */
    idempotencyKey: text('idempotency_key').notNull(),
    /** SHA-256 (hex) of the request as validated: what "the same body" means. */
    requestHash: text('request_hash').notNull(),
    /** The `messages` row of the outbound message, on its thread. */
    messageRowId: text('message_row_id').notNull(),
    threadId: text('thread_id').notNull(),
    /** R2 key of what the Email Service is handed (the structured message, attachments included). */
    payloadKey: text('payload_key').notNull(),
    /** The answer of the first request, given again to a retry with the same key and body. */
    response: text('response', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: outgoingSendStatuses }).notNull().default('queued'),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('outgoing_sends_domain_key').on(t.domainId, t.idempotencyKey)],
);

/** Per domain and UTC day: what `POST /api/send` accepted (the daily cap is on recipients). */
export const sendCounters = sqliteTable(
  'send_counters',
  {
    domainId: text('domain_id')
      .notNull()
      .references(() => domains.id, { onDelete: 'cascade' }),
    /** `YYYY-MM-DD` (UTC). */
    day: text('day').notNull(),
    messages: integer('messages').notNull().default(0),
    recipients: integer('recipients').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.domainId, t.day] }),
    // The installation-wide chart sums every domain per day: read in day order, no sort step.
    index('send_counters_day').on(t.day),
  ],
);

export const alertKinds = ['silence', 'backlog', 'failures', 'dns'] as const;

/** What the cron probe found wrong: one open alert per key (kind, and domain when it has one) until it is resolved. */
export const alerts = sqliteTable(
  'alerts',
  {
    id: id(),
    kind: text('kind', { enum: alertKinds }).notNull(),
    /** Null for installation-wide alerts (backlog, failures). */
    domainId: text('domain_id').references(() => domains.id, { onDelete: 'cascade' }),
    /** `silence:<domain id>`, `dns:<domain id>`, `backlog`, `failures`. */
    key: text('key').notNull(),
    message: text('message').notNull(),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    raisedAt: integer('raised_at', { mode: 'timestamp_ms' }).notNull(),
    resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('alerts_open_key').on(t.key).where(sql`resolved_at IS NULL`),
    index('alerts_raised').on(t.raisedAt),
  ],
);

/** When each periodic probe last ran (the daily DNS re-check). */
export const probeRuns = sqliteTable('probe_runs', {
  name: text('name').primaryKey(),
  lastRunAt: integer('last_run_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * Per-day counters, one row per (scope, UTC day, counter): what `GET /api/stats` reads, O(days) whatever the volume.
 * Kept in step by triggers on inbound_emails and bounces (migrations/*_scale_search_counters.sql), inside the very
 * statement that inserts, refiles or deletes the row, so no writer can forget them. A new counter is a new `counter`
 * value written by one more trigger, no schema change.
 */
export const dailyCounts = sqliteTable(
  'daily_counts',
  {
    /** A domain id, or `*`: every message of this database (mail to no configured domain included). */
    scope: text('scope').notNull(),
    /** UTC day number: milliseconds since the epoch divided by 86,400,000. */
    day: integer('day').notNull(),
    /** `received`, `bounces`, `complaints`, `unverified` (see dailyCounterNames). */
    counter: text('counter').notNull(),
    value: integer('value').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.scope, t.day, t.counter] })],
);

/** The counters the triggers write: messages received, of those bounces and complaints, and unverified report rows. */
export const dailyCounterNames = ['received', 'bounces', 'complaints', 'unverified'] as const;
export type DailyCounterName = (typeof dailyCounterNames)[number];

/**
 * The control database's directory of where each domain's data lives: the name of the D1 binding that holds its
 * mail (threads, messages, inbound rows, events…) and the configuration the pipeline reads (aliases, rules,
 * targets). A domain without a row lives in the control database itself (binding `DB`). Only the control
 * database's copy of this table is read.
 */
export const domainPlacements = sqliteTable('domain_placements', {
  /** Lower-case ASCII (IDNA) domain name, as in `domains.name`. */
  domainName: text('domain_name').primaryKey(),
  /** A D1 binding of the Worker named in MAILGATE_DATA_BINDINGS. */
  binding: text('binding').notNull(),
  /** `moving`: a move is copying the domain's rows; its mail gets a temporary error (the sender retries). */
  state: text('state', { enum: ['active', 'moving'] })
    .notNull()
    .default('active'),
  /** While a move runs: the binding the domain's rows are copied to. */
  moveTo: text('move_to'),
  /** After the directory flipped: the binding whose copy of the domain's rows is still to be deleted. */
  moveFrom: text('move_from'),
  /** Where an unfinished move resumes (JSON: phase, table index, last rowid done). */
  moveCursor: text('move_cursor', { mode: 'json' }).$type<MoveCursor>(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** A move's progress: copying (then checking) into the target, or deleting the source's rows after the flip. */
export type MoveCursor = { phase: 'copy' | 'delete'; table: number; afterRowid: number };
