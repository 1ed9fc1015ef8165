// Sending through the gateway, inside workerd: POST /api/send → outbox → the simulated `send_email` binding, with the
// exact message handed to it checked, the outgoing message on its thread, replies joining it, suppressed recipients
// refused, idempotency, the Email Service's limits and the daily cap.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSecrets, verifyAddressToken } from '../../shared/mail/tokens.ts';
import { consumeEmailSendingEvents } from '../../worker/outgoing/email-events.ts';
import { createDatabase } from '../../worker/store/db.ts';
import { apiJson, buildMail, deliverEmail, uniqueMessageId } from './helpers.ts';
import {
  bindingError,
  callSendApi,
  createRecordingBinding,
  createRecordingQueue,
  drainQueue,
  eventsOfType,
  suppress,
} from './send-support.ts';

const DOMAIN_ID = 'dom_test_example';
const SECRETS = parseSecrets('test-reply-token-secret');
const PDF = new TextEncoder().encode('%PDF-1.4\n% quotation 42\n');

function base64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

let counter = 0;
function uniqueAddress(label: string): string {
  counter += 1;
  return `${label}.${Date.now().toString(36)}${counter}@customer.example`;
}

function sendBody(overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    from: { address: 'sales@example.com', name: 'Acme Sales' },
    to: [{ address: 'ann@customer.example', name: 'Ann' }],
    subject: 'Your quotation S00042',
    text: 'Dear Ann, please find the quotation attached.',
    html: '<p>Dear Ann, please find the quotation attached.</p>',
    ...overrides,
  };
}

async function postSend(queue = createRecordingQueue(), body: unknown, key = crypto.randomUUID(), token?: string) {
  const response = await callSendApi(queue, '/api/send', {
    method: 'POST',
    headers: { 'idempotency-key': key },
    body: JSON.stringify(body),
    ...(token ? { token } : {}),
  });
  return { response, queue, key };
}

