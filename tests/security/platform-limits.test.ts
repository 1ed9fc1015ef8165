// Ordinary mail that is bigger than the fixtures: long References, many attachments, wide DSNs, a parser bomb and a
// huge body must each end in a final state within D1's limits (100 bound parameters, 100 KB statements, 2 MB rows).
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import {
  buildMailWithAttachments,
  buildMailWithReferences,
  buildMultiRecipientDsn,
  buildPartBomb,
  buildPlainMail,
  numberedAttachments,
} from '../generators/big-mail.ts';
import {
  api,
  apiJson,
  deliverEmail,
  findInboundByMessageId,
  findInboundByRaw,
  uniqueMessageId,
} from '../worker/helpers.ts';
import { MAX_STORED_ATTACHMENTS } from '../../worker/inbound/limits.ts';

async function onlyRow(messageId: string) {
  const rows = await findInboundByMessageId(messageId);
  expect(rows, `one inbound row for ${messageId}`).toHaveLength(1);
  return rows[0]!;
}

async function countRows(sql: string, ...bindings: unknown[]): Promise<number> {
  const row = await env.DB.prepare(sql)
    .bind(...bindings)
    .first<{ n: number }>();
  return row!.n;
}

describe('mail that does not fit one D1 statement', () => {
  it('files replies with 49, 50 and 300 References into their thread and keeps only the newest 32', async () => {
    for (const count of [49, 50, 300]) {
      const root = uniqueMessageId(`root${count}`);
      await deliverEmail(buildPlainMail({ messageId: root }));
      const rootThread = (await onlyRow(root)).thread_id as string;
      // The thread's older messages never reached this gateway (a mailing list joined late); the newest one did.
      const references = [...Array.from({ length: count - 1 }, (_, i) => uniqueMessageId(`old${i}`)), root];
      const reply = uniqueMessageId(`reply${count}`);
      const result = await deliverEmail(
        buildMailWithReferences({ messageId: reply, references, to: 'catchall@example.com' }),
        {
          to: 'catchall@example.com',
        },
      );
      expect(result.rejected, `${count} References`).toBeNull();
      const row = await onlyRow(reply);
      expect(row, `${count} References`).toMatchObject({ status: 'delivered', route: 'thread', thread_id: rootThread });
      const stored = await env.DB.prepare('SELECT "references" AS refs FROM messages WHERE inbound_id = ?')
        .bind(row.id)
        .first<{ refs: string }>();
      expect(JSON.parse(stored!.refs), `${count} References stored`).toEqual(references.slice(-32));
      // The thread knows the root, the reply and at most the newest 32 references.
      expect(
        await countRows('SELECT COUNT(*) AS n FROM thread_refs WHERE thread_id = ?', rootThread),
      ).toBeLessThanOrEqual(2 + 32);
    }
  });

  it(`files messages with 12, 13 and ${MAX_STORED_ATTACHMENTS + 10} attachments; past the cap they stay in the raw message and still download`, async () => {
    for (const count of [12, 13, MAX_STORED_ATTACHMENTS + 10]) {
      const messageId = uniqueMessageId(`att${count}`);
      const attachments = numberedAttachments(count);
      expect((await deliverEmail(buildMailWithAttachments({ messageId, attachments }))).rejected).toBeNull();
      const row = await onlyRow(messageId);
      expect(row, `${count} attachments`).toMatchObject({ status: 'delivered' });
      const thread = await apiJson(`/api/threads/${row.thread_id}`);
      const listed = thread.messages.find(
        (message: { messageId: string }) => message.messageId === messageId,
      ).attachments;
      expect(listed.map((a: { filename: string }) => a.filename)).toEqual(attachments.map((a) => a.filename));
      const copies = await env.MAIL.list({ prefix: `attachments/${row.id}/` });
      expect(copies.objects, `${count} attachments copied to R2`).toHaveLength(Math.min(count, MAX_STORED_ATTACHMENTS));
      for (const index of [0, count - 1]) {
        const download = await api(listed[index].url);
        expect(download.status).toBe(200);
        expect(new Uint8Array(await download.arrayBuffer())).toEqual(attachments[index]!.content);
      }
    }
  });

  it('records a DSN about 8, 9 and 50 recipients: one bounce row per recipient', async () => {
    for (const count of [8, 9, 50]) {
      const messageId = uniqueMessageId(`dsn${count}`);
      const recipients = Array.from(
        { length: count },
        (_, i) => `gone${i}.${crypto.randomUUID().slice(0, 6)}@remote.example`,
      );
      const result = await deliverEmail(buildMultiRecipientDsn({ messageId, recipients }), {
        from: '',
        to: 'bounce@example.com',
      });
      expect(result.rejected).toBeNull();
      const row = await onlyRow(messageId);
      expect(row, `DSN for ${count}`).toMatchObject({ status: 'delivered', route: 'bounce' });
      const logged = await env.DB.prepare('SELECT address FROM bounces WHERE inbound_id = ? ORDER BY address')
        .bind(row.id)
        .all<{ address: string }>();
      expect(logged.results.map((r) => r.address)).toEqual([...recipients].sort());
    }
  });

  it('refuses a bomb of 10,000 MIME parts without Content-Type lines at once: failed, raw kept, event raised', async () => {
    const messageId = uniqueMessageId('bomb');
    const raw = buildPartBomb({ messageId, parts: 10_000 });
    expect((await deliverEmail(raw)).rejected).toBeNull();
    const [row] = await findInboundByRaw(raw);
    expect(row).toMatchObject({ status: 'failed' });
    expect(row!.reason).toMatch(/\b10,?00\d MIME parts/);
    expect(await (await env.MAIL.get(row!.raw_key!))!.text()).toBe(raw);
    expect(
      await countRows("SELECT COUNT(*) AS n FROM events WHERE type = 'inbound.failed' AND inbound_id = ?", row!.id),
    ).toBe(1);
  }, 30_000);

  it('keeps every row under 2 MB: a 3 MB body is stored capped in D1, whole in R2', async () => {
    const messageId = uniqueMessageId('huge-body');
    const line = 'All work and no play makes Jack a dull boy. '.repeat(2) + '\r\n';
    const text = line.repeat(Math.ceil((3 * 1024 * 1024) / line.length));
    const raw = buildPlainMail({ messageId, text });
    expect((await deliverEmail(raw)).rejected).toBeNull();
    const row = await onlyRow(messageId);
    expect(row.status).toBe('delivered');
    const sizes = await env.DB.prepare(
      "SELECT length(CAST(text AS BLOB)) AS text, length(CAST(coalesce(reply_text, '') AS BLOB)) AS reply FROM messages WHERE inbound_id = ?",
    )
      .bind(row.id)
      .first<{ text: number; reply: number }>();
    expect(sizes!.text).toBeGreaterThan(0);
    expect(sizes!.text + sizes!.reply).toBeLessThan(1024 * 1024);
    const events = await env.DB.prepare('SELECT length(CAST(payload AS BLOB)) AS size FROM events WHERE inbound_id = ?')
      .bind(row.id)
      .all<{ size: number }>();
    for (const event of events.results) expect(event.size).toBeLessThan(2_000_000);
    expect(await (await env.MAIL.get(row.raw_key as string))!.text()).toBe(raw);
  });
});
