// `GET /health/deep`: D1, R2 and the queue answer; the delivery backlog, unfinished mail and the last mail per domain.
import type { DeepHealth } from '../../shared/api/health.ts';
import type { Database } from '../store/db.ts';
import {
  countDeliveryBacklog,
  countFailedInboundSince,
  countUndispatchedEvents,
  findOldestUnfinishedInbound,
  listLastReceivedPerDomain,
  listOpenAlerts,
  pingDatabase,
} from '../store/probes.ts';
import { toAlertJson } from './alert-json.ts';

export type HealthDeps = {
  db: Database;
  bucket: R2Bucket;
  now: () => Date;
  /** Puts a probe message on the delivery queue (its consumer acknowledges it and does nothing else). */
  pingQueue: () => Promise<void>;
};

/** The R2 object the probe writes and reads back. */
const PROBE_KEY = 'probes/health';
const DAY_MS = 24 * 60 * 60 * 1000;
/** An event the queue has not fanned out after this long means its consumer is not keeping up. */
const UNDISPATCHED_AFTER_MS = 5 * 60 * 1000;

async function timed(check: () => Promise<void>): Promise<{ ok: boolean; ms: number; error?: string }> {
  const started = Date.now();
  try {
    await check();
    return { ok: true, ms: Date.now() - started };
  } catch (error) {
    return { ok: false, ms: Date.now() - started, error: String(error instanceof Error ? error.message : error) };
  }
}

async function probeBucket(bucket: R2Bucket, stamp: string): Promise<void> {
  await bucket.put(PROBE_KEY, stamp);
  const read = await bucket.get(PROBE_KEY);
  if ((await read?.text()) !== stamp) throw new Error('the probe object read back differs from what was written');
}

export async function checkDeepHealth(deps: HealthDeps): Promise<DeepHealth> {
  const now = deps.now();
  const [d1, r2, queue] = await Promise.all([
    timed(() => pingDatabase(deps.db)),
    timed(() => probeBucket(deps.bucket, now.toISOString())),
    timed(deps.pingQueue),
  ]);
  const checks = { d1, r2, queue };
  const componentsOk = d1.ok && r2.ok && queue.ok;
  if (!d1.ok) {
    // Without D1 nothing else can be counted: say so rather than guess.
    return {
      ok: false,
      checkedAt: now.toISOString(),
      checks,
      deliveries: { backlog: 0, dead: 0, undispatchedEvents: 0 },
      inbound: { failedLastDay: 0, oldestUnfinished: null },
      domains: [],
      alerts: [],
    };
  }
  const [deliveries, undispatchedEvents, failedLastDay, oldest, domains, alerts] = await Promise.all([
    countDeliveryBacklog(deps.db),
    countUndispatchedEvents(deps.db, new Date(now.getTime() - UNDISPATCHED_AFTER_MS)),
    countFailedInboundSince(deps.db, new Date(now.getTime() - DAY_MS)),
    findOldestUnfinishedInbound(deps.db),
    listLastReceivedPerDomain(deps.db),
    listOpenAlerts(deps.db),
  ]);
  return {
    ok: componentsOk && alerts.length === 0,
    checkedAt: now.toISOString(),
    checks,
    deliveries: { ...deliveries, undispatchedEvents },
    inbound: {
      failedLastDay,
      oldestUnfinished: oldest
        ? {
            id: oldest.id,
            status: oldest.status,
            receivedAt: oldest.createdAt.toISOString(),
            ageSeconds: Math.round((now.getTime() - oldest.createdAt.getTime()) / 1000),
          }
        : null,
    },
    domains: domains.map(({ domain, lastReceivedAt }) => ({
      name: domain.name,
      lastReceivedAt: lastReceivedAt?.toISOString() ?? null,
      silenceAlertMinutes: domain.silenceAlertMinutes,
    })),
    alerts: alerts.map(toAlertJson),
  };
}