describe('POST /api/send through the simulated send_email binding', () => {
  const queue = createRecordingQueue();
  const recorder = createRecordingBinding();
  const key = crypto.randomUUID();
  const body = sendBody({
    to: [{ address: 'ann@customer.example', name: 'Ann' }],
    cc: ['bob@customer.example'],
    bcc: ['archive@partner.example'],
    headers: { 'X-Odoo-Objects': 'sale.order-42', 'List-Unsubscribe': '<mailto:unsubscribe@example.com>' },
    attachments: [{ filename: 'S00042.pdf', type: 'application/pdf', content: base64(PDF) }],
    record: { model: 'sale.order', id: `42-${crypto.randomUUID().slice(0, 6)}` },
  });
  let sent: { messageId: string; threadId: string; sendId: string; refused: unknown[]; replyTo: string };

  beforeAll(async () => {
    const { response } = await postSend(queue, body, key);
    expect(response.status).toBe(202);
    sent = (await response.json()) as any;
    await drainQueue(queue, recorder.binding);
  });

  it("hands the binding exactly the message asked for, with the signed Reply-To and mailgate's Message-ID", async () => {
    expect(recorder.handed).toHaveLength(1);
    const [handed] = recorder.handed;
    const replyTo = handed!.replyTo as { email: string; name: string };
    expect(handed).toEqual({
      from: { email: 'sales@example.com', name: 'Acme Sales' },
      to: [{ email: 'ann@customer.example', name: 'Ann' }],
      cc: ['bob@customer.example'],
      bcc: ['archive@partner.example'],
      replyTo: { email: replyTo.email, name: 'Acme Sales' },
      subject: 'Your quotation S00042',
      text: 'Dear Ann, please find the quotation attached.',
      html: '<p>Dear Ann, please find the quotation attached.</p>',
      headers: {
        'X-Odoo-Objects': 'sale.order-42',
        'List-Unsubscribe': '<mailto:unsubscribe@example.com>',
        'X-Mailgate-Message-Id': `<${sent.messageId}>`,
      },
      attachments: [
        { content: base64(PDF), filename: 'S00042.pdf', type: 'application/pdf', disposition: 'attachment' },
      ],
    });
    // catchall+<token>@example.com, and the token names this very thread.
    const match = replyTo.email.match(/^catchall\+([a-z0-9]+)@example\.com$/);
    expect(match).not.toBeNull();
    expect(await verifyAddressToken('reply', match![1]!, SECRETS)).toBe(sent.threadId);
    expect(sent.replyTo).toBe(replyTo.email);
    expect(sent.messageId).toMatch(/@example\.com$/);
    expect(sent.refused).toEqual([]);
  });

  it('records the outgoing message on its thread with every recipient, and the id the Email Service gave it', async () => {
    const status = await apiJson(`/api/send/${sent.sendId}`);
    const returned = recorder.results[0]!.messageId.replace(/^<|>$/g, '');
    expect(status).toMatchObject({
      status: 'sent',
      messageId: sent.messageId,
      sentMessageId: returned,
      threadId: sent.threadId,
      lastError: null,
    });
    const thread = await apiJson(`/api/threads/${sent.threadId}`);
    expect(thread.record).toEqual(body.record);
    expect(thread.messages).toHaveLength(1);
    expect(thread.messages[0]).toMatchObject({
      direction: 'outbound',
      messageId: sent.messageId,
      from: { address: 'sales@example.com', name: 'Acme Sales' },
      to: [{ address: 'ann@customer.example', name: 'Ann' }],
      subject: 'Your quotation S00042',
    });
    expect(thread.messages[0].attachments.map((a: any) => a.filename)).toEqual(['S00042.pdf']);
    // To and Cc follow the thread; a blind copy does not.
    expect([...thread.followers].sort()).toEqual(['ann@customer.example', 'bob@customer.example']);
    const row = await env.DB.prepare('SELECT bcc, sent_message_id FROM messages WHERE message_id = ?')
      .bind(sent.messageId)
      .first<{ bcc: string; sent_message_id: string }>();
    expect(JSON.parse(row!.bcc)).toEqual([{ address: 'archive@partner.example' }]);
    expect(row!.sent_message_id).toBe(returned);
    const [event] = await eventsOfType('message.sent', sent.threadId);
    expect(event!.payload).toMatchObject({
      sendId: sent.sendId,
      messageId: sent.messageId,
      sentMessageId: returned,
      record: body.record,
    });
  });

  it('files a reply to the signed Reply-To, and one quoting the sent Message-ID, into the same thread', async () => {
    const replyTo = (recorder.handed[0]!.replyTo as { email: string }).email;
    const first = uniqueMessageId('reply');
    await deliverEmail(
      buildMail({ from: 'ann@customer.example', to: replyTo, subject: 'Re: Your quotation S00042', messageId: first }),
      { from: 'ann@customer.example', to: replyTo },
    );
    const sentId = recorder.results[0]!.messageId.replace(/^<|>$/g, '');
    const second = uniqueMessageId('reply');
    await deliverEmail(
      buildMail({
        from: 'bob@customer.example',
        to: 'catchall@example.com',
        subject: 'Re: Your quotation',
        messageId: second,
        inReplyTo: sentId,
        references: [sentId],
      }),
      { from: 'bob@customer.example', to: 'catchall@example.com' },
    );
    const thread = await apiJson(`/api/threads/${sent.threadId}`);
    expect(thread.messages.map((message: any) => message.messageId)).toEqual([sent.messageId, first, second]);
  });

  it('answers a retry with the same key and body the same, without a second send', async () => {
    const { response } = await postSend(queue, body, key);
    expect(response.status).toBe(200);
    expect(response.headers.get('idempotent-replayed')).toBe('true');
    expect((await response.json()) as any).toEqual(sent);
    expect(queue.bodies).toEqual([]);
    await drainQueue(queue, recorder.binding);
    expect(recorder.handed).toHaveLength(1);
    const sends = await env.DB.prepare('SELECT count(*) AS n FROM outgoing_sends WHERE idempotency_key = ?')
      .bind(key)
      .first<{ n: number }>();
    expect(sends!.n).toBe(1);
  });

  it('answers 409 to the same key with another body', async () => {
    const { response } = await postSend(queue, { ...body, subject: 'Another quotation' }, key);
    expect(response.status).toBe(409);
    expect(((await response.json()) as any).error.code).toBe('idempotency_conflict');
  });
});

