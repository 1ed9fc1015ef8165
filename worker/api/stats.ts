// `GET /api/stats`: mail received per UTC day, with its bounces and complaints, and mail sent through `POST /api/send`,
// for the console's charts; for one domain, its send limit and today's use of it.
import { and, eq, gte, or, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { statsQuerySchema, type StatsDay, type StatsJson } from '../../shared/api/stats.ts';
import { findDomainByName } from '../store/domains.ts';
import { listDailySends } from '../store/outgoing.ts';
import { domains, inboundEmails } from '../store/schema.ts';
import type { AppEnv } from './context.ts';
import { ApiError, notFound } from './errors.ts';
import { DEFAULT_DAILY_SEND_LIMIT } from './send.ts';
import { validate } from './validate.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` of a UTC day, as SQLite's strftime writes it. */
function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The days of the window, oldest first, all at zero: days without mail must still appear in a chart. */
export function emptySeries(todayStartMs: number, days: number): StatsDay[] {
  return Array.from({ length: days }, (_, index) => ({
    date: utcDate(todayStartMs - (days - 1 - index) * DAY_MS),
    inbound: 0,
    bounces: 0,
    complaints: 0,
  }));
}

/**
 * The domain the counts are about. A domain-scoped token sees only its own domain (the default when it names none,
 * 403 for another existing domain), like the inbound and thread lists; an installation-wide token may name any
 * domain or none (every domain).
 */
async function resolveDomain(
  c: { var: AppEnv['Variables'] },
  requested: string | undefined,
): Promise<{ id: string; name: string; dailySendLimit: number | null } | null> {
  const { db } = c.var.services;
  const scopedDomainId = c.var.principal.domainId;
  if (requested) {
    const domain = await findDomainByName(db, requested);
    if (!domain) throw notFound(`domain ${requested}`);
    if (scopedDomainId !== null && domain.id !== scopedDomainId) {
      throw new ApiError(403, 'forbidden', 'this token is limited to another domain');
    }
    return { id: domain.id, name: domain.name, dailySendLimit: domain.dailySendLimit };
  }
  if (scopedDomainId === null) return null;
  const [own] = await db
    .select({ id: domains.id, name: domains.name, dailySendLimit: domains.dailySendLimit })
    .from(domains)
    .where(eq(domains.id, scopedDomainId));
  if (!own) throw notFound('the token\'s domain');
  return own;
}

export const statsRoutes = new Hono<AppEnv>().get('/', validate('query', statsQuerySchema), async (c) => {
  const { days, domain: requested } = c.req.valid('query');
  const domain = await resolveDomain(c, requested);
  const nowMs = c.var.services.now().getTime();
  const todayStartMs = nowMs - (nowMs % DAY_MS);
  const sinceMs = todayStartMs - (days - 1) * DAY_MS;

  const day = sql<string>`strftime('%Y-%m-%d', ${inboundEmails.createdAt} / 1000, 'unixepoch')`;
  // A message belongs to the domain it was routed in, or else to its envelope recipient's domain (as in
  // domain-guard.ts). Domain names hold only [a-z0-9.-]: no LIKE wildcard to escape.
  const ofDomain = domain
    ? or(eq(inboundEmails.domainId, domain.id), sql`lower(${inboundEmails.envelopeTo}) LIKE ${`%@${domain.name}`}`)
    : undefined;
  const rows = await c.var.services.db
    .select({
      date: day,
      inbound: sql<number>`count(*)`,
      bounces: sql<number>`sum(CASE WHEN ${inboundEmails.kind} = 'bounce' THEN 1 ELSE 0 END)`,
      complaints: sql<number>`sum(CASE WHEN ${inboundEmails.kind} = 'feedback' THEN 1 ELSE 0 END)`,
    })
    .from(inboundEmails)
    .where(and(gte(inboundEmails.createdAt, new Date(sinceMs)), ofDomain))
    .groupBy(day);

  const series = emptySeries(todayStartMs, days);
  const byDate = new Map(series.map((entry) => [entry.date, entry]));
  for (const row of rows) {
    const entry = byDate.get(row.date);
    // A row stamped after "now" (clock skew between isolates) has no day in the window: left out, not misfiled.
    if (!entry) continue;
    entry.inbound = Number(row.inbound);
    entry.bounces = Number(row.bounces ?? 0);
    entry.complaints = Number(row.complaints ?? 0);
  }
  const { db, defaultDailySendLimit } = c.var.services;
  const sentByDay = new Map((await listDailySends(db, domain?.id ?? null, utcDate(sinceMs))).map((row) => [row.day, row]));
  const outgoing = series.map(({ date }) => ({
    date,
    messages: Number(sentByDay.get(date)?.messages ?? 0),
    recipients: Number(sentByDay.get(date)?.recipients ?? 0),
  }));
  const sendLimit = domain
    ? { dailyRecipients: domain.dailySendLimit ?? defaultDailySendLimit ?? DEFAULT_DAILY_SEND_LIMIT, usedToday: outgoing.at(-1)?.recipients ?? 0 }
    : null;
  const answer: StatsJson = { domain: domain?.name ?? null, days, series, outgoing, sendLimit };
  return c.json(answer);
});
