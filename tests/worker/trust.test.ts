// Trust in the pipeline: the sender flood limit, quarantine and release, loops, spam policy, and the DNS report.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { signLoopMarker } from '../../worker/deliver/loop-marker.ts';
import { api, apiJson, buildMail, deliverEmail, findInboundByMessageId, uniqueMessageId } from './helpers.ts';

async function routeOf(messageId: string) {
  const [row] = await findInboundByMessageId(messageId);
  return row!;
}

describe('trust in the pipeline', () => {
  it('holds an auto-reply storm past 20 messages in 120 minutes, with a single notice', async () => {
    const sender = `storm-${crypto.randomUUID().slice(0, 8)}@autoresponder.example`;
    const root = uniqueMessageId('storm-root');
    await deliverEmail(buildMail({ messageId: root }));
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) {
      const messageId = uniqueMessageId(`storm${i}`);
      ids.push(messageId);
      const mail = buildMail({
        messageId,
        from: sender,
        to: 'catchall@example.com',
        inReplyTo: root,
        subject: `Automatic reply ${i}`,
        extraHeaders: ['Auto-Submitted: auto-replied'],
      });
      await deliverEmail(mail, { from: sender, to: 'catchall@example.com' });
    }
    const rows = await Promise.all(ids.map(routeOf));
    const accepted = rows.filter((row) => row.route !== 'quarantine');
    expect(accepted).toHaveLength(20);
    expect(rows.filter((row) => row.route === 'quarantine')).toHaveLength(80);
    expect(rows.every((row) => row.status === 'delivered')).toBe(true);
    const notices = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM events WHERE type = 'inbound.quarantined' AND json_extract(payload, '$.sender') = ?",
    )
      .bind(sender)
      .first<{ n: number }>();
    expect(notices!.n).toBe(1);
    const held = rows.at(-1)!;
    const events = await env.DB.prepare('SELECT COUNT(*) AS n FROM events WHERE inbound_id = ?')
      .bind(held.id)
      .first<{ n: number }>();
    expect(events!.n).toBe(0);
  });

  it('releases a held message: it is routed again and its events go out', async () => {
    const sender = `flood-${crypto.randomUUID().slice(0, 8)}@customer.example`;
    let last = '';
    for (let i = 0; i < 21; i++) {
      last = uniqueMessageId(`flood${i}`);
      await deliverEmail(buildMail({ messageId: last, from: sender }), { from: sender });
    }
    const held = await routeOf(last);
    expect(held.route).toBe('quarantine');
    const listed = await apiJson(`/api/inbound?route=quarantine&limit=200`);
    expect(listed.items.map((item: { id: string }) => item.id)).toContain(held.id);
    const released = await apiJson(`/api/inbound/${held.id}/release`, { method: 'POST' });
    expect(released).toMatchObject({ route: 'alias', status: 'delivered', quarantinedAt: null });
    expect((await api(`/api/inbound/${held.id}/release`, { method: 'POST' })).status).toBe(409);
  });

  it('holds mail that carries a loop marker this installation signed, and ignores one it did not', async () => {
    const marker = await signLoopMarker('inb_01returnedcopy0000000000', ['test-reply-token-secret']);
    const signed = uniqueMessageId('loop');
    expect(
      (await deliverEmail(buildMail({ messageId: signed, extraHeaders: [`X-Mailgate-Loop: ${marker}`] }))).rejected,
    ).toBeNull();
    expect(await routeOf(signed)).toMatchObject({
      status: 'delivered',
      route: 'quarantine',
      reason: expect.stringMatching(/^loop: .*inb_01returnedcopy0000000000/),
    });

    const forged = await signLoopMarker('inb_01returnedcopy0000000000', ['another-installation-secret']);
    for (const value of ['example.com', forged]) {
      const messageId = uniqueMessageId('not-ours');
      await deliverEmail(buildMail({ messageId, extraHeaders: [`X-Mailgate-Loop: ${value}`] }));
      expect(await routeOf(messageId)).toMatchObject({ status: 'delivered', route: 'alias' });
    }
  });

  it('holds mail flagged as spam upstream (the default spam policy), and tags it when told to deliver', async () => {
    const flagged = uniqueMessageId('spam');
    await deliverEmail(buildMail({ messageId: flagged, extraHeaders: ['X-Spam-Flag: YES', 'X-Spam-Score: 12.5'] }));
    const row = await routeOf(flagged);
    expect(row.route).toBe('quarantine');
    expect(JSON.parse(row.spam)).toMatchObject({ flagged: true });
  });

  it('stores the authentication verdict with the message and serves sanitized HTML only', async () => {
    const messageId = uniqueMessageId('html');
    const raw = buildMail({ messageId })
      .replace('Content-Type: text/plain; charset=utf-8', 'Content-Type: text/html; charset=utf-8')
      .replace(
        'Hello, could you send me a quote?',
        '<p onclick="steal()">Hi<script>alert(1)</script><img src="https://tracker.example/p.gif"></p>',
      );
    await deliverEmail(raw);
    const row = await routeOf(messageId);
    expect(JSON.parse(row.auth)).toHaveProperty('dmarc');
    const thread = await apiJson(`/api/threads/${row.thread_id}`);
    const html: string = thread.messages[0].html;
    expect(html).toContain('Hi');
    expect(html).not.toMatch(/<script|onclick|\ssrc="https?:/i);
    expect(thread.messages[0].auth).toHaveProperty('spf');
  });

  it('reports a broken domain through GET /api/domains/:name/dns (DoH answered from the test zone)', async () => {
    const report = await apiJson('/api/domains/broken.example/dns');
    const statusOf = (check: string) => report.findings.find((f: { check: string }) => f.check === check)?.status;
    expect(report.domain).toBe('broken.example');
    expect(statusOf('mx')).toBe('fail');
    expect(statusOf('spf')).toBe('fail');
    expect(statusOf('dmarc')).toBe('fail');
    const good = await apiJson('/api/domains/example.com/dns');
    expect(good.findings.find((f: { check: string }) => f.check === 'mx').status).toBe('ok');
    expect((await api('/api/domains/not_a_domain/dns')).status).toBe(400);
  });
});
