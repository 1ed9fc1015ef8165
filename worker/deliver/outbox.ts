// The outbox's front door: the effects it needs, fan-out (events → deliveries), the run loop (leased attempts with
// backoff) and the table of targets (worker/deliver/targets/) each kind of delivery goes through.
export type { OutboxDeps } from './outbox-deps.ts';
export { dispatchEvent, listUndispatchedEvents, type DispatchResult } from './fan-out.ts';
export {
  DEFAULT_DELIVERY_BATCH,
  DELIVERY_CONCURRENCY,
  DELIVERY_LEASE_MS,
  MAX_DELIVERIES_PER_CLAIM,
  markDeliveriesDue,
  reviveDelivery,
  runDueDeliveries,
  type RunSummary,
} from './run-loop.ts';
export { DELIVERY_ATTEMPT_TIMEOUT_MS } from './targets/target.ts';
