// Bounces in workerd: linked by VERP or quoted Message-ID (only linked reports count), the suppression policy,
// authenticated resets, and the API.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import {
  api,
  apiJson,
  AUTHENTIC_SENDER_IP,
  buildArf,
  buildDsn,
  buildMail,
  deliverEmail,
  prependCloudflareReceived,
} from './helpers.ts';

const DAY = 24 * 60 * 60 * 1000;

const DOMAIN_ID = 'dom_test_example';

/** A fresh remote address per test: the tests of this file share one database. */
function remoteAddress(label: string, domain = 'remote.example'): string {
  return `${label}.${crypto.randomUUID().slice(0, 8)}@${domain}`;
}

type Outbound = { messageId: string; returnPath: string; threadId: string; replyTo: string };

async function sendOutbound(to: string, extra: Record<string, unknown> = {}): Promise<Outbound> {
  return apiJson('/api/outbound', {
    method: 'POST',
    body: JSON.stringify({ domain: 'example.com', to: [to], subject: 'Your quotation', ...extra }),
  });
}

const userUnknown = (recipient: string) => ({
  recipient,
  status: '5.1.1',
  diagnostic: `550 5.1.1 <${recipient}>: Recipient address rejected: User unknown in virtual mailbox table`,
});
const mailboxFull = (recipient: string) => ({
  recipient,
  status: '5.2.2',
  diagnostic: `552 5.2.2 <${recipient}>: Mailbox full, quota exceeded`,
});

async function deliverReport(raw: string, to: string) {
  const result = await deliverEmail(raw, { from: '', to });
  expect(result.rejected).toBeNull();
  return result;
}

async function outboundRow(messageId: string) {
  return env.DB.prepare("SELECT * FROM messages WHERE message_id = ? AND direction = 'outbound'")
    .bind(messageId)
    .first<Record<string, any>>();
}

async function bounceRows(address: string) {
  const { results } = await env.DB.prepare('SELECT * FROM bounces WHERE address = ? ORDER BY id')
    .bind(address)
    .all<Record<string, any>>();
  return results;
}

async function suppressionRow(address: string) {
  return env.DB.prepare('SELECT * FROM suppressions WHERE domain_id = ? AND address = ?')
    .bind(DOMAIN_ID, address)
    .first<Record<string, any>>();
}

/** A normal mail from `from` that passes DMARC (authentic.example's SPF host): it proves the address alive. */
async function deliverAuthenticatedMail(from: string) {
  const raw = prependCloudflareReceived(buildMail({ from, to: 'inbox@example.com' }), AUTHENTIC_SENDER_IP);
  const result = await deliverEmail(raw, { from, to: 'inbox@example.com' });
  expect(result.rejected).toBeNull();
}

/** Events whose payload mentions the address, oldest first. */
async function eventsAbout(address: string): Promise<{ type: string; threadId: string | null; payload: any }[]> {
  const { results } = await env.DB.prepare(
    'SELECT type, thread_id, payload FROM events WHERE payload LIKE ? ORDER BY id',
  )
    .bind(`%${address}%`)
    .all<{ type: string; thread_id: string | null; payload: string }>();
  return results.map((row) => ({ type: row.type, threadId: row.thread_id, payload: JSON.parse(row.payload) }));
}

