// The transactional outbox and its delivery targets: events, webhook endpoints, Odoo targets, deliveries, attempts.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id } from './columns.ts';
import { domains } from './domains.ts';

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
