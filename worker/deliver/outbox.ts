// The outbox drain: fans events out into deliveries, performs due attempts, logs each one and schedules the next.
//
// At-least-once: an event is fanned out by the Queue consumer right after its commit, or by the cron sweep when
// the Queue send was lost; the unique index (event, target) makes a second fan-out a no-op. Each attempt first
// claims its delivery with a lease (nextAttemptAt pushed past the attempt's timeout), so the Queue consumer and
// the cron never attempt the same delivery at once, and a crash mid-attempt only delays it until the lease ends.
// Per-thread order is NOT guaranteed: deliveries are independent, and a failed one is retried later while the
// thread's next events go out; receivers order by the payload's timestamps and drop duplicates by webhook-id.
import { and, asc, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import type { AttemptOutcome } from './attempt-outcome.ts';
import { nextRetryDelayMs } from './backoff.ts';
import { addDownloadUrls, createFileLink } from './file-links.ts';
import { deliverToOdoo } from './odoo.ts';
import { prependAuthenticationResults } from './authentication-results.ts';
import type { AuthVerdict } from '../../shared/api/auth.ts';
import { redactForLog } from './redact.ts';
import { isUsableApiKeySecretName } from './secret-names.ts';
import { checkTargetUrl, STRICT_TARGET_POLICY, type TargetUrlPolicy } from './target-url.ts';
import { deliverWebhook } from './webhook.ts';
import type { Database } from '../store/db.ts';
import { buildChunkedInserts, chunkValues, selectInChunks } from '../store/d1-limits.ts';
import { newId } from '../store/ids.ts';
import { deliveries, deliveryAttempts, events, inboundEmails, odooTargets, webhookEndpoints } from '../store/schema.ts';

/** Time allowed for one attempt (connect, send, read the answer): a healthy receiver answers well within it. */
export const DELIVERY_ATTEMPT_TIMEOUT_MS = 15_000;
/** A claimed delivery is not attempted again before this: longer than any attempt, short enough to recover a crash. */
export const DELIVERY_LEASE_MS = 2 * 60 * 1000;
/** Attempts running at once: Workers allow 6 simultaneous outgoing connections per invocation. */
export const DELIVERY_CONCURRENCY = 6;
/** Due deliveries one run takes on; the rest wait for the next run (a run must fit the invocation's budget). */
export const DEFAULT_DELIVERY_BATCH = 50;
/** D1 binds at most 100 parameters per statement: one claim (and its event lookup) takes at most this many. */
export const MAX_DELIVERIES_PER_CLAIM = 90;
/** `odoo.handoff` only feeds the Odoo adapter; a webhook gets it only when its filter names it. */
const INTERNAL_EVENT_TYPES = new Set(['odoo.handoff']);
const ERROR_TEXT_CHARS = 500;

export type OutboxDeps = {
  db: Database;
  bucket: R2Bucket;
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  /** Milliseconds since the epoch: Date.now in production, a fake clock in tests. */
  now(): number;
  timeoutMs?: number;
  /** Jitter source of the backoff (Math.random by default). */
  random?: () => number;
  /** Reads a Worker secret by name (the API keys of Odoo targets); undefined when it is not set. */
  readSecret(name: string): string | undefined;
  /** Absolute base of attachment download links (MAILGATE_PUBLIC_URL); without it links are root-relative. */
  publicBaseUrl?: string;
  /** Keys that sign download links (the first signs); without them no downloadUrl is added. */
  fileLinkSecrets?: readonly string[];
  /** Remembers Odoo XML-RPC uids across attempts of one invocation. */
  uidCache?: Map<string, number>;
  /** Asks for an attempt after `delayMs` (a delayed Queue message); the cron sweep is the backstop without it. */
  scheduleAttempt?: (deliveryId: string, delayMs: number) => Promise<void>;
  /** Which target URLs may be reached (checked before every attempt); strict when absent. */
  targetPolicy?: TargetUrlPolicy;
};

type EventRow = typeof events.$inferSelect;
type DeliveryRow = typeof deliveries.$inferSelect;

export type DispatchResult = {
  /** False when the event does not exist (deleted, or never committed). */
  found: boolean;
  /** Every delivery of the event (new ones and those of an earlier fan-out). */
  deliveryIds: string[];
};

/** Fans one event out into its deliveries (idempotent) and marks it dispatched. */
export async function dispatchEvent(deps: Pick<OutboxDeps, 'db' | 'now'>, eventId: string): Promise<DispatchResult> {
  const fannedOut = await dispatchEvents(deps, [eventId]);
  const deliveryIds = fannedOut.get(eventId);
  return deliveryIds ? { found: true, deliveryIds } : { found: false, deliveryIds: [] };
}

/**
 * Fans several events out at once (idempotent), in four D1 queries however many events: read them, read the
 * enabled webhook endpoints, insert the deliveries and mark the events dispatched in one batch, read back every
 * delivery of these events (new ones and those of an earlier fan-out). Events that do not exist are left out.
 */
export async function dispatchEvents(
  deps: Pick<OutboxDeps, 'db' | 'now'>,
  eventIds: readonly string[],
): Promise<Map<string, string[]>> {
  const { db } = deps;
  const eventRows = await selectInChunks(eventIds, (chunk) => db.select().from(events).where(inArray(events.id, chunk)));
  if (eventRows.length === 0) return new Map();
  const nowDate = new Date(deps.now());
  const endpoints = await listEnabledEndpoints(db, eventRows);
  const rows = eventRows.flatMap((event) =>
    findTargets(event, endpoints).map((target) => ({
      id: newId('dlv', nowDate.getTime()),
      eventId: event.id,
      targetKind: target.kind,
      targetId: target.id,
      status: 'pending' as const,
      nextAttemptAt: nowDate,
      createdAt: nowDate,
    })),
  );
  const ids = eventRows.map((event) => event.id);
  const markDispatched = chunkValues(ids, MAX_DELIVERIES_PER_CLAIM).map((chunk) =>
    db.update(events).set({ dispatchedAt: nowDate }).where(inArray(events.id, chunk)),
  );
  const inserts = buildChunkedInserts(rows, (chunk) => db.insert(deliveries).values(chunk).onConflictDoNothing());
  await db.batch([markDispatched[0]!, ...markDispatched.slice(1), ...inserts]);
  const fannedOut = new Map(ids.map((id) => [id, [] as string[]]));
  const existing = await selectInChunks(ids, (chunk) =>
    db.select({ id: deliveries.id, eventId: deliveries.eventId }).from(deliveries).where(inArray(deliveries.eventId, chunk)),
  );
  for (const row of existing) fannedOut.get(row.eventId)?.push(row.id);
  return fannedOut;
}

type Target = { kind: 'webhook' | 'odoo'; id: string };
type EndpointChoice = Pick<typeof webhookEndpoints.$inferSelect, 'id' | 'eventTypes' | 'domainId'>;

/** The enabled endpoints that may receive any of these events: installation-wide ones and those of their domains. */
async function listEnabledEndpoints(db: Database, eventRows: readonly EventRow[]): Promise<EndpointChoice[]> {
  const domainIds = [...new Set(eventRows.flatMap((event) => (event.domainId ? [event.domainId] : [])))];
  const select = () =>
    db.select({ id: webhookEndpoints.id, eventTypes: webhookEndpoints.eventTypes, domainId: webhookEndpoints.domainId }).from(webhookEndpoints);
  if (domainIds.length === 0) return select().where(and(isNull(webhookEndpoints.disabledAt), isNull(webhookEndpoints.domainId)));
  return selectInChunks(domainIds, (chunk) =>
    select().where(
      and(isNull(webhookEndpoints.disabledAt), or(isNull(webhookEndpoints.domainId), inArray(webhookEndpoints.domainId, chunk))),
    ),
  ).then((rows) => [...new Map(rows.map((row) => [row.id, row])).values()]);
}

/** An event's targets: its Odoo hand-off, and every endpoint of its domain (or installation-wide) that wants it. */
function findTargets(event: EventRow, endpoints: readonly EndpointChoice[]): Target[] {
  const targets: Target[] = [];
  if (event.type === 'odoo.handoff') {
    const targetId = event.payload.targetId;
    if (typeof targetId === 'string' && targetId) targets.push({ kind: 'odoo', id: targetId });
  }
  for (const endpoint of endpoints) {
    // An event of no domain reaches installation-wide endpoints only; a domain's endpoint sees only its own domain.
    if (endpoint.domainId !== null && endpoint.domainId !== event.domainId) continue;
    const wanted =
      endpoint.eventTypes.length === 0 ? !INTERNAL_EVENT_TYPES.has(event.type) : endpoint.eventTypes.includes(event.type);
    if (wanted) targets.push({ kind: 'webhook', id: endpoint.id });
  }
  return targets;
}

/** Events still undispatched `minAgeMs` after their commit: their Queue message was lost or failed. */
export async function listUndispatchedEvents(
  deps: Pick<OutboxDeps, 'db' | 'now'>,
  minAgeMs: number,
  limit: number,
): Promise<string[]> {
  const rows = await deps.db
    .select({ id: events.id })
    .from(events)
    .where(and(isNull(events.dispatchedAt), lte(events.createdAt, new Date(deps.now() - minAgeMs))))
    .orderBy(asc(events.createdAt))
    .limit(limit);
  return rows.map((row) => row.id);
}

export type RunSummary = { attempted: number; delivered: number; retrying: number; dead: number; cancelled: number };

/**
 * Attempts the due deliveries (status pending/retrying, nextAttemptAt <= now): the given ones, or the oldest
 * due ones up to `limit`. They are claimed in one statement (a lease on nextAttemptAt), so a concurrent run
 * (Queue consumer, cron) skips them. Delivery problems never throw; D1/R2 trouble does (the caller retries).
 */
export async function runDueDeliveries(
  deps: OutboxDeps,
  deliveryIds?: readonly string[],
  limit = DEFAULT_DELIVERY_BATCH,
): Promise<RunSummary> {
  const summary: RunSummary = { attempted: 0, delivered: 0, retrying: 0, dead: 0, cancelled: 0 };
  if (deliveryIds && deliveryIds.length === 0) return summary;
  const { db } = deps;
  const now = new Date(deps.now());
  const claimLimit = Math.min(limit, MAX_DELIVERIES_PER_CLAIM);
  const due = and(inArray(deliveries.status, ['pending', 'retrying']), lte(deliveries.nextAttemptAt, now));
  const candidates = db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(deliveryIds ? and(due, inArray(deliveries.id, deliveryIds.slice(0, claimLimit))) : due)
    .orderBy(asc(deliveries.nextAttemptAt))
    .limit(claimLimit);
  const claimed = await db
    .update(deliveries)
    .set({ nextAttemptAt: new Date(now.getTime() + DELIVERY_LEASE_MS) })
    .where(and(inArray(deliveries.id, candidates), due))
    .returning();
  if (claimed.length === 0) return summary;
  const eventRows = await db
    .select()
    .from(events)
    .where(inArray(events.id, [...new Set(claimed.map((row) => row.eventId))]));
  const eventsById = new Map(eventRows.map((row) => [row.id, row]));
  const endpointIds = [...new Set(claimed.filter((row) => row.targetKind === 'webhook').map((row) => row.targetId))];
  const endpointRows = endpointIds.length
    ? await db.select().from(webhookEndpoints).where(inArray(webhookEndpoints.id, endpointIds))
    : [];
  const endpointsById = new Map(endpointRows.map((row) => [row.id, row]));
  const queue = [...claimed];
  const worker = async () => {
    for (let delivery = queue.shift(); delivery !== undefined; delivery = queue.shift()) {
      const result = await attemptClaimedDelivery(deps, delivery, eventsById.get(delivery.eventId), endpointsById);
      summary.attempted += 1;
      summary[result] += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(DELIVERY_CONCURRENCY, queue.length) }, worker));
  return summary;
}

