// Queries of the per-day counters (daily_counts): the triggers of the scale migration write them, the stats read them.
import { and, between, eq } from 'drizzle-orm';
import type { Database } from './db.ts';
import { dailyCounts, type DailyCounterName } from './schema.ts';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** The scope that counts every message of a database, whatever its domain. */
export const ALL_DOMAINS_SCOPE = '*';

export type DailyCount = { day: number; counter: DailyCounterName; value: number };

/** The counters of one scope (a domain id, or ALL_DOMAINS_SCOPE) for the UTC days `fromDay`..`toDay`: a primary-key range. */
export async function readDailyCounts(
  db: Database,
  scope: string,
  fromDay: number,
  toDay: number,
): Promise<DailyCount[]> {
  const rows = await db
    .select({ day: dailyCounts.day, counter: dailyCounts.counter, value: dailyCounts.value })
    .from(dailyCounts)
    .where(and(eq(dailyCounts.scope, scope), between(dailyCounts.day, fromDay, toDay)));
  return rows as DailyCount[];
}
