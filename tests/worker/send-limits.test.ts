// The guard rails of POST /api/send: who may send as which domain, the Email Service's limits (clear 400/413 before
// anything is queued), the per-domain daily send cap (429), readable in the stats, and the platform's limits (D1's
// statements and rows, a Worker's subrequests) with the most a message can carry.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { MAX_STORED_HTML_BYTES } from '../../worker/inbound/storage-caps.ts';
import { createToken, ensureDomain } from '../security/support.ts';
import { api, apiJson } from './helpers.ts';
import { callSendApi, createRecordingBinding, createRecordingQueue, drainQueue } from './send-support.ts';

const DOMAIN = 'sender.test';
const OTHER = 'other-sender.test';

function mail(overrides: Record<string, unknown> = {}) {
  return {
    from: `orders@${DOMAIN}`,
    to: ['ann@customer.example'],
    subject: 'Order 7',
    text: 'Your order ships today.',
    ...overrides,
  };
}

async function send(body: unknown, options: { token?: string; key?: string } = {}) {
  const queue = createRecordingQueue();
  const response = await callSendApi(queue, '/api/send', {
    method: 'POST',
    headers: { 'idempotency-key': options.key ?? crypto.randomUUID() },
    body: JSON.stringify(body),
    ...(options.token ? { token: options.token } : {}),
  });
  return { response, queue, json: (await response.json()) as any as any };
}