type AttemptResult = 'delivered' | 'retrying' | 'dead' | 'cancelled';
type EndpointRow = typeof webhookEndpoints.$inferSelect;

/** Performs one attempt of a claimed delivery, logs it and records what comes next. */
async function attemptClaimedDelivery(
  deps: OutboxDeps,
  delivery: DeliveryRow,
  event: EventRow | undefined,
  endpointsById: ReadonlyMap<string, EndpointRow>,
): Promise<AttemptResult> {
  const { db } = deps;
  if (!event) return finishWithoutAttempt(deps, delivery, 'cancelled', 'the event no longer exists');

  const startedAt = deps.now();
  const attempt = await performAttempt(deps, delivery, event, endpointsById);
  if ('cancel' in attempt) return finishWithoutAttempt(deps, delivery, 'cancelled', attempt.cancel);
  const outcome = attempt.outcome;
  const attemptNumber = delivery.attempts + 1;
  const finishedAt = deps.now();
  // What a receiver answered is shown through the API: a short snippet, with credentials (ours echoed back, or its own)
  // masked; the error sentence may quote the receiver too.
  const error = outcome.error ? redactForLog(outcome.error, attempt.secrets, ERROR_TEXT_CHARS) : null;
  const logRow = db.insert(deliveryAttempts).values({
    id: newId('dla', startedAt),
    deliveryId: delivery.id,
    attemptedAt: new Date(startedAt),
    statusCode: outcome.status,
    latencyMs: Math.round(outcome.latencyMs),
    responseSnippet: redactForLog(outcome.responseSnippet, attempt.secrets),
    error,
  });
  const common = { attempts: attemptNumber, lastStatusCode: outcome.status, lastError: error };

  if (outcome.disposition === 'delivered') {
    await db.batch([
      logRow,
      db
        .update(deliveries)
        .set({ ...common, status: 'delivered', deliveredAt: new Date(finishedAt), nextAttemptAt: null })
        .where(eq(deliveries.id, delivery.id)),
    ]);
    return 'delivered';
  }
  if (outcome.disposition === 'disable-endpoint') {
    await db.batch([
      logRow,
      db
        .update(webhookEndpoints)
        .set({ disabledAt: new Date(finishedAt), disabledReason: error ?? 'disabled' })
        .where(eq(webhookEndpoints.id, delivery.targetId)),
      db.update(deliveries).set({ ...common, status: 'dead', nextAttemptAt: null }).where(eq(deliveries.id, delivery.id)),
    ]);
    return 'dead';
  }
  const delay = outcome.disposition === 'retry' ? nextRetryDelayMs(attemptNumber, deps.random) : null;
  if (delay === null) {
    await db.batch([
      logRow,
      db.update(deliveries).set({ ...common, status: 'dead', nextAttemptAt: null }).where(eq(deliveries.id, delivery.id)),
    ]);
    return 'dead';
  }
  // A receiver's Retry-After is a floor: asking sooner would only meet another 429/503.
  const waitMs = Math.max(delay, outcome.retryAfterMs ?? 0);
  await db.batch([
    logRow,
    db
      .update(deliveries)
      .set({ ...common, status: 'retrying', nextAttemptAt: new Date(finishedAt + waitMs) })
      .where(eq(deliveries.id, delivery.id)),
  ]);
  await deps.scheduleAttempt?.(delivery.id, waitMs).catch(() => undefined);
  return 'retrying';
}

