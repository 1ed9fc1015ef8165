// The result of one delivery attempt (webhook, Odoo, a mail to send), as the outbox records it in the delivery log.

/**
 * What the outbox does next:
 * - `delivered`: done;
 * - `retry`: schedule another attempt (see backoff.ts), dead-letter after the last one;
 * - `disable-endpoint`: the receiver said 410 Gone: stop delivering to this endpoint;
 * - `permanent-failure`: retrying cannot help (e.g. Odoo found no route): record and stop, a human may replay.
 */
export type AttemptDisposition = 'delivered' | 'retry' | 'disable-endpoint' | 'permanent-failure';

/** Why an attempt failed, for the delivery log and for flagging what an admin must fix. */
export type AttemptFailureKind =
  | 'timeout'
  | 'network'
  | 'http-status'
  | 'redirect'
  | 'gone'
  /** Rejected credentials (401/403, Odoo AccessDenied, authenticate → false): retried, but an admin must act. */
  | 'credentials'
  /** Odoo's ValueError "No possible route found for incoming message…". */
  | 'no-route'
  | 'odoo-fault'
  | 'bad-response'
  /** The target or endpoint is misconfigured in a way no retry fixes (missing db/login, unusable secret). */
  | 'configuration'
  /** The Email Service refused the message itself (validation, size, headers, a recipient it suppresses). */
  | 'send-refused'
  /** The Email Service could not take the message now (rate or daily limit, internal error): retried. */
  | 'send-failed';

export type AttemptOutcome = {
  /** True exactly when `disposition` is `delivered`. */
  ok: boolean;
  /** HTTP status of the last response, null when none came (timeout, connection refused). */
  status: number | null;
  /** Wall time of the whole attempt, from the injected clock. */
  latencyMs: number;
  /** The first bytes of the (last) answer, decoded as UTF-8: what the delivery log shows. */
  responseSnippet: string;
  /** One sentence for an admin; absent on success. */
  error?: string;
  failure?: AttemptFailureKind;
  disposition: AttemptDisposition;
  /** Milliseconds the receiver asked us to wait (Retry-After on 429/503); the outbox waits at least this long. */
  retryAfterMs?: number;
  /** Something worth showing even though the attempt succeeded (e.g. a lossy JSON-2 transfer). */
  note?: string;
};

/** The effects a delivery attempt needs, injected so that tests drive time and the network. */
export type DeliveryDeps = {
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  /** Milliseconds since the epoch (Date.now in production, a fake clock in tests). */
  now(): number;
  /** Time allowed for the whole attempt: connect, send, and read the answer. */
  timeoutMs: number;
};

export function deliveredOutcome(fields: Omit<AttemptOutcome, 'ok' | 'disposition'>): AttemptOutcome {
  return { ...fields, ok: true, disposition: 'delivered' };
}

export function failedOutcome(
  disposition: Exclude<AttemptDisposition, 'delivered'>,
  fields: Omit<AttemptOutcome, 'ok' | 'disposition'> & { error: string; failure: AttemptFailureKind },
): AttemptOutcome {
  return { ...fields, ok: false, disposition };
}
