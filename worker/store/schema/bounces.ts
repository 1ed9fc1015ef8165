// The bounce log and the per-domain suppression list it feeds.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id } from './columns.ts';
import { domains, ownerDomainId } from './domains.ts';
import { inboundEmails } from './inbound.ts';

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
    domainId: ownerDomainId(),
    /** Lower-case address. */
    address: text('address').notNull(),
    /** null while only counting bounces; set once suppressed. */
    suppressedAt: integer('suppressed_at', { mode: 'timestamp_ms' }),
    reason: text('reason'),
    /** bounce, complaint, manual or imported (no CHECK constraint in SQL: the enum is the TypeScript side's). */
    source: text('source', { enum: ['bounce', 'complaint', 'manual', 'imported'] }),
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
