// The routing scenario table: every routing rule exercised through email() inside workerd, each with its route and reason.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  apiJson,
  buildDsn,
  buildMail,
  deliverEmail,
  findInboundByMessageId,
  uniqueMessageId,
  type TestMail,
} from './helpers.ts';

type Sent = { row: Record<string, any>; rejected: string | null; forwardedTo: string | null; messageId: string };

async function send(mail: TestMail & { envelopeTo: string; envelopeFrom?: string }): Promise<Sent> {
  const messageId = mail.messageId ?? uniqueMessageId('route');
  const result = await deliverEmail(buildMail({ to: mail.envelopeTo, ...mail, messageId }), {
    to: mail.envelopeTo,
    from: mail.envelopeFrom ?? mail.from ?? 'ann@sender.example',
  });
  const rows = await findInboundByMessageId(messageId);
  const row = rows.find((r) => r.envelope_to === mail.envelopeTo.toLowerCase()) ?? rows[0]!;
  return { ...result, row, messageId };
}

async function eventsOf(inboundId: string): Promise<{ type: string; payload: any }[]> {
  const { results } = await env.DB.prepare('SELECT type, payload FROM events WHERE inbound_id = ? ORDER BY id')
    .bind(inboundId)
    .all<{ type: string; payload: string }>();
  return results.map((r) => ({ type: r.type, payload: JSON.parse(r.payload) }));
}

/** Sends a first mail to inbox@ and returns its Message-ID and thread. */
async function startThread(to = 'inbox@example.com', from = 'ann@sender.example') {
  const first = await send({ envelopeTo: to, from });
  expect(first.row.status).toBe('delivered');
  return { messageId: first.messageId, threadId: first.row.thread_id as string };
}

async function outbound(body: Record<string, unknown>) {
  return apiJson('/api/outbound', { method: 'POST', body: JSON.stringify({ domain: 'example.com', ...body }) });
}

beforeAll(async () => {
  const post = (path: string, body: unknown) =>
    apiJson(path, { method: 'POST', body: JSON.stringify(body) }).catch(() => null);
  await post('/api/domains', { name: 'triage.test' });
  await apiJson('/api/domains/triage.test', {
    method: 'PATCH',
    body: JSON.stringify({ unknownRecipientPolicy: 'triage', catchallOnlyPolicy: 'triage', subjectFallback: true }),
  });
  await post('/api/aliases', { address: 'desk@triage.test', action: 'thread' });
  await post('/api/aliases', { address: 'jobs@example.com', action: 'record', model: 'hr.applicant', policy: 'known' });
  await post('/api/aliases', {
    address: 'partners@example.com',
    action: 'record',
    model: 'crm.lead',
    policy: 'authenticated',
    bounceMessage: '5.7.1 Partners only: please use sales@example.com.',
  });
  await post('/api/aliases', {
    address: 'closed@example.com',
    action: 'reject',
    bounceMessage: '5.1.1 This mailbox was closed; write to inbox@example.com.',
  });
  await post('/api/aliases', { address: 'ops@example.com', action: 'forward', forwardTo: 'catchall@acme.odoo.com' });
  await post('/api/aliases', { address: 'erp@example.com', action: 'odoo' });
  await post('/api/domains/example.com/rules', {
    name: 'campaign to sales',
    matchHeaderName: 'X-Campaign',
    matchHeaderValue: '^fair2026$',
    action: 'route',
    alias: 'sales@example.com',
    stop: true,
  });
  await post('/api/domains/example.com/rules', {
    name: 'tag campaign',
    matchHeaderName: 'X-Campaign',
    action: 'tag',
    tag: 'campaign',
  });
  await post('/api/domains/example.com/rules', {
    name: 'urgent',
    matchSubject: '\\[urgent\\]',
    action: 'tag',
    tag: 'urgent',
  });
  await post('/api/domains/example.com/rules', { name: 'spammer', matchSender: '@spammer\\.test$', action: 'drop' });
  await post('/api/domains/example.com/rules', { name: 'promo is spam', matchRecipient: '^promo@', action: 'spam' });
});

