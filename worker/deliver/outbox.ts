// The outbox's front door: the effects it needs, fan-out (events → deliveries), the run loop (leased attempts with
// backoff) and the table of targets (worker/deliver/targets/) each kind of delivery goes through.
export type { OutboxDeps } from './outbox-deps.ts';
export { dispatchEvent, listUndispatchedEvents } from './fan-out.ts';
export {
  MAX_DELIVERIES_PER_CLAIM,
  markDeliveriesDue,
  reviveDelivery,
  runDueDeliveries,
  type RunSummary,
} from './run-loop.ts';
