// The delivery Queue's consumers and the cron's outbox sweep: messages in, outbox calls out, ack or retry.
import { chunkValues } from '../store/d1-limits.ts';
import {
  dispatchEvent,
  listUndispatchedEvents,
  markDeliveriesDue,
  MAX_DELIVERIES_PER_CLAIM,
  runDueDeliveries,
  type OutboxDeps,
  type RunSummary,
} from './outbox.ts';

/** What the pipeline (`{eventId}`) and the outbox itself (`{deliveryId}`, delayed retries) put on the queue. */
export type DeliveryMessageBody = { eventId: string } | { deliveryId: string };

/** An event still undispatched after this lost its Queue message (the consumer normally takes it in ~1 s). */
export const UNDISPATCHED_EVENT_MIN_AGE_MS = 60 * 1000;
/** Events one cron run fans out; the rest wait five minutes (a run must fit its time budget). */
export const SWEEP_EVENT_LIMIT = 200;
/** Deliveries one cron run attempts. */
export const SWEEP_DELIVERY_LIMIT = 100;

/** What the deep health check puts on the queue (see worker/probes/deep-health.ts). */
export type HealthProbeBody = { healthProbe: string };

function isHealthProbe(body: unknown): body is HealthProbeBody {
  return (
    body !== null && typeof body === 'object' && typeof (body as { healthProbe?: unknown }).healthProbe === 'string'
  );
}

type QueueMessage = { body: unknown; ack(): void; retry(options?: { delaySeconds?: number }): void };

function readMessageBody(body: unknown): DeliveryMessageBody | null {
  if (body === null || typeof body !== 'object') return null;
  const { eventId, deliveryId } = body as { eventId?: unknown; deliveryId?: unknown };
  if (typeof eventId === 'string' && eventId) return { eventId };
  if (typeof deliveryId === 'string' && deliveryId) return { deliveryId };
  return null;
}

/**
 * One batch as one unit of work: every `{eventId}` is fanned out (all at once), then every new delivery and every
 * `{deliveryId}` is claimed and attempted together (runDueDeliveries: one claim per MAX_DELIVERIES_PER_CLAIM, attempts
 * DELIVERY_CONCURRENCY at a time, one write per attempt) instead of one claim and one run per message.
 * Acknowledged once the outcomes are recorded (a failed attempt is recorded and scheduled, not retried here); a D1/R2
 * error retries the whole batch — fan-out and claims are idempotent — and after the queue's retries the DLQ consumer
 * takes over.
 */
export async function consumeDeliveryMessages(deps: OutboxDeps, messages: readonly QueueMessage[]): Promise<void> {
  const work: { message: QueueMessage; body: DeliveryMessageBody }[] = [];
  for (const message of messages) {
    const body = readMessageBody(message.body);
    // GET /health/deep checks that the queue takes messages: nothing to deliver.
    if (!body && !isHealthProbe(message.body))
      console.warn(JSON.stringify({ event: 'deliveries.bad-message', body: message.body }));
    if (body) work.push({ message, body });
    else message.ack();
  }
  if (work.length === 0) return;
  const eventIds = work.flatMap(({ body }) => ('eventId' in body ? [body.eventId] : []));
  const deliveryIds = work.flatMap(({ body }) => ('deliveryId' in body ? [body.deliveryId] : []));
  try {
    await deliverNow(deps, eventIds, deliveryIds);
    for (const { message } of work) message.ack();
  } catch (error) {
    console.error(
      JSON.stringify({ event: 'deliveries.infrastructure-error', eventIds, deliveryIds, error: String(error) }),
    );
    for (const { message } of work) message.retry();
  }
}

/** Fans the events out and attempts their deliveries and the given ones, claim by claim. D1/R2 trouble throws. */
async function deliverNow(
  deps: OutboxDeps,
  eventIds: readonly string[],
  deliveryIds: readonly string[],
): Promise<void> {
  const fannedOut = await Promise.all([...new Set(eventIds)].map((eventId) => dispatchEvent(deps, eventId)));
  const due = [...new Set([...fannedOut.flatMap((result) => result.deliveryIds), ...deliveryIds])];
  for (const chunk of chunkValues(due, MAX_DELIVERIES_PER_CLAIM)) await runDueDeliveries(deps, chunk, chunk.length);
}

/**
 * Messages that exhausted their queue retries: their deliveries are made due for the cron (an undispatched
 * event is found by the sweep anyway). Nothing is lost by acknowledging them: the outbox rows are the truth.
 */
export async function consumeDeadLetters(
  deps: Pick<OutboxDeps, 'db' | 'now'>,
  messages: readonly QueueMessage[],
): Promise<void> {
  const bodies = messages.map((message) => readMessageBody(message.body));
  const eventIds = bodies.flatMap((body) => (body && 'eventId' in body ? [body.eventId] : []));
  const deliveryIds = bodies.flatMap((body) => (body && 'deliveryId' in body ? [body.deliveryId] : []));
  await markDeliveriesDue(deps, { eventIds, deliveryIds });
  for (const message of messages) message.ack();
}

export type SweepSummary = { dispatched: number; deliveries: RunSummary };

/** The cron's part: fan out events whose Queue message was lost, then run the due deliveries, both bounded. */
export async function sweepOutbox(deps: OutboxDeps): Promise<SweepSummary> {
  const eventIds = await listUndispatchedEvents(deps, UNDISPATCHED_EVENT_MIN_AGE_MS, SWEEP_EVENT_LIMIT);
  for (const eventId of eventIds) await dispatchEvent(deps, eventId);
  const total: RunSummary = { attempted: 0, delivered: 0, retrying: 0, dead: 0, cancelled: 0 };
  // One claim takes at most MAX_DELIVERIES_PER_CLAIM: repeat until the run's bound or nothing is due.
  while (total.attempted < SWEEP_DELIVERY_LIMIT) {
    const run = await runDueDeliveries(deps, undefined, SWEEP_DELIVERY_LIMIT - total.attempted);
    for (const key of Object.keys(total) as (keyof RunSummary)[]) total[key] += run[key];
    if (run.attempted === 0) break;
  }
  return { dispatched: eventIds.length, deliveries: total };
}
