// Standard Webhooks signatures (https://www.standardwebhooks.com/): sign, verify, and mint secrets, with WebCrypto.
import { decodeBase64, encodeBase64 } from '../../shared/crypto/base64.ts';
import { importHmacKey, signHmac, verifyHmac } from '../../shared/crypto/hmac.ts';

export const WEBHOOK_SECRET_PREFIX = 'whsec_';
/** Standard Webhooks asks for 24 to 64 random bytes; 32 matches the HMAC-SHA256 block-size guidance. */
export const WEBHOOK_SECRET_BYTES = 32;
/** Receivers reject a timestamp further than this from their clock, which bounds replays (the spec's 5 minutes). */
export const DEFAULT_TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;
const SIGNATURE_VERSION = 'v1';

export type WebhookSignatureHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

/** `whsec_` followed by the base64 of fresh random bytes, as POST /api/webhooks returns it. */
export function generateWebhookSecret(byteLength = WEBHOOK_SECRET_BYTES): string {
  const bytes = new Uint8Array(byteLength);
  crypto.getRandomValues(bytes);
  return `${WEBHOOK_SECRET_PREFIX}${encodeBase64(bytes)}`;
}

/** The HMAC key of a secret: the base64-decoded part after `whsec_`. Throws on a secret that is not base64. */
export function decodeWebhookSecret(secret: string): Uint8Array {
  const encoded = secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret;
  let key: Uint8Array;
  try {
    key = decodeBase64(encoded);
  } catch {
    throw new TypeError('webhook secret is not base64 after "whsec_"');
  }
  if (key.length === 0) throw new TypeError('webhook secret is empty');
  return key;
}

/**
 * The `webhook-signature` value: one `v1,<base64 HMAC-SHA256("<id>.<timestamp>.<body>")>` per secret,
 * space-separated, so that during a rotation a receiver holding either secret accepts the message.
 */
export async function signWebhook(
  secrets: readonly string[],
  webhookId: string,
  timestampSeconds: number,
  body: string,
): Promise<string> {
  if (secrets.length === 0) throw new TypeError('at least one webhook secret is needed to sign');
  const signed = signedContent(webhookId, String(timestampSeconds), body);
  const signatures = await Promise.all(
    secrets.map(
      async (secret) => `${SIGNATURE_VERSION},${encodeBase64(await signHmac(decodeWebhookSecret(secret), signed))}`,
    ),
  );
  return signatures.join(' ');
}

/** The three Standard Webhooks headers for one attempt. */
export async function createWebhookSignatureHeaders(
  secrets: readonly string[],
  webhookId: string,
  timestampSeconds: number,
  body: string,
): Promise<WebhookSignatureHeaders> {
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': await signWebhook(secrets, webhookId, timestampSeconds, body),
  };
}

export type WebhookVerification =
  | { ok: true }
  | {
      ok: false;
      reason: 'missing-headers' | 'bad-timestamp' | 'timestamp-out-of-tolerance' | 'no-matching-signature';
    };

/**
 * Checks a received webhook against one secret: the timestamp within the tolerance of `nowMs`, and at least one
 * `v1` signature equal (compared in constant time) to ours. `body` must be the bytes exactly as received.
 */
export async function verifyWebhookSignature(
  secret: string,
  headers: { id: string | null; timestamp: string | null; signature: string | null },
  body: string | Uint8Array,
  options: { nowMs: number; toleranceSeconds?: number },
): Promise<WebhookVerification> {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) return { ok: false, reason: 'missing-headers' };
  if (!/^\d+$/.test(timestamp)) return { ok: false, reason: 'bad-timestamp' };
  const tolerance = options.toleranceSeconds ?? DEFAULT_TIMESTAMP_TOLERANCE_SECONDS;
  if (Math.abs(options.nowMs / 1000 - Number(timestamp)) > tolerance) {
    return { ok: false, reason: 'timestamp-out-of-tolerance' };
  }
  const key = await importHmacKey(decodeWebhookSecret(secret));
  const content = signedContent(id, timestamp, body);
  for (const candidate of signature.split(' ')) {
    const comma = candidate.indexOf(',');
    if (comma < 0 || candidate.slice(0, comma) !== SIGNATURE_VERSION) continue;
    let received: Uint8Array;
    try {
      received = decodeBase64(candidate.slice(comma + 1));
    } catch {
      continue;
    }
    if (await verifyHmac(key, content, received)) return { ok: true };
  }
  return { ok: false, reason: 'no-matching-signature' };
}

function signedContent(id: string, timestamp: string, body: string | Uint8Array): Uint8Array {
  const encoder = new TextEncoder();
  const prefix = encoder.encode(`${id}.${timestamp}.`);
  const bodyBytes = typeof body === 'string' ? encoder.encode(body) : body;
  const content = new Uint8Array(prefix.length + bodyBytes.length);
  content.set(prefix, 0);
  content.set(bodyBytes, prefix.length);
  return content;
}