describe('linking a bounce to what bounced', () => {
  it('a DSN to bounce+<token>@ updates the outbound message, its thread and the suppression entry', async () => {
    const address = remoteAddress('gone');
    const sent = await sendOutbound(address, { record: { model: 'sale.order', id: '42' } });
    expect(sent.returnPath).toMatch(/^bounce\+[a-z0-9]+@example\.com$/);
    // No quoted Message-ID: only the VERP token can link it.
    await deliverReport(buildDsn(userUnknown(address)), sent.returnPath);

    const message = await outboundRow(sent.messageId);
    expect(message).toMatchObject({ delivery_state: 'bounced', thread_id: sent.threadId });
    const [row, ...more] = await bounceRows(address);
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({
      message_row_id: message!.id,
      thread_id: sent.threadId,
      status: '5.1.1',
      reason: 'userunknown',
      permanent: 1,
    });
    expect(await suppressionRow(address)).toMatchObject({
      source: 'bounce',
      reason: 'userunknown',
      bounce_count: 1,
      complained: 0,
    });
    expect((await suppressionRow(address))!.suppressed_at).not.toBeNull();

    const events = await eventsAbout(address);
    expect(events.map((event) => event.type)).toEqual(['bounce.recorded', 'recipient.suppressed']);
    expect(events[0]!.threadId).toBe(sent.threadId);
    expect(events[0]!.payload.link).toEqual({
      by: 'verp',
      message: { id: message!.id, messageId: sent.messageId },
      thread: { id: sent.threadId },
      record: { model: 'sale.order', id: '42' },
    });
    expect(events[1]!.payload).toMatchObject({ address, suppressed: true, reason: 'userunknown', source: 'bounce' });
  });

  it('a forged VERP token links nothing', async () => {
    const address = remoteAddress('forged');
    const sent = await sendOutbound(address);
    const token = sent.returnPath.slice('bounce+'.length, sent.returnPath.indexOf('@'));
    const forged = `${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}`;
    await deliverReport(buildDsn(userUnknown(address)), `bounce+${forged}@example.com`);

    expect((await outboundRow(sent.messageId))!.delivery_state).toBeNull();
    const [row] = await bounceRows(address);
    expect(row).toMatchObject({ message_row_id: null, thread_id: null, reason: 'userunknown', verified: 0 });
    // Anyone could have written it: logged as unverified, and it neither counts nor suppresses.
    expect(await suppressionRow(address)).toBeNull();
    expect(await eventsAbout(address)).toEqual([]);
  });

  it('links by the quoted original Message-ID without VERP (Odoo style, to plain bounce@)', async () => {
    const address = remoteAddress('odoo');
    const sent = await sendOutbound(address);
    await deliverReport(buildDsn({ ...userUnknown(address), originalMessageId: sent.messageId }), 'bounce@example.com');

    const message = await outboundRow(sent.messageId);
    expect(message!.delivery_state).toBe('bounced');
    expect((await bounceRows(address))[0]).toMatchObject({
      message_row_id: message!.id,
      thread_id: sent.threadId,
      verified: 1,
    });
    expect((await eventsAbout(address))[0]!.payload.link).toMatchObject({
      by: 'message-id',
      thread: { id: sent.threadId },
    });
  });
});

