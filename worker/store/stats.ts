// Queries of the daily statistics: messages received, bounces and complaints per UTC day.
import { and, eq, gte, or, sql } from 'drizzle-orm';
import type { Database } from './db.ts';
import { inboundEmails } from './schema.ts';

export type DailyCounts = { date: string; inbound: number; bounces: number; complaints: number };

/**
 * Counts per UTC day (`YYYY-MM-DD`) of the mail received since `since`, of one domain or of every domain (null). Only
 * days with mail have a row.
 */
export async function countInboundPerDay(
  db: Database,
  since: Date,
  domain: { id: string; name: string } | null,
): Promise<DailyCounts[]> {
  const day = sql<string>`strftime('%Y-%m-%d', ${inboundEmails.createdAt} / 1000, 'unixepoch')`;
  // A message belongs to the domain it was routed in, or else to its envelope recipient's domain (as the domain
  // guards decide). Domain names hold only [a-z0-9.-]: no LIKE wildcard to escape.
  const ofDomain = domain
    ? or(eq(inboundEmails.domainId, domain.id), sql`lower(${inboundEmails.envelopeTo}) LIKE ${`%@${domain.name}`}`)
    : undefined;
  const rows = await db
    .select({
      date: day,
      inbound: sql<number>`count(*)`,
      bounces: sql<number>`sum(CASE WHEN ${inboundEmails.kind} = 'bounce' THEN 1 ELSE 0 END)`,
      complaints: sql<number>`sum(CASE WHEN ${inboundEmails.kind} = 'feedback' THEN 1 ELSE 0 END)`,
    })
    .from(inboundEmails)
    .where(and(gte(inboundEmails.createdAt, since), ofDomain))
    .groupBy(day);
  return rows.map((row) => ({
    date: row.date,
    inbound: Number(row.inbound),
    bounces: Number(row.bounces ?? 0),
    complaints: Number(row.complaints ?? 0),
  }));
}
