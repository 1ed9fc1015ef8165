// Queries of the probes: the figures of the deep health check, and the alerts the cron probe raises and resolves.
import { and, asc, count, eq, gte, inArray, isNull, lt, max, sql } from 'drizzle-orm';
import type { Database } from './db.ts';
import { newId } from './ids.ts';
import { alerts, deliveries, domains, events, inboundEmails, probeRuns } from './schema.ts';

export type AlertRow = typeof alerts.$inferSelect;
export type NewAlert = Pick<typeof alerts.$inferInsert, 'kind' | 'domainId' | 'key' | 'message' | 'details'>;

export async function countDeliveryBacklog(db: Database): Promise<{ backlog: number; dead: number }> {
  const rows = await db
    .select({ status: deliveries.status, total: count() })
    .from(deliveries)
    .where(inArray(deliveries.status, ['pending', 'retrying', 'dead']))
    .groupBy(deliveries.status);
  const of = (status: string) => rows.find((row) => row.status === status)?.total ?? 0;
  return { backlog: of('pending') + of('retrying'), dead: of('dead') };
}

export async function countUndispatchedEvents(db: Database, olderThan: Date): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(events)
    .where(and(isNull(events.dispatchedAt), lt(events.createdAt, olderThan)));
  return row?.total ?? 0;
}

export async function countFailedInboundSince(db: Database, since: Date): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(inboundEmails)
    .where(and(eq(inboundEmails.status, 'failed'), gte(inboundEmails.createdAt, since)));
  return row?.total ?? 0;
}

/** The oldest row still `pending` or `processing` (the status/created index answers it). */
export async function findOldestUnfinishedInbound(db: Database) {
  const [row] = await db
    .select({ id: inboundEmails.id, status: inboundEmails.status, createdAt: inboundEmails.createdAt })
    .from(inboundEmails)
    .where(inArray(inboundEmails.status, ['pending', 'processing']))
    .orderBy(asc(inboundEmails.createdAt))
    .limit(1);
  return row ?? null;
}

/** Every domain with the time of its last received message (one indexed MAX per domain, by the domain/created index). */
export async function listLastReceivedPerDomain(db: Database) {
  const rows = await db.select().from(domains).orderBy(asc(domains.name));
  return Promise.all(
    rows.map(async (domain) => {
      const [last] = await db
        .select({ at: max(inboundEmails.createdAt) })
        .from(inboundEmails)
        .where(eq(inboundEmails.domainId, domain.id));
      return { domain, lastReceivedAt: last?.at ?? null };
    }),
  );
}

export async function listOpenAlerts(db: Database): Promise<(AlertRow & { domainName: string | null })[]> {
  const rows = await db
    .select({ alert: alerts, domainName: domains.name })
    .from(alerts)
    .leftJoin(domains, eq(domains.id, alerts.domainId))
    .where(isNull(alerts.resolvedAt))
    .orderBy(asc(alerts.raisedAt));
  return rows.map((row) => ({ ...row.alert, domainName: row.domainName }));
}

export function buildRaiseAlert(db: Database, alert: NewAlert, now: Date) {
  const id = newId('alr', now.getTime());
  return {
    id,
    statement: db
      .insert(alerts)
      .values({ id, ...alert, raisedAt: now })
      .onConflictDoNothing(),
  };
}

export function buildResolveAlerts(db: Database, ids: string[], now: Date) {
  return ids.length === 0 ? [] : [db.update(alerts).set({ resolvedAt: now }).where(inArray(alerts.id, ids))];
}

/** When the named probe last ran (the daily DNS check), and the statement that records a new run. */
export async function readProbeRun(db: Database, name: string): Promise<Date | null> {
  const [row] = await db.select().from(probeRuns).where(eq(probeRuns.name, name));
  return row?.lastRunAt ?? null;
}

export function buildRecordProbeRun(db: Database, name: string, at: Date) {
  return db
    .insert(probeRuns)
    .values({ name, lastRunAt: at })
    .onConflictDoUpdate({ target: probeRuns.name, set: { lastRunAt: at } });
}

/** A query D1 answers without touching a table: the database is reachable. */
export async function pingDatabase(db: Database): Promise<void> {
  await db.run(sql`SELECT 1`);
}