describe('suppressed recipients are refused, each with its reason', () => {
  it('sends to the others and says who was left out and why', async () => {
    const gone = uniqueAddress('gone');
    const angry = uniqueAddress('angry');
    const ok = uniqueAddress('ok');
    await suppress(DOMAIN_ID, gone, 'bounce', 'userunknown: 5.1.1');
    await suppress(DOMAIN_ID, angry, 'complaint', 'complaint: abuse');
    const recorder = createRecordingBinding();
    const { response, queue } = await postSend(undefined, sendBody({ to: [ok, gone], cc: [angry] }));
    expect(response.status).toBe(202);
    const answer = (await response.json()) as any;
    expect(answer.refused).toEqual([
      { address: gone, reason: 'userunknown: 5.1.1', source: 'bounce' },
      { address: angry, reason: 'complaint: abuse', source: 'complaint' },
    ]);
    await drainQueue(queue, recorder.binding);
    expect(recorder.handed[0]!.to).toEqual([ok]);
    expect(recorder.handed[0]!.cc).toBeUndefined();
  });

  it('refuses the request (422) when every To recipient is suppressed, and queues nothing', async () => {
    const angry = uniqueAddress('angry');
    await suppress(DOMAIN_ID, angry, 'complaint', 'complaint: abuse');
    const { response, queue } = await postSend(undefined, sendBody({ to: [angry] }));
    expect(response.status).toBe(422);
    const answer = (await response.json()) as any;
    expect(answer.error.code).toBe('all_recipients_refused');
    expect(answer.refused).toEqual([{ address: angry, reason: 'complaint: abuse', source: 'complaint' }]);
    expect(queue.bodies).toEqual([]);
  });

  it('reads the list again right before sending: a complaint that arrives meanwhile stops the mail to that address', async () => {
    const late = uniqueAddress('late');
    const ok = uniqueAddress('ok');
    const { response, queue } = await postSend(undefined, sendBody({ to: [ok], bcc: [late] }));
    const answer = (await response.json()) as any;
    expect(answer.refused).toEqual([]);
    await suppress(DOMAIN_ID, late, 'complaint', 'complaint: abuse');
    const recorder = createRecordingBinding();
    await drainQueue(queue, recorder.binding);
    expect(recorder.handed[0]!.to).toEqual([ok]);
    expect(recorder.handed[0]!.bcc).toBeUndefined();
    const [event] = await eventsOfType('message.sent', answer.threadId);
    expect(event!.payload.refused).toEqual([late]);
  });
});