describe('recipients and aliases', () => {
  it('1. new mail to a thread alias starts a thread', async () => {
    const sent = await send({ envelopeTo: 'inbox@example.com' });
    expect(sent.row).toMatchObject({ status: 'delivered', route: 'alias', reason: 'alias inbox@ → new thread' });
    expect((await eventsOf(sent.row.id)).map((e) => e.type)).toEqual(['thread.created', 'message.received']);
  });

  it('2. new mail to a record alias requests a record with the alias model and values', async () => {
    const sent = await send({
      envelopeTo: 'sales@example.com',
      subject: 'Need 40 chairs',
      text: 'Hello, 40 chairs please.',
    });
    expect(sent.row.reason).toBe('alias sales@ → crm.lead');
    const record = (await eventsOf(sent.row.id)).find((e) => e.type === 'record.requested')!;
    expect(record.payload.model).toBe('crm.lead');
    expect(record.payload.values).toMatchObject({
      name: 'Need 40 chairs',
      email_from: 'ann@sender.example',
      description: 'Hello, 40 chairs please.',
    });
    const thread = await apiJson(`/api/threads/${sent.row.thread_id}`);
    expect(thread.record).toBeNull();
  });

  it('3. a subaddress tag is kept as a tag', async () => {
    const sent = await send({ envelopeTo: 'sales+fair2026@example.com' });
    expect(sent.row.reason).toBe('alias sales@ → crm.lead');
    expect(JSON.parse(sent.row.tags)).toEqual(['fair2026']);
  });

  it('4. recipients match case-insensitively', async () => {
    const sent = await send({ envelopeTo: 'SALES@Example.COM' });
    expect(sent.row.reason).toBe('alias sales@ → crm.lead');
  });

  it('5. an unknown recipient is rejected with 5.1.1', async () => {
    const sent = await send({ envelopeTo: 'nobody@example.com' });
    expect(sent.row).toMatchObject({ status: 'rejected', route: 'rejected' });
    expect(sent.rejected).toMatch(/^5\.1\.1 <nobody@example\.com>: no such recipient/);
  });

  it('6. an unknown recipient is kept for triage where the domain says so', async () => {
    const sent = await send({ envelopeTo: 'nobody@triage.test' });
    expect(sent.row).toMatchObject({ status: 'delivered', route: 'triage' });
    expect(sent.rejected).toBeNull();
  });

  it('7. mail for a domain that is not configured is kept for triage, never lost', async () => {
    const sent = await send({ envelopeTo: 'someone@unconfigured.test' });
    expect(sent.row).toMatchObject({ status: 'delivered', route: 'triage' });
    expect(sent.row.reason).toMatch(/not configured/);
  });

  it('8. a reject alias answers 550 with its own text', async () => {
    const sent = await send({ envelopeTo: 'closed@example.com' });
    expect(sent.row.status).toBe('rejected');
    expect(sent.rejected).toBe('5.1.1 This mailbox was closed; write to inbox@example.com.');
  });

  it('9. a forward alias passes the mail on to its verified destination', async () => {
    const sent = await send({ envelopeTo: 'ops@example.com' });
    expect(sent.row.reason).toBe('alias ops@ → forward to catchall@acme.odoo.com');
    expect(sent.forwardedTo).toBe('catchall@acme.odoo.com');
  });

  it('10. an odoo alias hands the raw mail over through the outbox', async () => {
    const sent = await send({ envelopeTo: 'erp@example.com' });
    expect(sent.row.reason).toBe('alias erp@ → Odoo message_process');
    expect((await eventsOf(sent.row.id)).map((e) => e.type)).toContain('odoo.handoff');
  });
});