/** An attempt's outcome, with the secret values it used (masked wherever a receiver echoes them back). */
type PerformedAttempt = { outcome: AttemptOutcome; secrets: readonly string[] } | { cancel: string };

/** A target refused before any request: nothing was sent, and retrying cannot help until an admin fixes it. */
function refuseTarget(reason: string): PerformedAttempt {
  return { outcome: configurationFailure('permanent-failure', reason), secrets: [] };
}

/** The target URL is checked again before each attempt: rows stored before the rule, or under another setting. */
function refuseUnsafeUrl(deps: OutboxDeps, url: string): PerformedAttempt | null {
  const check = checkTargetUrl(url, deps.targetPolicy ?? STRICT_TARGET_POLICY);
  return check.ok ? null : refuseTarget(`refused target URL: ${check.reason}`);
}

async function performAttempt(
  deps: OutboxDeps,
  delivery: DeliveryRow,
  event: EventRow,
  endpointsById: ReadonlyMap<string, EndpointRow>,
): Promise<PerformedAttempt> {
  const timeoutMs = deps.timeoutMs ?? DELIVERY_ATTEMPT_TIMEOUT_MS;
  const attemptDeps = { fetch: deps.fetch, now: deps.now, timeoutMs };
  const ownSecrets = deps.fileLinkSecrets ?? [];
  if (delivery.targetKind === 'webhook') {
    const endpoint = endpointsById.get(delivery.targetId);
    if (!endpoint) return { cancel: 'the webhook endpoint was deleted' };
    if (endpoint.disabledAt) return { cancel: `the webhook endpoint is disabled: ${endpoint.disabledReason ?? ''}`.trim() };
    const unsafe = refuseUnsafeUrl(deps, endpoint.url);
    if (unsafe) return unsafe;
    const data = await addDownloadUrls(event.payload, (attachmentId) => signAttachmentLink(deps, attachmentId));
    const outcome = await deliverWebhook(
      { url: endpoint.url, secrets: endpoint.secrets },
      { id: event.id, type: event.type, timestamp: event.createdAt.toISOString(), data },
      attemptDeps,
    );
    return { outcome, secrets: [...endpoint.secrets, ...ownSecrets] };
  }
  const [target] = await deps.db.select().from(odooTargets).where(eq(odooTargets.id, delivery.targetId));
  if (!target) return refuseTarget(`the Odoo target ${delivery.targetId} does not exist`);
  // The alias that raised the hand-off belongs to the event's domain: its mail goes to that domain's Odoo only.
  if (target.domainId === null || target.domainId !== event.domainId) {
    return refuseTarget(
      `the Odoo target ${target.name} (${target.id}) belongs to ${target.domainId ? 'another domain' : 'no domain'} than the alias that received the mail: mail of one domain is never handed to another domain's Odoo`,
    );
  }
  const unsafe = refuseUnsafeUrl(deps, target.url);
  if (unsafe) return unsafe;
  if (!isUsableApiKeySecretName(target.apiKeySecret)) {
    return refuseTarget(`the Odoo target names ${target.apiKeySecret} as its API key: only secrets named ODOO_… are ever sent`);
  }
  const apiKey = deps.readSecret(target.apiKeySecret);
  if (!apiKey) {
    // Retried: the mail waits while an admin runs `wrangler secret put`.
    return { outcome: configurationFailure('retry', `the Worker secret ${target.apiKeySecret} (API key of ${target.name}) is not set`), secrets: [] };
  }
  const inboundId = typeof event.payload.inboundId === 'string' ? event.payload.inboundId : event.inboundId;
  const [inbound] = inboundId
    ? await deps.db.select({ rawKey: inboundEmails.rawKey, auth: inboundEmails.auth }).from(inboundEmails).where(eq(inboundEmails.id, inboundId))
    : [];
  const object = inbound ? await deps.bucket.get(inbound.rawKey) : null;
  if (!object) return refuseTarget('the raw message is no longer stored');
  // Odoo gets mailgate's verdict as an RFC 8601 field on top of the untouched original.
  const verdict = inbound?.auth as Pick<AuthVerdict, 'authenticationResults'> | null | undefined;
  const raw = prependAuthenticationResults(new Uint8Array(await object.arrayBuffer()), verdict?.authenticationResults ?? '');
  const outcome = await deliverToOdoo(
    {
      protocol: target.protocol,
      url: target.url,
      ...(target.database ? { db: target.database } : {}),
      ...(target.login ? { login: target.login } : {}),
      apiKey,
    },
    raw,
    { ...attemptDeps, ...(deps.uidCache ? { uidCache: deps.uidCache } : {}) },
  );
  return { outcome, secrets: [apiKey, ...ownSecrets] };
}