describe('the suppression policy', () => {
  it('counts a soft bounce without suppressing', async () => {
    const address = remoteAddress('full');
    const sent = await sendOutbound(address);
    await deliverReport(buildDsn(mailboxFull(address)), sent.returnPath);

    expect(await suppressionRow(address)).toMatchObject({ bounce_count: 1, suppressed_at: null, source: null });
    expect((await eventsAbout(address)).map((event) => event.type)).toEqual(['bounce.recorded']);
    expect((await outboundRow(sent.messageId))!.delivery_state).toBe('bounced');
  });

  it('never counts a delayed DSN', async () => {
    const address = remoteAddress('slow');
    const sent = await sendOutbound(address);
    await deliverReport(
      buildDsn({ recipient: address, status: '4.4.7', action: 'delayed', diagnostic: '421 4.4.7 still trying' }),
      sent.returnPath,
    );
    expect(await bounceRows(address)).toEqual([expect.objectContaining({ verified: 1, action: 'delayed' })]);
    expect(await suppressionRow(address)).toBeNull();
    expect((await outboundRow(sent.messageId))!.delivery_state).toBe('delayed');
  });

  it('suppresses the fifth bounce when the bounces span more than a week', async () => {
    const address = remoteAddress('flaky');
    const now = Date.now();
    // Four earlier bounces, the first 10 days ago (the stored counters the policy works on).
    await env.DB.prepare(
      'INSERT INTO suppressions (domain_id, address, bounce_count, first_bounce_at, last_bounce_at, complained) VALUES (?, ?, 4, ?, ?, 0)',
    )
      .bind(DOMAIN_ID, address, now - 10 * DAY, now - 2 * DAY)
      .run();
    const sent = await sendOutbound(address);
    await deliverReport(buildDsn(mailboxFull(address)), sent.returnPath);

    const row = await suppressionRow(address);
    expect(row).toMatchObject({ bounce_count: 5, source: 'bounce', first_bounce_at: now - 10 * DAY });
    expect(row!.reason).toMatch(/^5 bounces over (9|10) days \(last: mailboxfull\)$/);
    expect((await eventsAbout(address)).map((event) => event.type)).toEqual([
      'bounce.recorded',
      'recipient.suppressed',
    ]);
  });

  it('does not suppress five bounces within the same week', async () => {
    const address = remoteAddress('burst');
    const now = Date.now();
    await env.DB.prepare(
      'INSERT INTO suppressions (domain_id, address, bounce_count, first_bounce_at, last_bounce_at, complained) VALUES (?, ?, 4, ?, ?, 0)',
    )
      .bind(DOMAIN_ID, address, now - 2 * DAY, now - DAY)
      .run();
    const sent = await sendOutbound(address);
    await deliverReport(buildDsn(mailboxFull(address)), sent.returnPath);
    expect(await suppressionRow(address)).toMatchObject({ bounce_count: 5, suppressed_at: null });
  });

  it('a complaint (ARF) suppresses and marks the message', async () => {
    const address = remoteAddress('angry');
    const sent = await sendOutbound(address);
    await deliverReport(buildArf({ complainant: address, originalMessageId: sent.messageId }), 'bounce@example.com');

    expect(await suppressionRow(address)).toMatchObject({ complained: 1, source: 'complaint', reason: 'complaint' });
    expect((await outboundRow(sent.messageId))!.delivery_state).toBe('complained');
    const events = await eventsAbout(address);
    expect(events.map((event) => event.type)).toEqual(['complaint.recorded', 'recipient.suppressed']);
    expect(events[0]!.payload).toMatchObject({
      feedbackType: 'abuse',
      link: { by: 'message-id', thread: { id: sent.threadId } },
    });
  });

  it('an authenticated normal mail from a bounced address resets its count, but never lifts a complaint', async () => {
    const counted = remoteAddress('back', 'authentic.example');
    const complainer = remoteAddress('still-angry', 'authentic.example');
    const toCounted = await sendOutbound(counted);
    await deliverReport(buildDsn(mailboxFull(counted)), toCounted.returnPath);
    await deliverReport(buildDsn(mailboxFull(counted)), toCounted.returnPath);
    const toComplainer = await sendOutbound(complainer);
    await deliverReport(
      buildArf({ complainant: complainer, originalMessageId: toComplainer.messageId }),
      'bounce@example.com',
    );
    expect(await suppressionRow(counted)).toMatchObject({ bounce_count: 2 });

    for (const from of [counted, complainer]) await deliverAuthenticatedMail(from);
    expect(await suppressionRow(counted)).toMatchObject({
      bounce_count: 0,
      first_bounce_at: null,
      suppressed_at: null,
    });
    const complaint = await suppressionRow(complainer);
    expect(complaint).toMatchObject({ complained: 1, source: 'complaint' });
    expect(complaint!.suppressed_at).not.toBeNull();
  });

  it('an authenticated normal mail lifts a suppression that a bounce caused', async () => {
    const address = remoteAddress('moved-back', 'authentic.example');
    const sent = await sendOutbound(address);
    await deliverReport(buildDsn({ ...userUnknown(address), originalMessageId: sent.messageId }), 'bounce@example.com');
    expect((await suppressionRow(address))!.suppressed_at).not.toBeNull();
    await deliverAuthenticatedMail(address);
    expect(await suppressionRow(address)).toMatchObject({ suppressed_at: null, source: null, bounce_count: 0 });
  });

  it('a normal mail that is not authenticated changes nothing (anyone can write a From)', async () => {
    const address = remoteAddress('spoofed');
    const sent = await sendOutbound(address);
    await deliverReport(buildDsn(mailboxFull(address)), sent.returnPath);
    await deliverEmail(buildMail({ from: address, to: 'inbox@example.com' }), {
      from: address,
      to: 'inbox@example.com',
    });
    expect(await suppressionRow(address)).toMatchObject({ bounce_count: 1 });
  });
});

