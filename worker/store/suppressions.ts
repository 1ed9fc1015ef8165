// Queries of the suppression list and the bounce log: primary-key reads, upserts built as batch statements, pages.
import { and, desc, eq, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import { DEFAULT_SUPPRESSION_POLICY, type SuppressionPolicy, type SuppressionState } from '../bounces/suppression.ts';
import type { Database } from './db.ts';
import { selectInChunks } from './d1-limits.ts';
import { bounces, suppressions } from './schema.ts';

export type SuppressionRow = typeof suppressions.$inferSelect;
export type BounceRow = typeof bounces.$inferSelect;

function toState(row: SuppressionRow): SuppressionState {
  return { ...row, source: row.source ?? null };
}

/** One primary-key read: the ERP asks this before every send. */
export async function getSuppression(db: Database, address: string): Promise<SuppressionState | undefined> {
  const [row] = await db.select().from(suppressions).where(eq(suppressions.address, address.toLowerCase()));
  return row ? toState(row) : undefined;
}

export async function loadSuppressions(db: Database, addresses: string[]): Promise<Map<string, SuppressionState>> {
  const unique = [...new Set(addresses.map((address) => address.toLowerCase()))];
  const rows = await selectInChunks(unique, (chunk) => db.select().from(suppressions).where(inArray(suppressions.address, chunk)));
  return new Map(rows.map((row) => [row.address, toState(row)]));
}

/** Writes a whole entry as computed by the policy (insert, or replace the stored one). */
export function buildSuppressionUpsert(db: Database, state: SuppressionState) {
  const { address, ...values } = state;
  return db.insert(suppressions).values(state).onConflictDoUpdate({ target: suppressions.address, set: values });
}

/**
 * A normal mail from `address`: the SQL twin of `applyNormalMail` (worker/bounces/suppression.ts), written as one
 * conditional UPDATE so that the pipeline can add it to its batch without reading first. Touches nothing when
 * there is nothing to reset.
 */
export function buildBounceResetForSender(
  db: Database,
  address: string,
  at: Date = new Date(),
  policy: SuppressionPolicy = DEFAULT_SUPPRESSION_POLICY,
) {
  const liftable = policy.normalMailLiftsBounceSuppression
    ? sql`(${suppressions.source} = 'bounce' AND ${suppressions.complained} = 0)`
    : sql`0`;
  return [
    db
      .update(suppressions)
      .set({
        bounceCount: 0,
        firstBounceAt: null,
        lastBounceAt: null,
        suppressedAt: sql`CASE WHEN ${liftable} THEN NULL ELSE ${suppressions.suppressedAt} END`,
        reason: sql`CASE WHEN ${liftable} THEN NULL ELSE ${suppressions.reason} END`,
        source: sql`CASE WHEN ${liftable} THEN NULL ELSE ${suppressions.source} END`,
        updatedAt: at,
      })
      .where(
        and(
          eq(suppressions.address, address.toLowerCase()),
          or(sql`${suppressions.bounceCount} > 0`, and(isNotNull(suppressions.suppressedAt), liftable)),
        ),
      ),
  ];
}

/** Suppressed addresses, most recently suppressed first; the cursor is `<suppressedAt ms>:<address>`. */
export async function listSuppressed(db: Database, page: { limit: number; before?: string }): Promise<SuppressionState[]> {
  const cursor = page.before ? parseSuppressionCursor(page.before) : null;
  const rows = await db
    .select()
    .from(suppressions)
    .where(
      and(
        isNotNull(suppressions.suppressedAt),
        cursor
          ? or(
              lt(suppressions.suppressedAt, cursor.at),
              and(eq(suppressions.suppressedAt, cursor.at), lt(suppressions.address, cursor.address)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(suppressions.suppressedAt), desc(suppressions.address))
    .limit(page.limit);
  return rows.map(toState);
}

export function formatSuppressionCursor(state: SuppressionState): string {
  return `${state.suppressedAt?.getTime() ?? 0}:${state.address}`;
}

function parseSuppressionCursor(cursor: string): { at: Date; address: string } | null {
  const colon = cursor.indexOf(':');
  const ms = Number(cursor.slice(0, colon));
  return colon > 0 && Number.isFinite(ms) ? { at: new Date(ms), address: cursor.slice(colon + 1) } : null;
}

/** Bounce rows, newest first (ids sort by time), optionally of one address. */
export async function listBounces(
  db: Database,
  query: { address?: string; limit: number; before?: string },
): Promise<BounceRow[]> {
  return db
    .select()
    .from(bounces)
    .where(
      and(
        query.address ? eq(bounces.address, query.address.toLowerCase()) : undefined,
        query.before ? lt(bounces.id, query.before) : undefined,
      ),
    )
    .orderBy(desc(bounces.id))
    .limit(query.limit);
}