describe('thread matching', () => {
  it('11. a reply with In-Reply-To joins its thread', async () => {
    const { messageId, threadId } = await startThread();
    const sent = await send({ envelopeTo: 'catchall@example.com', inReplyTo: messageId });
    expect(sent.row).toMatchObject({
      route: 'thread',
      thread_id: threadId,
      reason: `reply to <${messageId}> in thread ${threadId}`,
    });
  });

  it('12. a reply with only References joins its thread', async () => {
    const { messageId, threadId } = await startThread();
    const sent = await send({ envelopeTo: 'catchall@example.com', references: [messageId, uniqueMessageId('x')] });
    expect(sent.row.thread_id).toBe(threadId);
  });

  it('13. only the last 32 References are considered', async () => {
    const { messageId } = await startThread();
    const filler = Array.from({ length: 32 }, (_, i) => uniqueMessageId(`f${i}`));
    const sent = await send({ envelopeTo: 'catchall@example.com', references: [messageId, ...filler] });
    expect(sent.row.route).toBe('rejected');
    expect(sent.row.reason).toBe('only to catchall@, no thread: bounced');
  });

  it('14. the signed reply address of an outbound mail finds the thread without any References', async () => {
    const out = await outbound({
      to: ['carl@customer.example'],
      subject: 'Your quote',
      record: { model: 'sale.order', id: '17' },
    });
    expect(out.replyTo).toMatch(/^catchall\+r[0-9a-z]+@example\.com$/);
    const sent = await send({ envelopeTo: out.replyTo, from: 'carl@customer.example', subject: 'Re: Your quote' });
    expect(sent.row).toMatchObject({ route: 'thread', thread_id: out.threadId });
    expect(sent.row.reason).toBe(`signed reply address in thread ${out.threadId}`);
    const thread = await apiJson(`/api/threads/${out.threadId}`);
    expect(thread.record).toEqual({ model: 'sale.order', id: '17' });
  });

  it('15. a forged reply token never matches', async () => {
    const sent = await send({ envelopeTo: 'catchall+r01m7zd4nybk2zrse1zyewz2x7jabcdefghjk@example.com' });
    expect(sent.row.route).toBe('rejected');
  });

  it('16. an altered reply token never matches', async () => {
    const out = await outbound({ to: ['dora@customer.example'], subject: 'Offer' });
    const [local, domain] = out.replyTo.split('@');
    const last = local.at(-1);
    const altered = `${local.slice(0, -1)}${last === 'a' ? 'b' : 'a'}@${domain}`;
    const sent = await send({ envelopeTo: altered });
    expect(sent.row.route).toBe('rejected');
    expect(sent.row.thread_id).toBeNull();
  });

  it('17. a valid token wins over References pointing elsewhere', async () => {
    const other = await startThread();
    const out = await outbound({ to: ['eve@customer.example'], subject: 'Token wins' });
    const sent = await send({ envelopeTo: out.replyTo, inReplyTo: other.messageId });
    expect(sent.row.thread_id).toBe(out.threadId);
  });

  it('18. a reply to the Message-ID minted by /api/outbound joins that thread', async () => {
    const out = await outbound({ to: ['fay@customer.example'], subject: 'Delivery date' });
    const sent = await send({ envelopeTo: 'catchall@example.com', inReplyTo: out.messageId });
    expect(sent.row.thread_id).toBe(out.threadId);
  });

  it('19. a reply that arrives before its parent still ends up with it', async () => {
    const parentId = uniqueMessageId('parent');
    const child = await send({ envelopeTo: 'inbox@example.com', references: [parentId], inReplyTo: parentId });
    const parent = await send({ envelopeTo: 'inbox@example.com', messageId: parentId });
    expect(parent.row.thread_id).toBe(child.row.thread_id);
  });

  it('20. Message-IDs never match across domains', async () => {
    const { messageId } = await startThread();
    const sent = await send({ envelopeTo: 'catchall@triage.test', inReplyTo: messageId });
    expect(sent.row.route).toBe('triage');
  });

  it('21. a reply token of another domain does not match', async () => {
    const out = await outbound({ to: ['gus@customer.example'], subject: 'Cross', domain: 'example.com' });
    const token = out.replyTo.split('@')[0].split('+')[1];
    const sent = await send({ envelopeTo: `catchall+${token}@triage.test` });
    expect(sent.row.route).toBe('triage');
  });

  it('22. the subject fallback joins a recent thread of a known sender when enabled', async () => {
    const first = await send({
      envelopeTo: 'desk@triage.test',
      from: 'hal@customer.example',
      subject: 'Broken pallet',
    });
    const sent = await send({
      envelopeTo: 'catchall@triage.test',
      from: 'hal@customer.example',
      subject: 'RE: AW: Broken pallet',
    });
    expect(sent.row).toMatchObject({ route: 'thread', thread_id: first.row.thread_id });
    expect(sent.row.reason).toMatch(/same subject, known sender/);
  });

  it('23. the subject fallback ignores strangers', async () => {
    await send({ envelopeTo: 'desk@triage.test', from: 'ida@customer.example', subject: 'Invoice 991' });
    const sent = await send({
      envelopeTo: 'catchall@triage.test',
      from: 'stranger@elsewhere.example',
      subject: 'Re: Invoice 991',
    });
    expect(sent.row.route).toBe('triage');
  });

  it('24. the subject fallback is off by default', async () => {
    await send({ envelopeTo: 'inbox@example.com', from: 'jay@customer.example', subject: 'Pallets' });
    const sent = await send({
      envelopeTo: 'catchall@example.com',
      from: 'jay@customer.example',
      subject: 'Re: Pallets',
    });
    expect(sent.row.route).toBe('rejected');
  });
});