describe('replaying a bounce', () => {
  it('re-files its rows but does not count the same report twice', async () => {
    const address = remoteAddress('replayed');
    const sent = await sendOutbound(address);
    await deliverReport(buildDsn(mailboxFull(address)), sent.returnPath);
    const [first] = await bounceRows(address);
    await apiJson(`/api/inbound/${first!.inbound_id}/replay`, { method: 'POST' });

    const rows = await bounceRows(address);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ inbound_id: first!.inbound_id, thread_id: sent.threadId });
    expect(await suppressionRow(address)).toMatchObject({ bounce_count: 1 });
  });
});

describe('the suppressions API', () => {
  it('answers suppressed:false for an address it never saw, with one lookup', async () => {
    const address = remoteAddress('Unknown');
    const answer = await apiJson(`/api/suppressions/${encodeURIComponent(address)}`);
    expect(answer).toMatchObject({
      address: address.toLowerCase(),
      suppressed: false,
      bounceCount: 0,
      complained: false,
    });
    expect((await api('/api/suppressions/not-an-address')).status).toBe(400);
  });

  it('lists, looks up, logs and lifts; a complaint needs force', async () => {
    const bounced = remoteAddress('listed');
    const complainer = remoteAddress('listed-complaint');
    await deliverReport(buildDsn(userUnknown(bounced)), (await sendOutbound(bounced)).returnPath);
    const toComplainer = await sendOutbound(complainer);
    await deliverReport(
      buildArf({ complainant: complainer, originalMessageId: toComplainer.messageId }),
      'bounce@example.com',
    );

    const lookup = await apiJson(`/api/suppressions/${encodeURIComponent(bounced.toUpperCase())}`);
    expect(lookup).toMatchObject({
      address: bounced,
      suppressed: true,
      reason: 'userunknown',
      source: 'bounce',
      bounceCount: 1,
    });
    expect(typeof lookup.suppressedAt).toBe('string');

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { address: string }[]; nextCursor: string | null } = await apiJson(
        `/api/suppressions?limit=2${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.address));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expect.arrayContaining([bounced, complainer]));
    expect(new Set(seen).size).toBe(seen.length);

    const log = await apiJson(`/api/bounces?address=${encodeURIComponent(bounced)}`);
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({
      address: bounced,
      kind: 'bounce',
      status: '5.1.1',
      reason: 'userunknown',
      permanent: true,
      verified: true,
      domain: 'example.com',
    });

    const refused = await api(`/api/suppressions/${encodeURIComponent(complainer)}`, { method: 'DELETE' });
    expect(refused.status).toBe(409);
    expect((await apiJson(`/api/suppressions/${encodeURIComponent(complainer)}`)).suppressed).toBe(true);
    const forced = await apiJson(`/api/suppressions/${encodeURIComponent(complainer)}?force=true`, {
      method: 'DELETE',
    });
    expect(forced).toMatchObject({ suppressed: false, complained: false });

    const lifted = await apiJson(`/api/suppressions/${encodeURIComponent(bounced)}`, { method: 'DELETE' });
    expect(lifted).toMatchObject({ suppressed: false, bounceCount: 0 });
    expect((await apiJson(`/api/suppressions/${encodeURIComponent(bounced)}`)).suppressed).toBe(false);
  });
});
