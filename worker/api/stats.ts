// `GET /api/stats`: mail received per UTC day, with its bounces, complaints and unverified reports, and mail sent
// through `POST /api/send`, for the console's charts; for one domain, its send limit and today's use of it.
import { Hono } from 'hono';
import { statsQuerySchema, type StatsDay, type StatsJson } from '../../shared/api/stats.ts';
import { findDomainById, findDomainByName } from '../store/domains.ts';
import { ALL_DOMAINS_SCOPE, DAY_MS, readDailyCounts } from '../store/daily-counts.ts';
import { listDailySends } from '../store/outgoing.ts';
import { listDatabasesToRead } from './across-databases.ts';
import type { AppEnv } from './context.ts';
import { ApiError, notFound } from './errors.ts';
import { DEFAULT_DAILY_SEND_LIMIT } from './send.ts';
import { validate } from './validate.ts';

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
    unverified: 0,
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
  const own = await findDomainById(db, scopedDomainId);
  if (!own) throw notFound("the token's domain");
  return { id: own.id, name: own.name, dailySendLimit: own.dailySendLimit };
}

export const statsRoutes = new Hono<AppEnv>().get('/', validate('query', statsQuerySchema), async (c) => {
  const { days, domain: requested } = c.req.valid('query');
  const domain = await resolveDomain(c, requested);
  const nowMs = c.var.services.now().getTime();
  const today = Math.floor(nowMs / DAY_MS);
  // Counters kept by the database's triggers, by UTC day: O(days) whatever the volume of mail. Without a domain,
  // every data database's installation-wide counters, added up.
  const reads = domain ? [c.var.services] : (await listDatabasesToRead(c.var.services)).map((read) => read.services);
  const counts = (
    await Promise.all(
      reads.map(({ db }) => readDailyCounts(db, domain?.id ?? ALL_DOMAINS_SCOPE, today - days + 1, today)),
    )
  ).flat();
  const series = emptySeries(today * DAY_MS, days);
  for (const count of counts) {
    const entry = series[count.day - (today - days + 1)];
    if (!entry) continue;
    if (count.counter === 'received') entry.inbound += count.value;
    else entry[count.counter] += count.value;
  }
  const { db, defaultDailySendLimit } = c.var.services;
  const sinceMs = (today - days + 1) * DAY_MS;
  const sends = (
    await Promise.all(
      (domain ? [db] : reads.map((services) => services.db)).map((each) =>
        listDailySends(each, domain?.id ?? null, utcDate(sinceMs)),
      ),
    )
  ).flat();
  const outgoing = series.map(({ date }) => {
    const ofDay = sends.filter((row) => row.day === date);
    return {
      date,
      messages: ofDay.reduce((sum, row) => sum + Number(row.messages), 0),
      recipients: ofDay.reduce((sum, row) => sum + Number(row.recipients), 0),
    };
  });
  const sendLimit = domain
    ? {
        dailyRecipients: domain.dailySendLimit ?? defaultDailySendLimit ?? DEFAULT_DAILY_SEND_LIMIT,
        usedToday: outgoing.at(-1)?.recipients ?? 0,
      }
    : null;
  const answer: StatsJson = { domain: domain?.name ?? null, days, series, outgoing, sendLimit };
  return c.json(answer);
});
