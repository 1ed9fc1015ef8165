// What `POST /api/send` accepted: one row per send, and the per-domain daily counters its cap reads.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id } from './columns.ts';
import { ownerDomainId } from './domains.ts';

export const outgoingSendStatuses = ['queued', 'sent', 'failed'] as const;

/**
 * One `POST /api/send`: the message to send (its payload in R2), its answer (replayed for the same idempotency key and
 * body), and what became of it. The outbound message itself is a `messages` row of its thread.
 */
export const outgoingSends = sqliteTable(
  'outgoing_sends',
  {
    id: id(),
    domainId: ownerDomainId(),
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
    domainId: ownerDomainId(),
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
