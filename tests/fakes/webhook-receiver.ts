// A webhook receiver that checks Standard Webhooks signatures with node:crypto, independently of the worker's
// signer; used by the contract tests (with failure injection) and by `npm run erp-stub`.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { type LocalServer, startLocalServer } from './local-server.ts';

export type ReceivedWebhook = {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  /** The body bytes exactly as received. */
  body: Buffer;
  verified: boolean;
  /** Why verification failed, or 'unchecked' without a secret. */
  problem?: string;
  /** The status this receiver answered. */
  status: number;
};

export type WebhookReceiverOptions = {
  /** `whsec_…`; without it nothing is verified and every event is accepted (the stub's demo mode). */
  secret?: string;
  port?: number;
  /** Answer this status to the first N signed deliveries (default 503). */
  failFirst?: number;
  failStatus?: number;
  /** Probability of answering failStatus to any delivery, with `random` (default Math.random). */
  failRate?: number;
  random?: () => number;
  /** Always answer this status to verified deliveries (e.g. 410), instead of 200. */
  fixedStatus?: number;
  /** While this returns true, every signed delivery gets failStatus (an outage, driven by the test's clock). */
  isDown?: () => boolean;
  /** Wait this long before answering (to provoke a sender's timeout). */
  delayMs?: number;
  /** The receiver's clock in ms (default Date.now). */
  now?: () => number;
  toleranceSeconds?: number;
  /** Called for each delivery after the answer is decided. */
  onDelivery?: (delivery: ReceivedWebhook) => void;
};

export type WebhookReceiver = LocalServer & { received: ReceivedWebhook[] };

/**
 * Standard Webhooks check: HMAC-SHA256 keyed with base64-decode(secret minus "whsec_") over
 * "<webhook-id>.<webhook-timestamp>.<body>", compared with each space-separated "v1,<base64>" signature.
 */
export function verifyStandardWebhook(
  secret: string,
  headers: { id?: string; timestamp?: string; signature?: string },
  body: Buffer,
  nowSeconds: number,
  toleranceSeconds = 300,
): { ok: true } | { ok: false; problem: string } {
  if (!headers.id || !headers.timestamp || !headers.signature)
    return { ok: false, problem: 'missing webhook-* headers' };
  const timestamp = Number.parseInt(headers.timestamp, 10);
  if (!Number.isFinite(timestamp) || String(timestamp) !== headers.timestamp)
    return { ok: false, problem: 'bad timestamp' };
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds)
    return { ok: false, problem: 'timestamp too old or too new' };
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(`${headers.id}.${headers.timestamp}.`, 'utf8'), body]))
    .digest();
  const matches = headers.signature.split(' ').some((entry) => {
    const [version, value] = entry.split(',', 2);
    if (version !== 'v1' || !value) return false;
    const candidate = Buffer.from(value, 'base64');
    return candidate.length === expected.length && timingSafeEqual(candidate, expected);
  });
  return matches ? { ok: true } : { ok: false, problem: 'no signature matches' };
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export async function startWebhookReceiver(options: WebhookReceiverOptions = {}): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let signedDeliveries = 0;
  const server = await startLocalServer(async (request, body, response) => {
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    const delivery: ReceivedWebhook = {
      id: headerValue(request.headers, 'webhook-id'),
      timestamp: headerValue(request.headers, 'webhook-timestamp'),
      signature: headerValue(request.headers, 'webhook-signature'),
      body,
      verified: false,
      status: 200,
    };
    if (options.secret) {
      const nowSeconds = Math.floor((options.now ?? Date.now)() / 1000);
      const check = verifyStandardWebhook(options.secret, delivery, body, nowSeconds, options.toleranceSeconds);
      delivery.verified = check.ok;
      if (!check.ok) {
        delivery.problem = check.problem;
        delivery.status = 401;
      }
    } else {
      delivery.problem = 'unchecked';
    }
    if (delivery.status === 200) {
      signedDeliveries += 1;
      const failStatus = options.failStatus ?? 503;
      if (options.isDown?.()) delivery.status = failStatus;
      else if (options.failFirst !== undefined && signedDeliveries <= options.failFirst) delivery.status = failStatus;
      else if (options.failRate !== undefined && (options.random ?? Math.random)() < options.failRate) {
        delivery.status = failStatus;
      } else if (options.fixedStatus !== undefined) delivery.status = options.fixedStatus;
    }
    received.push(delivery);
    options.onDelivery?.(delivery);
    response.writeHead(delivery.status, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(delivery.status === 200 ? 'ok' : (delivery.problem ?? `status ${delivery.status}`));
  }, options.port);
  return Object.assign(server, { received });
}