describe('catchall and forwards', () => {
  it('25. mail only to catchall that matches no thread is bounced with an explanation', async () => {
    const sent = await send({ envelopeTo: 'catchall@example.com' });
    expect(sent.row).toMatchObject({ status: 'rejected', reason: 'only to catchall@, no thread: bounced' });
    expect(sent.rejected).toMatch(/^5\.1\.1 This address only accepts replies/);
  });

  it('26. catchall-only mail is kept for triage where the domain says so', async () => {
    const sent = await send({ envelopeTo: 'catchall@triage.test' });
    expect(sent.row).toMatchObject({ status: 'delivered', route: 'triage' });
  });

  it('27. a reply sent to an alias of the same model joins the thread', async () => {
    const lead = await send({ envelopeTo: 'sales@example.com' });
    const sent = await send({ envelopeTo: 'sales@example.com', inReplyTo: lead.messageId });
    expect(sent.row).toMatchObject({ route: 'thread', thread_id: lead.row.thread_id });
  });

  it('28. a reply also sent to an alias of another model is a forward: a new record', async () => {
    const lead = await send({ envelopeTo: 'sales@example.com' });
    const sent = await send({ envelopeTo: 'support@example.com', inReplyTo: lead.messageId });
    expect(sent.row.route).toBe('alias');
    expect(sent.row.thread_id).not.toBe(lead.row.thread_id);
    expect(sent.row.reason).toMatch(/^forward to alias support@ → helpdesk\.ticket: a new record/);
    expect((await eventsOf(sent.row.id)).map((e) => e.type)).toContain('record.requested');
  });

  it('29. the catchall copy of such a forward is not filed in the old thread', async () => {
    const lead = await send({ envelopeTo: 'sales@example.com' });
    const sent = await send({
      envelopeTo: 'catchall@example.com',
      inReplyTo: lead.messageId,
      extraHeaders: ['Cc: support@example.com'],
    });
    expect(sent.row.route).toBe('duplicate');
    expect(sent.row.reason).toMatch(/also addressed to support@/);
  });

  it('30. a new mail to catchall and an alias is routed by the alias copy', async () => {
    const sent = await send({ envelopeTo: 'catchall@example.com', extraHeaders: ['Cc: Sales <sales@example.com>'] });
    expect(sent.row).toMatchObject({ status: 'delivered', route: 'duplicate' });
  });

  it('31. a redelivered rejected message is rejected again', async () => {
    const messageId = uniqueMessageId('again');
    const raw = buildMail({ messageId, to: 'nobody@example.com' });
    const first = await deliverEmail(raw, { to: 'nobody@example.com' });
    const second = await deliverEmail(raw, { to: 'nobody@example.com' });
    expect(first.rejected).toMatch(/^5\.1\.1/);
    expect(second.rejected).toBe(first.rejected);
    expect(await findInboundByMessageId(messageId)).toHaveLength(1);
  });
});