describe('who may send as which domain', () => {
  it('lets a token scoped to a domain send as that domain only (403 for another)', async () => {
    await ensureDomain(DOMAIN);
    await ensureDomain(OTHER);
    const token = await createToken('write', DOMAIN);
    expect((await send(mail(), { token })).response.status).toBe(202);
    const other = await send(mail({ from: `orders@${OTHER}` }), { token });
    expect(other.response.status).toBe(403);
    expect(other.json.error.message).toContain(OTHER);
    expect(other.queue.bodies).toEqual([]);
  });

  it("refuses a read-only token (403), a From outside the gateway's domains and a domain that is not the From's (400)", async () => {
    await ensureDomain(DOMAIN);
    expect((await send(mail(), { token: await createToken('read', DOMAIN) })).response.status).toBe(403);
    const foreign = await send(mail({ from: 'ceo@bank.example' }));
    expect(foreign.response.status).toBe(400);
    expect(foreign.json.error.message).toMatch(/^from: bank\.example is not a domain of this gateway/);
    const mismatch = await send(mail({ domain: OTHER }));
    expect(mismatch.response.status).toBe(400);
    expect(mismatch.json.error.message).toMatch(/^domain: /);
  });

  it("refuses a relay's ingress token (403): it may hand mail in, never send it out", async () => {
    await ensureDomain(DOMAIN);
    const created = await apiJson<{ token: string }>('/api/tokens', {
      method: 'POST',
      body: JSON.stringify({ name: 'relay', scope: 'ingress', domain: DOMAIN }),
    });
    const refused = await send(mail(), { token: created.token });
    expect(refused.response.status).toBe(403);
    expect(refused.queue.bodies).toEqual([]);
  });

  it('needs an idempotency key', async () => {
    await ensureDomain(DOMAIN);
    const queue = createRecordingQueue();
    const response = await callSendApi(queue, '/api/send', { method: 'POST', body: JSON.stringify(mail()) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.message).toMatch(/^idempotencyKey: /);
  });
});

describe("the Email Service's limits, before anything is queued", () => {
  it('refuses more than 50 recipients across To, Cc and Bcc', async () => {
    await ensureDomain(DOMAIN);
    const many = Array.from({ length: 26 }, (_, index) => `r${index}@customer.example`);
    const { response, json, queue } = await send(
      mail({ to: many, bcc: many.map((address) => address.replace('@', '.b@')) }),
    );
    expect(response.status).toBe(400);
    expect(json.error.message).toBe(
      'to: 52 recipients (To, Cc and Bcc together): the Email Service sends to at most 50 per message',
    );
    expect(queue.bodies).toEqual([]);
  });

  it('refuses a subject over 998 characters, a header the platform sets, a header not on the allowlist and a bad value', async () => {
    await ensureDomain(DOMAIN);
    expect((await send(mail({ subject: 'x'.repeat(999) }))).json.error.message).toMatch(
      /^subject: the subject has 999 characters/,
    );
    const cases: [Record<string, string>, RegExp][] = [
      [
        { Date: 'Sat, 21 Nov 2026 10:00:00 +0000' },
        /^headers\.Date: the header Date is set by the Email Service itself/,
      ],
      [{ From: 'x@sender.test' }, /^headers\.From: the header From must be given as its own field/],
      [
        { 'Thread-Index': 'AQHX' },
        /^headers\.Thread-Index: the header Thread-Index is not on the Email Service's allowlist/,
      ],
      [{ Precedence: 'urgent' }, /^headers\.Precedence: the header Precedence takes one of: bulk, list, junk/],
      [
        { 'List-Unsubscribe': '<http://example.com/u>' },
        /^headers\.List-Unsubscribe: .*<https:\/\/…> and\/or <mailto:…>/,
      ],
      [{ 'X-Long': 'v'.repeat(2049) }, /^headers\.X-Long: the header X-Long is longer than 2048 bytes/],
    ];
    for (const [headers, expected] of cases) {
      const { response, json } = await send(mail({ headers }));
      expect(response.status).toBe(400);
      expect(json.error.message).toMatch(expected);
    }
  });

  it('answers 413 for a message over 5 MiB once encoded', async () => {
    await ensureDomain(DOMAIN);
    const bytes = new Uint8Array(4 * 1024 * 1024).fill(0x41);
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    // Under the request's own limit (about 6.2 MiB of JSON), over the message's: 4 MiB as base64 in 76-character lines
    // (5.6 MiB) and 600,000 bytes of "é" as quoted-printable at worst (1.8 MiB).
    const { response, json } = await send(
      mail({
        text: 'é'.repeat(300_000),
        attachments: [{ filename: 'big.bin', type: 'application/octet-stream', content: btoa(binary) }],
      }),
    );
    expect(response.status).toBe(413);
    expect(json.error.message).toMatch(
      /^attachments: the message would be about 7\.3 MiB once encoded: the Email Service sends at most 5 MiB/,
    );
  });
});

describe('the daily send cap', () => {
  it('counts recipients per domain and UTC day, answers 429 past the cap, and shows both in the stats', async () => {
    const domain = `cap-${crypto.randomUUID().slice(0, 8)}.test`;
    await ensureDomain(domain);
    const patched = await apiJson(`/api/domains/${domain}`, {
      method: 'PATCH',
      body: JSON.stringify({ dailySendLimit: 3 }),
    });
    expect(patched.dailySendLimit).toBe(3);
    const from = `orders@${domain}`;
    expect((await send(mail({ from, to: ['a@customer.example', 'b@customer.example'] }))).response.status).toBe(202);
    const over = await send(mail({ from, to: ['c@customer.example', 'd@customer.example'] }));
    expect(over.response.status).toBe(429);
    expect(over.json.error).toEqual({
      code: 'daily_limit',
      message:
        "the domain's daily send limit is 3 recipients (UTC day): 2 used, this message has 2; try again tomorrow or raise dailySendLimit",
    });
    expect((await send(mail({ from, to: ['c@customer.example'] }))).response.status).toBe(202);
    const stats = await apiJson(`/api/stats?domain=${domain}&days=1`);
    expect(stats.sendLimit).toEqual({ dailyRecipients: 3, usedToday: 3 });
    expect(stats.outgoing).toEqual([{ date: stats.series[0].date, messages: 2, recipients: 3 }]);
  });

  it("is the installation admin's to change, not a tenant's", async () => {
    await ensureDomain(DOMAIN);
    const token = await createToken('write', DOMAIN);
    const response = await callSendApi(createRecordingQueue(), `/api/domains/${DOMAIN}`, {
      method: 'PATCH',
      body: JSON.stringify({ dailySendLimit: 100000 }),
      token,
    });
    expect(response.status).toBe(403);
  });
});

/** A raw message with `count` small attachments, each with bytes of its own (its index, repeated). */
function buildRawWithAttachments(input: {
  to: string[];
  cc: string[];
  bcc: string[];
  html: string;
  count: number;
}): string {
  const boundary = 'mixed-boundary-0123';
  const parts = Array.from({ length: input.count }, (_, index) =>
    [
      `--${boundary}`,
      `Content-Type: application/octet-stream; name="part-${index}.bin"`,
      `Content-Disposition: attachment; filename="part-${index}.bin"`,
      'Content-Transfer-Encoding: base64',
      '',
      btoa(`attachment number ${index} `.repeat(4)),
    ].join('\r\n'),
  );
  return [
    `From: Orders <orders@${DOMAIN}>`,
    `To: ${input.to.join(', ')}`,
    `Cc: ${input.cc.join(', ')}`,
    `Bcc: ${input.bcc.join(', ')}`,
    'Subject: Every document of your order',
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    '',
    input.html,
    ...parts,
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

describe("the platform's limits, with the most a message can carry", () => {
  it('files 50 recipients and 150 attachments in chunks, stores the message once in R2, and serves each attachment from it', async () => {
    await ensureDomain(DOMAIN);
    const addresses = (label: string, count: number) =>
      Array.from({ length: count }, (_, index) => `${label}${index}@customer.example`);
    // 300 KB of HTML: over what a D1 row keeps of a body, under the Email Service's 5 MiB.
    const html = `<p>${'Line of the order. '.repeat(16_000)}</p>`;
    const raw = buildRawWithAttachments({
      to: addresses('to', 20),
      cc: addresses('cc', 20),
      bcc: addresses('bcc', 10),
      html,
      count: 150,
    });
    const queue = createRecordingQueue();
    const response = await callSendApi(queue, '/api/send', {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822', 'idempotency-key': crypto.randomUUID() },
      body: raw,
    });
    expect(response.status).toBe(202);
    const sent = (await response.json()) as { sendId: string; threadId: string; messageId: string };

    // One R2 object for the whole send: no per-attachment copy (each would be a subrequest).
    const row = await env.DB.prepare('SELECT id, html, cc, bcc FROM messages WHERE message_id = ?')
      .bind(sent.messageId)
      .first<{ id: string; html: string; cc: string; bcc: string }>();
    expect((await env.MAIL.list({ prefix: `outgoing/${sent.sendId}` })).objects.map((object) => object.key)).toEqual([
      `outgoing/${sent.sendId}.json`,
    ]);
    expect((await env.MAIL.list({ prefix: `attachments/${row!.id}` })).objects).toEqual([]);
    // D1 keeps a capped body (the whole one is in R2) and every recipient.
    expect(new TextEncoder().encode(row!.html).byteLength).toBeLessThanOrEqual(MAX_STORED_HTML_BYTES);
    expect(html.startsWith(row!.html)).toBe(true);
    expect(JSON.parse(row!.cc)).toHaveLength(20);
    expect(JSON.parse(row!.bcc)).toHaveLength(10);

    const thread = await apiJson(`/api/threads/${sent.threadId}`);
    const attachments = thread.messages[0].attachments as { id: string; filename: string }[];
    expect(attachments.map((attachment) => attachment.filename)).toEqual(
      Array.from({ length: 150 }, (_, index) => `part-${index}.bin`),
    );
    expect([...thread.followers].sort()).toEqual([...addresses('to', 20), ...addresses('cc', 20)].sort());
    for (const index of [0, 137, 149]) {
      const download = await api(`/api/attachments/${attachments[index]!.id}`);
      expect(download.status).toBe(200);
      expect(new TextDecoder().decode(await download.arrayBuffer())).toBe(`attachment number ${index} `.repeat(4));
    }

    const recorder = createRecordingBinding();
    await drainQueue(queue, recorder.binding);
    expect(recorder.handed).toHaveLength(1);
    expect(recorder.handed[0]!.attachments).toHaveLength(150);
    expect((await apiJson(`/api/send/${sent.sendId}`)).status).toBe('sent');
  });

  it('refuses a raw message with more MIME parts than a message may have (400), before parsing it', async () => {
    await ensureDomain(DOMAIN);
    const raw = buildRawWithAttachments({
      to: ['ann@customer.example'],
      cc: [],
      bcc: [],
      html: '<p>x</p>',
      count: 1001,
    }).replace(/^Cc: \r\nBcc: \r\n/m, '');
    const response = await callSendApi(createRecordingQueue(), '/api/send', {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822', 'idempotency-key': crypto.randomUUID() },
      body: raw,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.message).toBe(
      'the message has 1003 MIME parts, more than the limit of 1000',
    );
  });
});
