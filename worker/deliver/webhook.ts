// One signed webhook attempt (Standard Webhooks, docs/contracts.md) and what the outbox should do with its outcome.
import { deliveredOutcome, failedOutcome, type AttemptOutcome, type DeliveryDeps } from './attempt-outcome.ts';
import { RESPONSE_SNIPPET_BYTES, decodeSnippet, parseRetryAfterMs, sendTimedRequest } from './timed-request.ts';
import { createWebhookSignatureHeaders } from './webhook-signature.ts';

export const WEBHOOK_USER_AGENT = 'mailgate-webhooks/1';

export type WebhookEndpoint = {
  url: string;
  /** One secret, or two during a rotation (the new one first): each signs, a receiver needs either. */
  secrets: readonly string[];
};

export type WebhookEvent = {
  /** Stable across attempts: it is the `webhook-id`, which receivers use to drop duplicates. */
  id: string;
  type: string;
  /** When the event happened, ISO 8601. */
  timestamp: string;
  data: unknown;
};

/** The body every receiver gets: `{"type", "timestamp", "data"}` (docs/contracts.md). */
export function serializeWebhookBody(event: WebhookEvent): string {
  return JSON.stringify({ type: event.type, timestamp: event.timestamp, data: event.data });
}

/**
 * Posts one event to one endpoint. 2xx delivers; 410 Gone disables the endpoint; any other status, a redirect,
 * a network error or no answer within `deps.timeoutMs` is retried. Never throws for a delivery problem.
 */
export async function deliverWebhook(
  endpoint: WebhookEndpoint,
  event: WebhookEvent,
  deps: DeliveryDeps,
): Promise<AttemptOutcome> {
  const startedAt = deps.now();
  const elapsed = () => Math.max(0, deps.now() - startedAt);
  const body = serializeWebhookBody(event);
  let signatureHeaders;
  try {
    // The timestamp is the attempt's, not the event's: receivers reject signatures older than a few minutes.
    signatureHeaders = await createWebhookSignatureHeaders(
      endpoint.secrets,
      event.id,
      Math.floor(startedAt / 1000),
      body,
    );
  } catch (error) {
    return failedOutcome('permanent-failure', {
      status: null,
      latencyMs: elapsed(),
      responseSnippet: '',
      failure: 'configuration',
      error: `cannot sign the webhook: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  const answer = await sendTimedRequest(
    deps,
    endpoint.url,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': WEBHOOK_USER_AGENT,
        ...signatureHeaders,
      },
      body,
    },
    RESPONSE_SNIPPET_BYTES,
  );
  const latencyMs = elapsed();
  if (answer.kind === 'timeout') {
    return failedOutcome('retry', {
      status: null,
      latencyMs,
      responseSnippet: '',
      failure: 'timeout',
      error: `no answer within ${deps.timeoutMs} ms`,
    });
  }
  if (answer.kind === 'network') {
    return failedOutcome('retry', {
      status: null,
      latencyMs,
      responseSnippet: '',
      failure: 'network',
      error: `connection failed: ${answer.message}`,
    });
  }
  const { status } = answer;
  const responseSnippet = decodeSnippet(answer.body);
  if (status >= 200 && status < 300) return deliveredOutcome({ status, latencyMs, responseSnippet });
  if (status === 410) {
    return failedOutcome('disable-endpoint', {
      status,
      latencyMs,
      responseSnippet,
      failure: 'gone',
      error: 'the endpoint answered 410 Gone: it is disabled until an admin enables it again',
    });
  }
  const retryAfterMs = parseRetryAfterMs(answer.headers.get('retry-after'), deps.now());
  if (status >= 300 && status < 400) {
    return failedOutcome('retry', {
      status,
      latencyMs,
      responseSnippet,
      failure: 'redirect',
      error: `redirected to ${answer.headers.get('location') ?? '(no location)'}: webhooks do not follow redirects, update the endpoint URL`,
    });
  }
  return failedOutcome('retry', {
    status,
    latencyMs,
    responseSnippet,
    failure: 'http-status',
    error: `the endpoint answered ${status}`,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}
