// What the cron probes keep: open alerts, when each probe last ran, and the per-day counters the stats read.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id } from './columns.ts';
import { domains } from './domains.ts';

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