describe('contact policies', () => {
  it('32. "authenticated" refuses an unauthenticated sender with the alias text', async () => {
    const sent = await send({ envelopeTo: 'partners@example.com', from: 'ceo@example.com' });
    expect(sent.row.status).toBe('rejected');
    expect(sent.rejected).toBe('5.7.1 Partners only: please use sales@example.com.');
    expect(sent.row.reason).toMatch(/policy authenticated/);
  });

  it('33. "known" refuses a stranger', async () => {
    const sent = await send({ envelopeTo: 'jobs@example.com', from: 'stranger@elsewhere.example' });
    expect(sent.row.status).toBe('rejected');
    expect(sent.rejected).toMatch(/^5\.7\.1 <jobs@example\.com>: the alias accepts only authenticated senders/);
  });

  it('34. "known" also needs authentication: a registered contact alone is not enough', async () => {
    await outbound({ to: ['kim@candidate.example'], subject: 'Interview' });
    const sent = await send({ envelopeTo: 'jobs@example.com', from: 'kim@candidate.example' });
    expect(sent.row.status).toBe('rejected');
  });

  it('35. "everyone" accepts anyone', async () => {
    const sent = await send({ envelopeTo: 'support@example.com', from: 'anyone@anywhere.example' });
    expect(sent.row).toMatchObject({ status: 'delivered', route: 'alias' });
  });
});

describe('rules', () => {
  it('36. a tag rule adds its tag and routing goes on', async () => {
    const sent = await send({ envelopeTo: 'inbox@example.com', subject: 'Pump down [urgent]' });
    expect(sent.row.reason).toBe('alias inbox@ → new thread');
    expect(JSON.parse(sent.row.tags)).toEqual(['urgent']);
  });

  it('37. a drop rule keeps the mail as rejected without answering the sender', async () => {
    const sent = await send({ envelopeTo: 'inbox@example.com', from: 'bulk@spammer.test' });
    expect(sent.row).toMatchObject({ status: 'rejected', route: 'dropped', reason: 'dropped by rule "spammer"' });
    expect(sent.rejected).toBeNull();
  });

  it('38. a route rule sends the mail to its alias and says which rule did it', async () => {
    const sent = await send({ envelopeTo: 'inbox@example.com', extraHeaders: ['X-Campaign: fair2026'] });
    expect(sent.row.reason).toBe('alias sales@ → crm.lead (rule "campaign to sales")');
  });

  it('39. rules run in order and "stop" ends them: the later tag rule does not apply', async () => {
    const stopped = await send({ envelopeTo: 'inbox@example.com', extraHeaders: ['X-Campaign: fair2026'] });
    expect(JSON.parse(stopped.row.tags)).toEqual([]);
    const other = await send({ envelopeTo: 'inbox@example.com', extraHeaders: ['X-Campaign: spring'] });
    expect(JSON.parse(other.row.tags)).toEqual(['campaign']);
    expect(other.row.reason).toBe('alias inbox@ → new thread');
  });

  it('40. a spam rule marks the message (the verdict travels with it)', async () => {
    const sent = await send({ envelopeTo: 'promo@example.com' });
    // promo@ is no alias: the rule marks it, the unknown-recipient policy then rejects it.
    expect(sent.row.status).toBe('rejected');
  });
});

