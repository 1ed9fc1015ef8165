// Foundation slice: a received email is stored raw, parsed and filed into a thread, and read back through the API.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { api, apiJson, buildMail, deliverEmail, findInboundByMessageId, uniqueMessageId } from './helpers.ts';

async function threadOf(messageId: string): Promise<string> {
  const [row] = await findInboundByMessageId(messageId);
  expect(row, `inbound row for ${messageId}`).toBeDefined();
  expect(row!.status).toBe('delivered');
  return row!.thread_id as string;
}

describe('email() ingress', () => {
  it('stores a new mail raw, files it into a new thread, and serves it through the API', async () => {
    const messageId = uniqueMessageId('new');
    const raw = buildMail({ messageId, subject: 'Quote for 40 chairs', text: 'Hello, 40 chairs please.' });
    expect((await deliverEmail(raw)).rejected).toBeNull();

    const [row] = await findInboundByMessageId(messageId);
    expect(row).toMatchObject({ status: 'delivered', kind: 'mail', route: 'alias', envelope_to: 'inbox@example.com' });
    expect(row!.reason).toBe('alias inbox@ → new thread');
    const stored = await env.MAIL.get(row!.raw_key as string);
    expect(await stored!.text()).toBe(raw);

    const thread = await apiJson(`/api/threads/${row!.thread_id}`);
    expect(thread.subject).toBe('Quote for 40 chairs');
    expect(thread.messages).toHaveLength(1);
    expect(thread.messages[0]).toMatchObject({
      messageId,
      direction: 'inbound',
      from: { address: 'ann@sender.example', name: 'Ann Sender' },
      to: [{ address: 'inbox@example.com' }],
      subject: 'Quote for 40 chairs',
    });
    expect(thread.messages[0].text.trim()).toBe('Hello, 40 chairs please.');
  });

  it('files a reply with In-Reply-To into the same thread', async () => {
    const first = uniqueMessageId('first');
    await deliverEmail(buildMail({ messageId: first }));
    const reply = uniqueMessageId('reply');
    await deliverEmail(
      buildMail({ messageId: reply, subject: 'Re: Quote request', inReplyTo: first, to: 'catchall@example.com' }),
      {
        to: 'catchall@example.com',
      },
    );

    const threadId = await threadOf(first);
    expect(await threadOf(reply)).toBe(threadId);
    const [row] = await findInboundByMessageId(reply);
    expect(row!.reason).toBe(`reply to <${first}> in thread ${threadId}`);
    const thread = await apiJson(`/api/threads/${threadId}`);
    expect(thread.messages.map((m: { messageId: string }) => m.messageId)).toEqual([first, reply]);
    expect(thread.messageCount).toBe(2);
  });

  it('files a reply that carries only References into the thread of the newest known reference', async () => {
    const root = uniqueMessageId('root');
    await deliverEmail(buildMail({ messageId: root }));
    const reply = uniqueMessageId('refs-only');
    const unknown = uniqueMessageId('never-seen');
    await deliverEmail(buildMail({ messageId: reply, references: [root, unknown] }), { to: 'catchall@example.com' });
    expect(await threadOf(reply)).toBe(await threadOf(root));
  });

  it('starts a new thread when no reference is known', async () => {
    const a = uniqueMessageId('a');
    const b = uniqueMessageId('b');
    await deliverEmail(buildMail({ messageId: a }));
    await deliverEmail(buildMail({ messageId: b, inReplyTo: uniqueMessageId('unknown') }));
    expect(await threadOf(b)).not.toBe(await threadOf(a));
  });

  it('stores a redelivered duplicate once, and the same bytes for another recipient separately', async () => {
    const messageId = uniqueMessageId('dup');
    const raw = buildMail({ messageId });
    await deliverEmail(raw);
    await deliverEmail(raw);
    const rows = await findInboundByMessageId(messageId);
    expect(rows).toHaveLength(1);
    const objects = await env.MAIL.list({ prefix: 'raw/' });
    const keys = new Set(objects.objects.map((o) => o.key));
    expect(keys.has(rows[0]!.raw_key as string)).toBe(true);

    await deliverEmail(raw, { to: 'support@example.com' });
    expect(await findInboundByMessageId(messageId)).toHaveLength(2);
  });

  it('marks an unparseable message failed with a reason and keeps its raw bytes exactly', async () => {
    const garbage = new Uint8Array(4096);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 256;
    garbage[0] = 0; // starts with NUL: no header field can be read
    const before = (await apiJson('/api/inbound?status=failed&limit=200')).items.length;
    expect((await deliverEmail(garbage)).rejected).toBeNull();

    const failed = (await apiJson('/api/inbound?status=failed&limit=200')).items;
    expect(failed.length).toBe(before + 1);
    const row = failed[0];
    expect(row.status).toBe('failed');
    expect(row.reason).toMatch(/not an email message|could not be parsed/);
    const raw = await api(`/api/inbound/${row.id}/raw`);
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toBe('message/rfc822');
    expect(new Uint8Array(await raw.arrayBuffer())).toEqual(garbage);
  });

  it('stores the attachments of a message in R2 and serves them', async () => {
    const messageId = uniqueMessageId('att');
    const content = new TextEncoder().encode('%PDF-1.4 fake pdf for the test\n');
    await deliverEmail(
      buildMail({ messageId, attachment: { filename: 'offer.pdf', contentType: 'application/pdf', content } }),
    );
    const thread = await apiJson(`/api/threads/${await threadOf(messageId)}`);
    const [attachment] = thread.messages[0].attachments;
    expect(attachment).toMatchObject({ filename: 'offer.pdf', contentType: 'application/pdf', size: content.length });
    const download = await api(attachment.url);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(content);
  });

  it('stores an attachment cut out before parsing byte-exact in R2, decoded from its range of the raw message', async () => {
    const messageId = uniqueMessageId('cut');
    // 2 MiB: past the size parsing cuts out, under the size kept by reference, so it gets an R2 object of its own.
    const payload = new Uint8Array(2 * 1024 * 1024 + 3);
    for (let i = 0; i < payload.length; i++) payload[i] = (i * 131 + (i >> 9)) & 0xff;
    await deliverEmail(
      buildMail({
        messageId,
        attachment: { filename: 'drawing.dwg', contentType: 'application/acad', content: payload },
      }),
    );
    const [row] = await findInboundByMessageId(messageId);
    const listed = await env.MAIL.list({ prefix: `attachments/${row!.id}/` });
    expect(listed.objects.map((object) => object.size)).toEqual([payload.length]);
    const stored = new Uint8Array(await (await env.MAIL.get(listed.objects[0]!.key))!.arrayBuffer());
    expect(stored).toEqual(payload);
    const thread = await apiJson(`/api/threads/${await threadOf(messageId)}`);
    const [attachment] = thread.messages[0].attachments;
    expect(attachment).toMatchObject({
      filename: 'drawing.dwg',
      contentType: 'application/acad',
      size: payload.length,
    });
    expect(new Uint8Array(await (await api(attachment.url)).arrayBuffer())).toEqual(payload);
  });

  it('stores a 25 MiB message', async () => {
    const messageId = uniqueMessageId('large');
    // Base64 grows by 4/3 plus CRLFs: this attachment brings the message just under the 25 MiB production limit.
    const payload = new Uint8Array(18 * 1024 * 1024 + 200 * 1024);
    for (let i = 0; i < payload.length; i += 4096) payload[i] = i % 251;
    const raw = new TextEncoder().encode(
      buildMail({
        messageId,
        attachment: { filename: 'scan.bin', contentType: 'application/octet-stream', content: payload },
      }),
    );
    expect(raw.byteLength).toBeGreaterThan(24.5 * 1024 * 1024);
    expect(raw.byteLength).toBeLessThanOrEqual(25 * 1024 * 1024);
    await deliverEmail(raw);
    const [row] = await findInboundByMessageId(messageId);
    expect(row).toMatchObject({ status: 'delivered', size_bytes: raw.byteLength });
    const stored = await env.MAIL.head(row!.raw_key as string);
    expect(stored!.size).toBe(raw.byteLength);
    // Over the attachment limit the bytes stay inside the raw message and are extracted on download.
    const thread = await apiJson(`/api/threads/${row!.thread_id}`);
    const [attachment] = thread.messages[0].attachments;
    expect(attachment).toMatchObject({ filename: 'scan.bin', size: payload.length });
    const download = new Uint8Array(await (await api(attachment.url)).arrayBuffer());
    expect(download.length).toBe(payload.length);
    expect(download).toEqual(payload);
  });
});
