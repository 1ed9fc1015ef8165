import { describe, expect, it } from 'vitest';
import { verifyStandardWebhook } from '../../tests/fakes/webhook-receiver.ts';
import {
  WEBHOOK_SECRET_PREFIX,
  decodeWebhookSecret,
  generateWebhookSecret,
  signWebhook,
  verifyWebhookSignature,
} from './webhook-signature.ts';

// The example of the Standard Webhooks specification and reference libraries.
const SPEC_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const SPEC_ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const SPEC_TIMESTAMP = 1614265330;
const SPEC_BODY = '{"test": 2432232314}';
const SPEC_SIGNATURE = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

describe('signWebhook', () => {
  it('reproduces the Standard Webhooks example signature', async () => {
    expect(await signWebhook([SPEC_SECRET], SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)).toBe(SPEC_SIGNATURE);
  });

  it('signs with both secrets during a rotation, space-separated, each verifiable alone', async () => {
    const next = generateWebhookSecret();
    const header = await signWebhook([next, SPEC_SECRET], SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY);
    const parts = header.split(' ');
    expect(parts).toHaveLength(2);
    expect(parts[1]).toBe(SPEC_SIGNATURE);
    const headers = { id: SPEC_ID, timestamp: String(SPEC_TIMESTAMP), signature: header };
    const body = Buffer.from(SPEC_BODY);
    expect(verifyStandardWebhook(next, headers, body, SPEC_TIMESTAMP)).toEqual({ ok: true });
    expect(verifyStandardWebhook(SPEC_SECRET, headers, body, SPEC_TIMESTAMP)).toEqual({ ok: true });
    expect(verifyStandardWebhook(generateWebhookSecret(), headers, body, SPEC_TIMESTAMP).ok).toBe(false);
  });

  it('refuses to sign without a secret or with a secret that is not base64', async () => {
    await expect(signWebhook([], SPEC_ID, 1, '{}')).rejects.toThrow(/at least one/);
    await expect(signWebhook(['whsec_not base64!'], SPEC_ID, 1, '{}')).rejects.toThrow(/base64/);
  });
});

describe('generateWebhookSecret', () => {
  it('mints whsec_ + base64 of 32 fresh random bytes', () => {
    const first = generateWebhookSecret();
    const second = generateWebhookSecret();
    expect(first.startsWith(WEBHOOK_SECRET_PREFIX)).toBe(true);
    expect(decodeWebhookSecret(first)).toHaveLength(32);
    expect(first).not.toBe(second);
    expect(decodeWebhookSecret(generateWebhookSecret(24))).toHaveLength(24);
  });
});

describe('verifyWebhookSignature', () => {
  const headers = { id: SPEC_ID, timestamp: String(SPEC_TIMESTAMP), signature: SPEC_SIGNATURE };
  const nowMs = SPEC_TIMESTAMP * 1000;

  it('accepts the example, from a string or from the received bytes', async () => {
    expect(await verifyWebhookSignature(SPEC_SECRET, headers, SPEC_BODY, { nowMs })).toEqual({ ok: true });
    expect(await verifyWebhookSignature(SPEC_SECRET, headers, new TextEncoder().encode(SPEC_BODY), { nowMs })).toEqual({
      ok: true,
    });
  });

  it('accepts when any of several signatures matches, ignoring unknown versions', async () => {
    const signature = `v2,abc v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= ${SPEC_SIGNATURE}`;
    expect(await verifyWebhookSignature(SPEC_SECRET, { ...headers, signature }, SPEC_BODY, { nowMs })).toEqual({
      ok: true,
    });
  });

  it('rejects a changed body, id, or a wrong secret', async () => {
    const bad = { ok: false, reason: 'no-matching-signature' };
    expect(await verifyWebhookSignature(SPEC_SECRET, headers, '{"test": 2432232315}', { nowMs })).toEqual(bad);
    expect(await verifyWebhookSignature(SPEC_SECRET, { ...headers, id: 'msg_other' }, SPEC_BODY, { nowMs })).toEqual(
      bad,
    );
    expect(await verifyWebhookSignature(generateWebhookSecret(), headers, SPEC_BODY, { nowMs })).toEqual(bad);
  });

  it('rejects timestamps outside the tolerance and missing headers', async () => {
    const late = { nowMs: nowMs + 301_000 };
    expect(await verifyWebhookSignature(SPEC_SECRET, headers, SPEC_BODY, late)).toEqual({
      ok: false,
      reason: 'timestamp-out-of-tolerance',
    });
    expect(await verifyWebhookSignature(SPEC_SECRET, headers, SPEC_BODY, { ...late, toleranceSeconds: 600 })).toEqual({
      ok: true,
    });
    expect(await verifyWebhookSignature(SPEC_SECRET, { ...headers, signature: null }, SPEC_BODY, { nowMs })).toEqual({
      ok: false,
      reason: 'missing-headers',
    });
    expect(await verifyWebhookSignature(SPEC_SECRET, { ...headers, timestamp: '12e3' }, SPEC_BODY, { nowMs })).toEqual({
      ok: false,
      reason: 'bad-timestamp',
    });
  });
});
