// The delivery Queue's consumers and the cron's outbox sweep: messages in, outbox calls out, ack or retry.
import { dispatchEvent, listUndispatchedEvents, markDeliveriesDue, runDueDeliveries, type OutboxDeps, type RunSummary } from './outbox.ts';

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
  return body !== null && typeof body === 'object' && typeof (body as { healthProbe?: unknown }).healthProbe === 'string';
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
 * `{eventId}`: fan out, then attempt the new deliveries at once (the real-time path). `{deliveryId}`: attempt it
 * if due. Acknowledged once the outcome is recorded (a failed attempt is recorded and scheduled, not retried
 * here); a D1/R2 error retries the message, and after the queue's retries the DLQ consumer takes over.
 */
export async function consumeDeliveryMessages(deps: OutboxDeps, messages: readonly QueueMessage[]): Promise<void> {
  await Promise.all(
    messages.map(async (message) => {
      const body = readMessageBody(message.body);
      if (isHealthProbe(message.body)) {
        // GET /health/deep checks that the queue takes messages: nothing to deliver.
        message.ack();
        return;
      }
      if (!body) {
        console.warn(JSON.stringify({ event: 'deliveries.bad-message', body: message.body }));
        message.ack();
        return;
      }
      try {
        if ('eventId' in body) {
          const { deliveryIds } = await dispatchEvent(deps, body.eventId);
          await runDueDeliveries(deps, deliveryIds);
        } else {
          await runDueDeliveries(deps, [body.deliveryId]);
        }
        message.ack();
      } catch (error) {
        console.error(JSON.stringify({ event: 'deliveries.infrastructure-error', body, error: String(error) }));
        message.retry();
      }
    }),
  );
}

/**
 * Messages that exhausted their queue retries: their deliveries are made due for the cron (an undispatched
 * event is found by the sweep anyway). Nothing is lost by acknowledging them: the outbox rows are the truth.
 */
export async function consumeDeadLetters(deps: Pick<OutboxDeps, 'db' | 'now'>, messages: readonly QueueMessage[]): Promise<void> {
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