describe('a raw message (Content-Type: message/rfc822)', () => {
  it('keeps its Message-ID, never mails an address that complained (To, Cc or Bcc), and lists the headers it left out', async () => {
    const complainedCc = uniqueAddress('cc-complained');
    const complainedBcc = uniqueAddress('bcc-complained');
    const ok = uniqueAddress('ok');
    await suppress(DOMAIN_ID, complainedCc, 'complaint', 'complaint: abuse');
    await suppress(DOMAIN_ID, complainedBcc, 'complaint', 'complaint: abuse');
    const messageId = `odoo.${crypto.randomUUID()}@example.com`;
    const raw = [
      'From: "Acme Sales" <sales@example.com>',
      `To: ${ok}`,
      `Cc: ${complainedCc}`,
      `Bcc: ${complainedBcc}`,
      'Subject: Invoice INV/2026/0042',
      'Date: Sat, 21 Nov 2026 10:00:00 +0000',
      `Message-ID: <${messageId}>`,
      'Return-Path: <bounce@example.com>',
      'X-Odoo-Objects: account.move-42',
      'Thread-Topic: invoice',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Please find your invoice.',
      '',
    ].join('\r\n');
    const queue = createRecordingQueue();
    const response = await callSendApi(queue, '/api/send', {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822', 'idempotency-key': messageId },
      body: raw,
    });
    expect(response.status).toBe(202);
    const answer = (await response.json()) as any;
    expect(answer.messageId).toBe(messageId);
    expect(answer.refused.map((entry: { address: string }) => entry.address)).toEqual([complainedCc, complainedBcc]);
    // Return-Path is the Email Service's own (left out silently); Thread-Topic is not on its allowlist.
    expect(answer.droppedHeaders).toEqual(['Thread-Topic']);
    const recorder = createRecordingBinding();
    await drainQueue(queue, recorder.binding);
    const handed = recorder.handed[0]!;
    expect(handed).toMatchObject({
      from: { email: 'sales@example.com', name: 'Acme Sales' },
      to: [ok],
      subject: 'Invoice INV/2026/0042',
    });
    expect(handed.cc).toBeUndefined();
    expect(handed.bcc).toBeUndefined();
    expect(handed.headers).toEqual({ 'X-Odoo-Objects': 'account.move-42', 'X-Mailgate-Message-Id': `<${messageId}>` });
    expect(JSON.stringify(recorder.handed)).not.toContain('complained');
  });

  it('refuses a message without a To recipient (400)', async () => {
    const raw = 'From: sales@example.com\r\nBcc: x@customer.example\r\nSubject: s\r\n\r\nbody\r\n';
    const response = await callSendApi(createRecordingQueue(), '/api/send', {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822', 'idempotency-key': 'raw-no-to' },
      body: raw,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.message).toMatch(/^to: /);
  });
});

describe('the outbox retries what the Email Service cannot take now, and reports what it refuses', () => {
  it('retries after E_RATE_LIMIT_EXCEEDED, then sends once', async () => {
    const recorder = createRecordingBinding((call) =>
      call === 1 ? bindingError('E_RATE_LIMIT_EXCEEDED', 'Rate limit exceeded') : null,
    );
    const { response, queue } = await postSend(undefined, sendBody({ to: [uniqueAddress('retry')] }));
    const answer = (await response.json()) as any;
    let clock = Date.now();
    await drainQueue(queue, recorder.binding, () => clock);
    expect((await apiJson(`/api/send/${answer.sendId}`)).status).toBe('queued');
    expect((await apiJson(`/api/send/${answer.sendId}`)).lastError).toMatch(/E_RATE_LIMIT_EXCEEDED/);
    clock += 60_000;
    queue.bodies.push(
      ...(
        await env.DB.prepare("SELECT id FROM deliveries WHERE target_kind = 'send-email' AND target_id = ?")
          .bind(answer.sendId)
          .all<{ id: string }>()
      ).results.map((row) => ({ deliveryId: row.id })),
    );
    await drainQueue(queue, recorder.binding, () => clock);
    expect(recorder.handed).toHaveLength(2);
    expect(recorder.results).toHaveLength(1);
    expect((await apiJson(`/api/send/${answer.sendId}`)).status).toBe('sent');
  });

  it('ends a message the Email Service refuses as failed, with message.failed', async () => {
    const recorder = createRecordingBinding(() =>
      bindingError('E_CONTENT_TOO_LARGE', 'Email content exceeds size limit'),
    );
    const { response, queue } = await postSend(undefined, sendBody({ to: [uniqueAddress('big')] }));
    const answer = (await response.json()) as any;
    await drainQueue(queue, recorder.binding);
    const status = await apiJson(`/api/send/${answer.sendId}`);
    expect(status.status).toBe('failed');
    expect(status.lastError).toMatch(/refused the message: E_CONTENT_TOO_LARGE/);
    const [event] = await eventsOfType('message.failed', answer.threadId);
    expect(event!.payload).toMatchObject({ sendId: answer.sendId, messageId: answer.messageId, attempts: 1 });
    expect(event!.payload.error).toMatch(/E_CONTENT_TOO_LARGE/);
  });
});

describe("the Email Service's delivery events, linked back to the message", () => {
  function deliveryEvent(
    type: string,
    sentId: string,
    recipient: string,
    payload: Record<string, unknown> = {},
    domain = 'example.com',
  ) {
    return {
      type: `cf.email.sending.message.${type}`,
      source: { type: 'email.sending', zoneId: 'zone', domain },
      payload: {
        eventId: crypto.randomUUID(),
        messageId: sentId,
        sender: 'sales@example.com',
        recipient,
        subject: 'Your quotation S00042',
        terminal: true,
        ...payload,
      },
      metadata: {
        accountId: 'acct',
        eventSubscriptionId: 'sub',
        eventSchemaVersion: 1,
        eventTimestamp: new Date().toISOString(),
      },
    };
  }

  it('records a hard bounce and a complaint as verified reports, suppresses, and counts a redelivered event once', async () => {
    const to = uniqueAddress('bouncing');
    const cc = uniqueAddress('complaining');
    const recorder = createRecordingBinding();
    const { response, queue } = await postSend(undefined, sendBody({ to: [to], cc: [cc] }));
    const answer = (await response.json()) as any;
    await drainQueue(queue, recorder.binding);
    const sentId = recorder.results[0]!.messageId;
    const bounced = deliveryEvent('bounced', sentId, to, {
      delivery: {
        status: 'bounced',
        provider: 'external_smtp',
        smtpStatusCode: '550',
        smtpEnhancedStatusCode: '5.1.1',
        smtpResponse: '550 5.1.1 User unknown',
      },
      bounce: { type: 'hard', classification: 'permanent_failure', reason: '550 5.1.1 User unknown' },
    });
    const events = [
      bounced,
      bounced,
      deliveryEvent('complained', sentId, cc, { delivery: { status: 'complained' }, complaint: { type: 'abuse' } }),
      deliveryEvent('bounced', sentId, 'stranger@customer.example', { bounce: { type: 'hard' } }),
      deliveryEvent('bounced', sentId, to, { bounce: { type: 'hard' } }, 'other-sender.test'),
    ];
    const acked: number[] = [];
    await consumeEmailSendingEvents(
      { db: createDatabase(env.DB), now: () => new Date() },
      events.map((body, index) => ({ body, ack: () => acked.push(index), retry: () => {} })),
    );
    expect(acked).toEqual([0, 1, 2, 3, 4]);
    const rows = await env.DB.prepare(
      'SELECT address, kind, status, reason, permanent, verified FROM bounces WHERE thread_id = ? ORDER BY id',
    )
      .bind(answer.threadId)
      .all();
    expect(rows.results).toEqual([
      { address: to, kind: 'bounce', status: '5.1.1', reason: 'userunknown', permanent: 1, verified: 1 },
      { address: cc, kind: 'complaint', status: null, reason: 'complaint: abuse', permanent: 0, verified: 1 },
    ]);
    expect(await apiJson(`/api/suppressions/${to}?domain=example.com`)).toMatchObject({
      suppressed: true,
      source: 'bounce',
      reason: 'userunknown',
    });
    expect(await apiJson(`/api/suppressions/${cc}?domain=example.com`)).toMatchObject({
      suppressed: true,
      source: 'complaint',
    });
    expect(
      (await eventsOfType('bounce.recorded', answer.threadId)).map((event) => event.payload.recipients[0].address),
    ).toEqual([to]);
    expect(
      (await eventsOfType('recipient.suppressed', answer.threadId)).map((event) => event.payload.address).sort(),
    ).toEqual([cc, to].sort());
    // The gateway never mails them again.
    const again = await postSend(undefined, sendBody({ to: [to], cc: [cc] }));
    expect(again.response.status).toBe(422);
  });
});

describe('Odoo hands its outgoing mail to POST /api/send (the mailgate_send module of the README)', () => {
  it('joins the thread of the mail it answers, swaps its plain catchall Reply-To for the signed one, drops its Return-Path', async () => {
    // A lead arrives at sales@: its thread is the conversation Odoo answers.
    const leadId = uniqueMessageId('lead');
    await deliverEmail(
      buildMail({
        from: 'ann@customer.example',
        to: 'sales@example.com',
        subject: 'Quote for 40 chairs',
        messageId: leadId,
      }),
      {
        from: 'ann@customer.example',
        to: 'sales@example.com',
      },
    );
    const threadId = (await env.DB.prepare('SELECT thread_id FROM messages WHERE message_id = ?')
      .bind(leadId)
      .first<{ thread_id: string }>())!.thread_id;
    // What Odoo's ir.mail_server.build_email writes (Odoo 17/18): its own Message-Id, the record in X-Odoo-Objects,
    // the catchall as Reply-To, a VERP-style Return-Path to its bounce alias, HTML with a plain alternative.
    const odooMessageId = `${Date.now()}.171234567.${crypto.randomUUID().slice(0, 8)}-openerp-42-crm.lead@odoo.example.com`;
    const raw = [
      `Message-Id: <${odooMessageId}>`,
      `In-Reply-To: <${leadId}>`,
      `References: <${leadId}>`,
      'From: "Acme Sales" <sales@example.com>',
      'Reply-To: "Acme" <catchall@example.com>',
      'To: "Ann" <ann@customer.example>',
      'Subject: Re: Quote for 40 chairs',
      'Date: Sat, 21 Nov 2026 11:00:00 -0000',
      'X-Odoo-Objects: crm.lead-42',
      'Return-Path: <bounce+17-crm.lead-42@example.com>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="===============4511231213=="',
      '',
      '--===============4511231213==',
      'Content-Type: text/plain; charset="utf-8"',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Dear Ann, here is our offer: 40 chairs at 120 =E2=82=AC.',
      '--===============4511231213==',
      'Content-Type: text/html; charset="utf-8"',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      '<p>Dear Ann, here is our offer: 40 chairs at 120 =E2=82=AC.</p>',
      '--===============4511231213==--',
      '',
    ].join('\r\n');
    const queue = createRecordingQueue();
    const response = await callSendApi(queue, '/api/send', {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822', 'idempotency-key': `odoo:${odooMessageId}:ann@customer.example:` },
      body: raw,
    });
    expect(response.status).toBe(202);
    const answer = (await response.json()) as any;
    expect(answer).toMatchObject({ messageId: odooMessageId, threadId, refused: [], droppedHeaders: [] });
    const recorder = createRecordingBinding();
    await drainQueue(queue, recorder.binding);
    const handed = recorder.handed[0]! as any;
    expect(handed.text.trim()).toBe('Dear Ann, here is our offer: 40 chairs at 120 €.');
    expect(handed.html.trim()).toBe('<p>Dear Ann, here is our offer: 40 chairs at 120 €.</p>');
    expect(handed.headers).toEqual({
      'X-Odoo-Objects': 'crm.lead-42',
      'In-Reply-To': `<${leadId}>`,
      References: `<${leadId}>`,
      'X-Mailgate-Message-Id': `<${odooMessageId}>`,
    });
    expect(handed.replyTo.name).toBe('Acme');
    expect(await verifyAddressToken('reply', handed.replyTo.email.match(/^catchall\+([a-z0-9]+)@/)[1], SECRETS)).toBe(
      threadId,
    );
    const thread = await apiJson(`/api/threads/${threadId}`);
    expect(thread.messages.map((message: any) => [message.direction, message.messageId])).toEqual([
      ['inbound', leadId],
      ['outbound', odooMessageId],
    ]);
  });
});