describe('bounces, auto-replies, followers', () => {
  it('41. mail to the bounce address goes to bounce processing', async () => {
    const sent = await send({ envelopeTo: 'bounce@example.com', envelopeFrom: '' });
    expect(sent.row.route).toBe('bounce');
  });

  it('42. a delivery status notification to an alias is a bounce, never a new lead', async () => {
    const messageId = uniqueMessageId('dsn');
    // The report quotes a mail mailgate sent to that address: it is earned, so it also counts.
    const sent = await outbound({ to: ['gone@customer.example'], subject: 'Your quote' });
    const dsn = buildDsn({
      to: 'sales@example.com',
      messageId,
      recipient: 'gone@customer.example',
      status: '5.1.1',
      diagnostic: '550 5.1.1 <gone@customer.example>: Recipient address rejected: User unknown',
      originalMessageId: sent.messageId,
    });
    await deliverEmail(dsn, { to: 'sales@example.com', from: '' });
    const [row] = await findInboundByMessageId(messageId);
    expect(row).toMatchObject({ route: 'bounce', kind: 'bounce' });
    // A permanent userunknown also suppresses the address at once (the suppression policy).
    expect((await eventsOf(row!.id)).map((e) => e.type)).toEqual(['bounce.recorded', 'recipient.suppressed']);
  });

  it('43. an auto-reply to a record alias creates no record', async () => {
    const sent = await send({
      envelopeTo: 'sales@example.com',
      extraHeaders: ['Auto-Submitted: auto-replied'],
      subject: 'Out of office',
    });
    expect(sent.row).toMatchObject({ route: 'triage', kind: 'auto-reply' });
    expect(await eventsOf(sent.row.id)).toEqual([]);
  });

  it('44. an auto-reply in a thread is filed there', async () => {
    const { messageId, threadId } = await startThread();
    const sent = await send({
      envelopeTo: 'catchall@example.com',
      inReplyTo: messageId,
      extraHeaders: ['Auto-Submitted: auto-replied'],
      subject: 'Automatic reply: away',
    });
    expect(sent.row).toMatchObject({ route: 'thread', thread_id: threadId, kind: 'auto-reply' });
  });

  it("45. a reply's message.received event lists the thread's followers", async () => {
    const out = await outbound({ to: ['lea@customer.example'], cc: ['max@customer.example'], subject: 'Followers' });
    const sent = await send({ envelopeTo: out.replyTo, from: 'lea@customer.example' });
    const received = (await eventsOf(sent.row.id)).find((e) => e.type === 'message.received')!;
    expect(received.payload.followers).toEqual(
      expect.arrayContaining(['lea@customer.example', 'max@customer.example']),
    );
    const thread = await apiJson(`/api/threads/${out.threadId}`);
    expect(thread.followers).toEqual(expect.arrayContaining(['lea@customer.example', 'max@customer.example']));
  });

  it('46. the inbound log answers "where did this mail go, and why?"', async () => {
    const sent = await send({ envelopeTo: 'sales@example.com' });
    const item = await apiJson(`/api/inbound/${sent.row.id}`);
    expect(item).toMatchObject({
      route: 'alias',
      reason: 'alias sales@ → crm.lead',
      threadId: sent.row.thread_id,
      status: 'delivered',
    });
  });
});

describe('replay', () => {
  it('47. a replayed alias mail is routed afresh: the empty thread it left is gone, counts stay true', async () => {
    const sent = await send({ envelopeTo: 'sales@example.com' });
    const firstThread = sent.row.thread_id as string;
    const replayed = await apiJson(`/api/inbound/${sent.row.id}/replay`, { method: 'POST' });
    expect(replayed).toMatchObject({ status: 'delivered', route: 'alias', reason: 'alias sales@ → crm.lead' });
    expect(replayed.threadId).not.toBe(firstThread);
    expect((await api(`/api/threads/${firstThread}`)).status).toBe(404);
    const thread = await apiJson(`/api/threads/${replayed.threadId}`);
    expect(thread.messages).toHaveLength(1);
    expect(thread.messageCount).toBe(1);
    expect((await eventsOf(sent.row.id)).filter((e) => e.type === 'record.requested')).toHaveLength(2);
  });

  it('48. once the ERP linked the thread to a record, a replay files the mail back into it, never a second record', async () => {
    const sent = await send({ envelopeTo: 'sales@example.com' });
    const threadId = sent.row.thread_id as string;
    await apiJson(`/api/threads/${threadId}`, {
      method: 'PATCH',
      body: JSON.stringify({ record: { model: 'crm.lead', id: '4711' } }),
    });
    const replayed = await apiJson(`/api/inbound/${sent.row.id}/replay`, { method: 'POST' });
    expect(replayed).toMatchObject({ status: 'delivered', route: 'thread', threadId });
    expect(replayed.reason).toMatch(/its own Message-ID <.+> is already known/);
    const thread = await apiJson(`/api/threads/${threadId}`);
    expect(thread.messages).toHaveLength(1);
    expect(thread.messageCount).toBe(1);
    expect((await eventsOf(sent.row.id)).filter((e) => e.type === 'record.requested')).toHaveLength(1);
  });
});
