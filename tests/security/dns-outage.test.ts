// Fail closed on transient doubt: while DNS cannot answer, authentication is undecided, so the sender is told to
// retry (email() throws): never a permanent 550, never a pass; after the attempt cap the message is held.
import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import { buildPlainMail } from '../generators/big-mail.ts';
import { apiJson, deliverEmail, findInboundByRaw, uniqueMessageId, type DeliveryResult } from '../worker/helpers.ts';

/** The worker's DNS-over-HTTPS endpoint in the tests (vitest.worker.config.ts). */
const DOH_HOST = 'doh.test';
const realFetch = globalThis.fetch;

/** Every DNS query answers SERVFAIL (RFC 1035 4.1.1 RCODE 2), as during a resolver outage. */
function startDnsOutage(): void {
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.host !== DOH_HOST) return realFetch(input, init);
    return new Response(JSON.stringify({ Status: 2 }), { headers: { 'content-type': 'application/dns-json' } });
  };
}

function endDnsOutage(): void {
  globalThis.fetch = realFetch;
}

afterEach(endDnsOutage);

/** Delivers as a sending MTA does during an outage: each temporary failure is retried, up to `maxTries`. */
async function deliverWithRetries(raw: string, envelope: { from: string; to: string }, maxTries = 30) {
  let temporaryFailures = 0;
  for (let i = 0; i < maxTries; i++) {
    try {
      const result: DeliveryResult = await deliverEmail(raw, envelope);
      return { result, temporaryFailures };
    } catch {
      temporaryFailures++;
    }
  }
  throw new Error(`still failing temporarily after ${maxTries} tries`);
}

async function messagesFiled(messageId: string): Promise<number> {
  const row = await env.DB.prepare('SELECT COUNT(*) AS n FROM messages WHERE message_id = ?')
    .bind(messageId)
    .first<{ n: number }>();
  return row!.n;
}

describe('a DNS outage during authentication', () => {
  it('makes an `authenticated` alias ask the sender to retry, never a 550; after the attempt cap the mail is held', async () => {
    const local = `partners-${crypto.randomUUID().slice(0, 8)}`;
    await apiJson('/api/aliases', {
      method: 'POST',
      body: JSON.stringify({
        address: `${local}@example.com`,
        action: 'record',
        model: 'res.partner',
        policy: 'authenticated',
      }),
    });
    const messageId = uniqueMessageId('outage-alias');
    const envelope = { from: 'ann@outage-sender.example', to: `${local}@example.com` };
    const raw = buildPlainMail({ messageId, from: envelope.from, to: envelope.to });

    startDnsOutage();
    await expect(deliverEmail(raw, envelope)).rejects.toThrow(/DNS|temperror|authentic/i);
    const [pending] = await findInboundByRaw(raw);
    expect(pending).toMatchObject({ status: 'pending' });
    expect(pending!.last_error).toMatch(/temperror/);

    const { result, temporaryFailures } = await deliverWithRetries(raw, envelope);
    expect(result.rejected).toBeNull();
    expect(temporaryFailures).toBeGreaterThan(0);
    const [held] = await findInboundByRaw(raw);
    expect(held).toMatchObject({ status: 'delivered', route: 'quarantine' });
    expect(held!.reason).toMatch(/authentication could not be completed/);
    expect(held!.attempts).toBeGreaterThan(temporaryFailures);
    expect(await messagesFiled(messageId)).toBe(0);
  });

  it('never delivers a spoofed mail from a p=reject domain: retried during the outage, held once DNS answers', async () => {
    const messageId = uniqueMessageId('outage-spoof');
    const envelope = { from: 'ceo@reject-policy.example', to: 'inbox@example.com' };
    const raw = buildPlainMail({ messageId, from: envelope.from, subject: 'Urgent wire transfer' });

    startDnsOutage();
    await expect(deliverEmail(raw, envelope)).rejects.toThrow();
    await expect(deliverEmail(raw, envelope)).rejects.toThrow();
    expect(await messagesFiled(messageId)).toBe(0);
    const [during] = await findInboundByRaw(raw);
    expect(during!.status).not.toBe('delivered');

    endDnsOutage();
    const result = await deliverEmail(raw, envelope);
    expect(result.rejected).toBeNull();
    const [after] = await findInboundByRaw(raw);
    expect(after).toMatchObject({ status: 'delivered', route: 'quarantine' });
    expect(after!.reason).toMatch(/DMARC fail for reject-policy\.example/);
    expect(await messagesFiled(messageId)).toBe(0);
  });
});
