// The relay ingress (POST /api/ingress/raw) inside workerd: scopes, envelope, the 550 of email(), sizes, trusted relays.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import {
  ADMIN_TOKEN,
  api,
  apiJson,
  buildMail,
  deliverEmail,
  findInboundByMessageId,
  uniqueMessageId,
} from './helpers.ts';

async function createToken(body: Record<string, unknown>): Promise<string> {
  const created = await apiJson<{ token: string }>('/api/tokens', {
    method: 'POST',
    body: JSON.stringify({ name: `relay ${crypto.randomUUID().slice(0, 6)}`, ...body }),
  });
  return created.token;
}

function relay(
  raw: string | Uint8Array | ReadableStream<Uint8Array>,
  envelope: { sender?: string; recipients: string[]; extra?: Record<string, string> },
  token: string,
): Promise<Response> {
  const query = new URLSearchParams({ sender: envelope.sender ?? 'ann@sender.example', ...envelope.extra });
  for (const recipient of envelope.recipients) query.append('recipient', recipient);
  return api(`/api/ingress/raw?${query}`, {
    method: 'POST',
    token,
    headers: { 'content-type': 'message/rfc822' },
    body: raw,
    ...(raw instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
}

describe('POST /api/ingress/raw', () => {
  it('accepts a new lead with 202, through the same pipeline as email(), marked as relayed', async () => {
    const token = await createToken({ scope: 'ingress', domain: 'example.com' });
    const messageId = uniqueMessageId('relay-lead');
    const response = await relay(
      buildMail({ messageId, to: 'sales@example.com' }),
      { recipients: ['sales@example.com'] },
      token,
    );
    expect(response.status).toBe(202);
    const body = await response.json<any>();
    expect(body.refused).toEqual([]);
    expect(body.accepted).toHaveLength(1);
    expect(body.accepted[0]).toMatchObject({
      recipient: 'sales@example.com',
      status: 'delivered',
      route: 'alias',
      duplicate: false,
    });
    const [row] = await findInboundByMessageId(messageId);
    expect(row).toMatchObject({
      source: 'relay',
      import_mode: null,
      route: 'alias',
      envelope_from: 'ann@sender.example',
    });
    const item = await apiJson(`/api/inbound/${row!.id}`);
    expect(item).toMatchObject({ source: 'relay', imported: false });
  });

  it('refuses an unknown recipient with 422 and exactly the 550 text email() gives to setReject', async () => {
    const token = await createToken({ scope: 'ingress', domain: 'example.com' });
    const viaEmail = await deliverEmail(buildMail({ to: 'nobody@example.com' }), { to: 'nobody@example.com' });
    const response = await relay(
      buildMail({ to: 'nobody@example.com' }),
      { recipients: ['nobody@example.com'] },
      token,
    );
    expect(response.status).toBe(422);
    const body = await response.json<any>();
    expect(viaEmail.rejected).toMatch(/^5\.1\.1 <nobody@example\.com>/);
    expect(body.error).toEqual({ code: 'refused', message: viaEmail.rejected });
    expect(body.refused[0]).toMatchObject({
      recipient: 'nobody@example.com',
      status: 'rejected',
      smtpReject: viaEmail.rejected,
    });
  });

  it('stores one row per recipient with the same bytes, and recognises a redelivery', async () => {
    const token = await createToken({ scope: 'ingress' });
    const messageId = uniqueMessageId('relay-two');
    const raw = buildMail({ messageId, to: 'sales@example.com, support@example.com' });
    const recipients = ['sales@example.com', 'support@example.com'];
    const first = await relay(raw, { recipients }, token);
    expect(first.status).toBe(202);
    const firstBody = await first.json<any>();
    expect(firstBody.accepted.map((r: any) => r.recipient)).toEqual(recipients);
    for (const accepted of firstBody.accepted) {
      const stored = await api(`/api/inbound/${accepted.inboundId}/raw`);
      expect(await stored.text()).toBe(raw);
    }
    const again = await relay(raw, { recipients }, token);
    expect(again.status).toBe(202);
    const againBody = await again.json<any>();
    expect(againBody.accepted.map((r: any) => [r.inboundId, r.duplicate])).toEqual(
      firstBody.accepted.map((r: any) => [r.inboundId, true]),
    );
    expect(await findInboundByMessageId(messageId)).toHaveLength(2);
  });

  it('takes the envelope from headers too, and a null sender', async () => {
    const token = await createToken({ scope: 'ingress', domain: 'example.com' });
    const messageId = uniqueMessageId('relay-headers');
    const response = await api('/api/ingress/raw', {
      method: 'POST',
      token,
      headers: {
        'content-type': 'message/rfc822',
        'x-mailgate-sender': '<>',
        'x-mailgate-recipient': 'inbox@example.com',
      },
      body: buildMail({ messageId }),
    });
    expect(response.status).toBe(202);
    const [row] = await findInboundByMessageId(messageId);
    expect(row).toMatchObject({ envelope_from: '', envelope_to: 'inbox@example.com' });
    // What pipe(8) writes for the null sender by default.
    const daemonId = uniqueMessageId('relay-daemon');
    expect(
      (
        await relay(
          buildMail({ messageId: daemonId }),
          { sender: 'MAILER-DAEMON', recipients: ['inbox@example.com'] },
          token,
        )
      ).status,
    ).toBe(202);
    expect((await findInboundByMessageId(daemonId))[0]).toMatchObject({ envelope_from: '' });
  });

  it('keeps a domain token to its domain and every other token out', async () => {
    const ingress = await createToken({ scope: 'ingress', domain: 'example.com' });
    const outside = await relay(buildMail({}), { recipients: ['someone@other.example'] }, ingress);
    expect(outside.status).toBe(403);
    expect((await outside.json<any>()).error.message).toMatch(/only to example\.com/);
    const write = await createToken({ scope: 'write', domain: 'example.com' });
    expect((await relay(buildMail({}), { recipients: ['inbox@example.com'] }, write)).status).toBe(403);
    // An ingress token reaches nothing else.
    expect((await api('/api/inbound', { token: ingress })).status).toBe(403);
    expect((await api('/api/threads', { token: ingress })).status).toBe(403);
    expect((await relay(buildMail({}), { recipients: ['inbox@example.com'] }, 'mg_ingress_unknown')).status).toBe(401);
  });

  it('answers 400 naming the field for a bad envelope or an empty body', async () => {
    const token = await createToken({ scope: 'ingress' });
    const noRecipient = await relay(buildMail({}), { recipients: [] }, token);
    expect(noRecipient.status).toBe(400);
    expect((await noRecipient.json<any>()).error.message).toMatch(/recipient/);
    const badSender = await relay(
      buildMail({}),
      { sender: 'not an address', recipients: ['inbox@example.com'] },
      token,
    );
    expect(badSender.status).toBe(400);
    expect((await badSender.json<any>()).error.message).toMatch(/sender/);
    expect((await relay('', { recipients: ['inbox@example.com'] }, token)).status).toBe(400);
  });

  it('answers 413 over 25 MiB, with or without a Content-Length, and stores nothing', async () => {
    const token = await createToken({ scope: 'ingress' });
    const messageId = uniqueMessageId('relay-huge');
    const head = new TextEncoder().encode(buildMail({ messageId }));
    const huge = new Uint8Array(25 * 1024 * 1024 + 1);
    huge.set(head);
    huge.fill(0x61, head.length);
    expect((await relay(huge, { recipients: ['inbox@example.com'] }, token)).status).toBe(413);
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < huge.length; offset += 1024 * 1024)
          controller.enqueue(huge.slice(offset, offset + 1024 * 1024));
        controller.close();
      },
    });
    const response = await relay(chunked, { recipients: ['inbox@example.com'] }, token);
    expect(response.status).toBe(413);
    expect((await response.json<any>()).error.message).toMatch(/^5\.3\.4 /);
    expect(await findInboundByMessageId(messageId)).toHaveLength(0);
  });

  it('reads the client IP and HELO from the top Received header only for a trusted relay', async () => {
    const trusted = await createToken({ scope: 'ingress', domain: 'example.com', trustedRelay: true });
    const untrusted = await createToken({ scope: 'ingress', domain: 'example.com' });
    const received =
      'Received: from mail.example.com (mail.example.com [104.30.1.5])\r\n\tby relay.mailgate.test (Postfix) with ESMTP id 4XyZ\r\n\tfor <inbox@example.com>; Sat, 21 Nov 2026 10:00:01 +0000\r\n';
    const verdicts = [];
    for (const token of [trusted, untrusted]) {
      const messageId = uniqueMessageId('relay-received');
      const raw = received + buildMail({ messageId, from: 'billing@example.com' });
      expect(
        (await relay(raw, { sender: 'billing@example.com', recipients: ['inbox@example.com'] }, token)).status,
      ).toBe(202);
      const [row] = await findInboundByMessageId(messageId);
      expect(row!.trust_received).toBe(token === trusted ? 1 : 0);
      verdicts.push(JSON.parse(row!.auth).spf);
    }
    expect(verdicts[0]).toMatchObject({
      result: 'pass',
      clientIp: '104.30.1.5',
      helo: 'mail.example.com',
      domain: 'example.com',
    });
    expect(verdicts[1]).toMatchObject({ result: 'none', clientIp: null });
  });

  it('imports only with a write or admin token, restores only with an admin one', async () => {
    const ingress = await createToken({ scope: 'ingress', domain: 'example.com' });
    const write = await createToken({ scope: 'write', domain: 'example.com' });
    const messageId = uniqueMessageId('relay-import');
    const raw = buildMail({ messageId, to: 'sales@example.com' });
    expect((await relay(raw, { recipients: ['sales@example.com'], extra: { import: '1' } }, ingress)).status).toBe(403);
    expect(
      (await relay(raw, { recipients: ['sales@example.com'], extra: { import: '1', restoreThread: 'none' } }, write))
        .status,
    ).toBe(403);
    expect(
      (await relay(raw, { recipients: ['sales@example.com'], extra: { restoreThread: 'none' } }, ADMIN_TOKEN)).status,
    ).toBe(400);
    const imported = await relay(raw, { recipients: ['sales@example.com'], extra: { import: '1' } }, write);
    expect(imported.status).toBe(202);
    // Archived: into a thread, never the alias's new record.
    const [row] = await findInboundByMessageId(messageId);
    expect(row).toMatchObject({ source: 'import', import_mode: 'archive', route: 'import', status: 'delivered' });
    const events = await env.DB.prepare('SELECT count(*) AS n FROM events WHERE inbound_id = ?')
      .bind(row!.id)
      .first<{ n: number }>();
    expect(events!.n).toBe(0);
  });

  it('only a trusted-relay flag on an ingress token is accepted', async () => {
    const response = await api('/api/tokens', {
      method: 'POST',
      body: JSON.stringify({ name: 'x', scope: 'write', trustedRelay: true }),
    });
    expect(response.status).toBe(400);
    expect((await response.json<any>()).error.message).toMatch(/trustedRelay/);
  });

  it('leaves the row of every accepted message where email() would, whatever the source', async () => {
    const rows = await env.DB.prepare(
      "SELECT count(*) AS n FROM inbound_emails WHERE source = 'relay' AND status IN ('pending', 'processing')",
    ).first<{ n: number }>();
    expect(rows!.n).toBe(0);
  });
});
