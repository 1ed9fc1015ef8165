// Replies forwarded to the thread's followers (verified addresses only), a
// forward alias's verdict headers, and a failed forward() that is redone by the sender's retry instead of lost.
// The worker runs with MAILGATE_VERIFIED_DESTINATIONS = "max@customer.example, Zoe@Partner.example, catchall@acme.odoo.com".
import { beforeAll, describe, expect, it } from 'vitest';
import { api, apiJson, buildMail, deliverEmail, findInboundByMessageId, uniqueMessageId } from './helpers.ts';

const DOMAIN = 'follow.test';

async function startOutboundThread(to: string[], cc: string[] = []) {
  return apiJson<{ replyTo: string; threadId: string; messageId: string }>('/api/outbound', {
    method: 'POST',
    body: JSON.stringify({ domain: DOMAIN, to, cc, subject: 'Quote 2026-114' }),
  });
}

async function reply(envelopeTo: string, from: string, options: { failForwardTo?: string; messageId?: string } = {}) {
  const messageId = options.messageId ?? uniqueMessageId('fwd');
  const raw = buildMail({ to: envelopeTo, from, messageId, subject: 'Re: Quote 2026-114', text: 'Fine by me.' });
  const result = await deliverEmail(raw, { to: envelopeTo, from }, options);
  const [row] = await findInboundByMessageId(messageId);
  return { ...result, row: row!, messageId, raw };
}

beforeAll(async () => {
  await apiJson('/api/domains', { method: 'POST', body: JSON.stringify({ name: DOMAIN }) });
  await apiJson(`/api/domains/${DOMAIN}`, {
    method: 'PATCH',
    body: JSON.stringify({ forwardRepliesToFollowers: true }),
  });
  await apiJson('/api/domains', { method: 'POST', body: JSON.stringify({ name: 'nofollow.test' }) });
});

describe('forwarding replies to followers', () => {
  it('forwards a reply to each verified follower, never to its author or an unverified address', async () => {
    // lea is not verified; max is; zoe is verified with other letter case; the author (max, later) gets no copy.
    const out = await startOutboundThread(['lea@customer.example', 'max@customer.example'], ['zoe@partner.example']);
    const sent = await reply(out.replyTo, 'lea@customer.example');
    expect(sent.row).toMatchObject({ status: 'delivered', route: 'thread', thread_id: out.threadId });
    expect(sent.forwards.map((forward) => forward.to)).toEqual(['max@customer.example', 'zoe@partner.example']);
    const item = await apiJson(`/api/inbound/${sent.row.id}`);
    expect(item.forwardTo).toEqual(['max@customer.example', 'zoe@partner.example']);
    expect(Date.parse(item.forwardedAt)).toBeGreaterThan(0);

    const second = await reply(out.replyTo, 'max@customer.example');
    expect(second.forwards.map((forward) => forward.to)).toEqual(['zoe@partner.example']);
  });

  it("carries mailgate's verdict as X- headers only", async () => {
    const out = await startOutboundThread(['max@customer.example']);
    const sent = await reply(out.replyTo, 'lea@customer.example');
    const headers = sent.forwards[0]!.headers;
    expect(Object.keys(headers).every((name) => /^x-/i.test(name))).toBe(true);
    expect(headers['x-mailgate-inbound-id']).toBe(sent.row.id);
    expect(headers['x-mailgate-kind']).toBe('mail');
    // No authenticator runs in this harness's DoH zone for customer.example: the verdict is still spelled out.
    expect(headers['x-mailgate-auth']).toMatch(/^spf=\w+ dkim=\w+ dmarc=\w+ arc=\w+$/);
    expect(headers['x-mailgate-reason']).toMatch(/thread/);
  });

  it('does not forward on a domain that did not ask for it', async () => {
    const out = await apiJson<{ replyTo: string }>('/api/outbound', {
      method: 'POST',
      body: JSON.stringify({ domain: 'nofollow.test', to: ['max@customer.example'], subject: 'Hello' }),
    });
    const sent = await reply(out.replyTo, 'lea@customer.example');
    expect(sent.row.status).toBe('delivered');
    expect(sent.forwards).toEqual([]);
    expect((await apiJson(`/api/inbound/${sent.row.id}`)).forwardTo).toEqual([]);
  });

  it('a failed forward() fails the delivery (the sender retries) and the retry forwards again', async () => {
    const out = await startOutboundThread(['max@customer.example', 'zoe@partner.example']);
    const messageId = uniqueMessageId('fwd-retry');
    await expect(
      reply(out.replyTo, 'lea@customer.example', { failForwardTo: 'zoe@partner.example', messageId }),
    ).rejects.toThrow(/not verified/);
    const [afterFailure] = await findInboundByMessageId(messageId);
    // Filed once, the forward still owed.
    expect(afterFailure).toMatchObject({ status: 'delivered', forwarded_at: null });

    const retried = await reply(out.replyTo, 'lea@customer.example', { messageId });
    expect(retried.forwards.map((forward) => forward.to)).toEqual(['max@customer.example', 'zoe@partner.example']);
    expect(await findInboundByMessageId(messageId)).toHaveLength(1);
    expect(retried.row.forwarded_at).toBeGreaterThan(0);
    const thread = await apiJson(`/api/threads/${out.threadId}`);
    expect(
      thread.messages.filter((message: { messageId: string | null }) => message.messageId === messageId),
    ).toHaveLength(1);

    // Once done, a further redelivery of the same bytes forwards nothing.
    const again = await reply(out.replyTo, 'lea@customer.example', { messageId });
    expect(again.forwards).toEqual([]);
  });
});

describe('forward aliases', () => {
  it('refuses a destination the Cloudflare account has not verified', async () => {
    const response = await api('/api/aliases', {
      method: 'POST',
      body: JSON.stringify({ address: `relay@${DOMAIN}`, action: 'forward', forwardTo: 'someone@elsewhere.example' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 'invalid_input', message: expect.stringMatching(/not a verified destination/) },
    });
    const created = await apiJson('/api/aliases', {
      method: 'POST',
      body: JSON.stringify({ address: `relay@${DOMAIN}`, action: 'forward', forwardTo: 'Catchall@acme.odoo.com' }),
    });
    // Verified addresses compare without regard to case, as Cloudflare's list does.
    expect(created.forwardTo).toBe('Catchall@acme.odoo.com');
  });
});