function configurationFailure(disposition: 'retry' | 'permanent-failure', error: string): AttemptOutcome {
  return { ok: false, disposition, status: null, latencyMs: 0, responseSnippet: '', failure: 'configuration', error };
}

async function signAttachmentLink(deps: OutboxDeps, attachmentId: string): Promise<string> {
  const secret = deps.fileLinkSecrets?.[0];
  if (!secret) return `/api/attachments/${attachmentId}`;
  return createFileLink(deps.publicBaseUrl ?? '', secret, attachmentId, deps.now());
}

async function finishWithoutAttempt(
  deps: OutboxDeps,
  delivery: DeliveryRow,
  status: 'cancelled' | 'dead',
  reason: string,
): Promise<AttemptResult> {
  await deps.db
    .update(deliveries)
    .set({ status, lastError: reason, nextAttemptAt: null })
    .where(eq(deliveries.id, delivery.id));
  return status;
}

/** Makes still-open (pending/retrying) deliveries due now, for the next run: what the DLQ consumer does. */
export async function markDeliveriesDue(
  deps: Pick<OutboxDeps, 'db' | 'now'>,
  where: { deliveryIds?: readonly string[]; eventIds?: readonly string[] },
): Promise<number> {
  const conditions = [
    ...(where.deliveryIds?.length ? [inArray(deliveries.id, [...where.deliveryIds])] : []),
    ...(where.eventIds?.length ? [inArray(deliveries.eventId, [...where.eventIds])] : []),
  ];
  if (conditions.length === 0) return 0;
  const rows = await deps.db
    .update(deliveries)
    .set({ nextAttemptAt: new Date(deps.now()) })
    .where(and(or(...conditions), inArray(deliveries.status, ['pending', 'retrying'])))
    .returning({ id: deliveries.id });
  return rows.length;
}

/**
 * A dead or cancelled delivery back to pending, due now (`POST /api/deliveries/:id/retry`): its attempt count
 * starts over, so it gets the whole retry schedule again. Returns false when it is not dead/cancelled.
 */
export async function reviveDelivery(deps: Pick<OutboxDeps, 'db' | 'now'>, deliveryId: string): Promise<boolean> {
  const rows = await deps.db
    .update(deliveries)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: new Date(deps.now()) })
    .where(and(eq(deliveries.id, deliveryId), inArray(deliveries.status, ['dead', 'cancelled'])))
    .returning({ id: deliveries.id });
  return rows.length > 0;
}
