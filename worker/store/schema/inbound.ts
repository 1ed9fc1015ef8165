// The inbound log: one row per message received, raw bytes in R2, with its processing state and verdicts.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id } from './columns.ts';

export const inboundStatuses = ['pending', 'processing', 'delivered', 'rejected', 'failed'] as const;
export type InboundStatus = (typeof inboundStatuses)[number];

/** How a message entered: Cloudflare Email Routing's email(), the HTTP relay ingress (an MTA's pipe), an archive import. */
export const inboundSources = ['email', 'relay', 'import'] as const;
/**
 * Imported mail: `archive` is only filed into threads (no ERP record, event or forward); `deliver` is routed like live
 * mail; `restore` (an export put back) goes into the thread it was in (`threadId`, kept) or nowhere.
 */
export const importModes = ['archive', 'deliver', 'restore'] as const;

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
