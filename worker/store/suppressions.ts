// Queries of the suppression lists and the bounce log, one per domain: primary-key reads, upserts built as batch
// statements, pages.
import { and, desc, eq, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import { DEFAULT_SUPPRESSION_POLICY, type SuppressionPolicy, type SuppressionState } from '../bounces/suppression.ts';
import type { Database } from './db.ts';
import { buildChunkedInserts, selectInChunks } from './d1-limits.ts';
import { bounces, domains, suppressions } from './schema.ts';

export type SuppressionRow = typeof suppressions.$inferSelect;
export type BounceRow = typeof bounces.$inferSelect;
/** An entry with the name of its domain, for answers that span several domains. */
export type NamedSuppression = { state: SuppressionState; domainName: string };

function toState(row: SuppressionRow): SuppressionState {
  return { ...row, source: row.source ?? null };
}

/** One primary-key read: the domain's ERP asks this before every send. */
export async function getSuppression(
  db: Database,
  domainId: string,
  address: string,
): Promise<SuppressionState | undefined> {
  const [row] = await db
    .select()
    .from(suppressions)
    .where(and(eq(suppressions.domainId, domainId), eq(suppressions.address, address.toLowerCase())));
  return row ? toState(row) : undefined;
}

/** Every domain's entry of one address (an installation-wide question). */
export async function listSuppressionsOfAddress(db: Database, address: string): Promise<NamedSuppression[]> {
  const rows = await db
    .select({ entry: suppressions, domainName: domains.name })
    .from(suppressions)
    .innerJoin(domains, eq(domains.id, suppressions.domainId))
    .where(eq(suppressions.address, address.toLowerCase()))
    .orderBy(domains.name);
  return rows.map((row) => ({ state: toState(row.entry), domainName: row.domainName }));
}

/** The entries of `addresses` in one domain, by lower-case address. */
export async function loadSuppressions(
  db: Database,
  domainId: string,
  addresses: string[],
): Promise<Map<string, SuppressionState>> {
  const unique = [...new Set(addresses.map((address) => address.toLowerCase()))];
  if (unique.length === 0) return new Map();
  const rows = await selectInChunks(unique, (chunk) =>
    db
      .select()
      .from(suppressions)
      .where(and(eq(suppressions.domainId, domainId), inArray(suppressions.address, chunk))),
  );
  return new Map(rows.map((row) => [row.address, toState(row)]));
}

/** Writes a whole entry as computed by the policy (insert, or replace the stored one). */
export function buildSuppressionUpsert(db: Database, state: SuppressionState) {
  const { domainId, address, ...values } = state;
  return db
    .insert(suppressions)
    .values(state)
    .onConflictDoUpdate({ target: [suppressions.domainId, suppressions.address], set: values });
}

/** The columns an upsert of a whole entry overwrites (all but the key). */
const REPLACED_COLUMNS = {
  suppressedAt: sql.raw('excluded.suppressed_at'),
  reason: sql.raw('excluded.reason'),
  source: sql.raw('excluded.source'),
  bounceCount: sql.raw('excluded.bounce_count'),
  firstBounceAt: sql.raw('excluded.first_bounce_at'),
  lastBounceAt: sql.raw('excluded.last_bounce_at'),
  complained: sql.raw('excluded.complained'),
  updatedAt: sql.raw('excluded.updated_at'),
};

/** Writes many whole entries: multi-row upserts, each statement within D1's 100 bound parameters. */
export function buildSuppressionUpserts(db: Database, states: readonly SuppressionState[]) {
  return buildChunkedInserts(states, (chunk) =>
    db
      .insert(suppressions)
      .values(chunk)
      .onConflictDoUpdate({ target: [suppressions.domainId, suppressions.address], set: REPLACED_COLUMNS }),
  );
}

/**
 * An authenticated normal mail from `address` to `domainId`: the SQL twin of `applyNormalMail`
 * (worker/bounces/suppression.ts), written as one conditional UPDATE so that the pipeline can add it to its batch
 * without reading first. Touches nothing when there is nothing to reset.
 */
export function buildBounceResetForSender(
  db: Database,
  domainId: string,
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
          eq(suppressions.domainId, domainId),
          eq(suppressions.address, address.toLowerCase()),
          or(sql`${suppressions.bounceCount} > 0`, and(isNotNull(suppressions.suppressedAt), liftable)),
        ),
      ),
  ];
}

/** Where a page of suppressions ends: they sort by suppression time, then domain and address. */
export type SuppressionCursor = { at: Date; domainId: string; address: string };

/** Suppressed addresses, most recently suppressed first, of one domain or (null) every domain. */
export async function listSuppressed(
  db: Database,
  page: { domainId: string | null; limit: number; before?: SuppressionCursor },
): Promise<NamedSuppression[]> {
  const cursor = page.before;
  const rows = await db
    .select({ entry: suppressions, domainName: domains.name })
    .from(suppressions)
    .innerJoin(domains, eq(domains.id, suppressions.domainId))
    .where(
      and(
        isNotNull(suppressions.suppressedAt),
        page.domainId ? eq(suppressions.domainId, page.domainId) : undefined,
        cursor
          ? sql`(${suppressions.suppressedAt}, ${suppressions.domainId}, ${suppressions.address}) < (${cursor.at.getTime()}, ${cursor.domainId}, ${cursor.address})`
          : undefined,
      ),
    )
    .orderBy(desc(suppressions.suppressedAt), desc(suppressions.domainId), desc(suppressions.address))
    .limit(page.limit);
  return rows.map((row) => ({ state: toState(row.entry), domainName: row.domainName }));
}

export function formatSuppressionCursor(state: SuppressionState): string {
  return `${state.suppressedAt?.getTime() ?? 0}:${state.domainId}:${state.address}`;
}

export function parseSuppressionCursor(cursor: string): SuppressionCursor | null {
  const match = cursor.match(/^(\d{1,15}):([^:]+):(.+)$/);
  return match ? { at: new Date(Number(match[1])), domainId: match[2]!, address: match[3]! } : null;
}

/** Bounce rows, newest first (ids sort by time), of one domain or (null) every domain, optionally of one address. */
export async function listBounces(
  db: Database,
  query: { domainId: string | null; address?: string; limit: number; before?: string },
): Promise<(BounceRow & { domainName: string | null })[]> {
  const rows = await db
    .select({ bounce: bounces, domainName: domains.name })
    .from(bounces)
    .leftJoin(domains, eq(domains.id, bounces.domainId))
    .where(
      and(
        query.domainId ? eq(bounces.domainId, query.domainId) : undefined,
        query.address ? eq(bounces.address, query.address.toLowerCase()) : undefined,
        query.before ? lt(bounces.id, query.before) : undefined,
      ),
    )
    .orderBy(desc(bounces.id))
    .limit(query.limit);
  return rows.map((row) => ({ ...row.bounce, domainName: row.domainName }));
}
