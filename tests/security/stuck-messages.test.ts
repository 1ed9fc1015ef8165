// No message stuck, none filed twice: poison rows cannot starve the cron sweep, attempts are capped and end `failed`
// with an event and a replay, and two concurrent deliveries of the same bytes file one message.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import worker from '../../worker/index.ts';
import { SWEEP_BATCH } from '../../worker/inbound/sweep.ts';
import { buildPlainMail } from '../generators/big-mail.ts';
import { apiJson, deliverEmail, findInboundByMessageId, uniqueMessageId } from '../worker/helpers.ts';

const HOUR = 60 * 60 * 1000;

async function runSweep(at: Date): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: at, cron: '*/5 * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

async function readRow(id: string) {
  return env.DB.prepare('SELECT * FROM inbound_emails WHERE id = ?').bind(id).first<Record<string, any>>();
}

/** A row left `processing` by a crash an hour or more ago, as the sweep finds it. */
async function insertStuckRow(input: { id: string; rawKey: string; createdAt: number }) {
  await env.DB.prepare(
    `INSERT INTO inbound_emails (id, raw_key, checksum, size_bytes, envelope_from, envelope_to, status, attempts, created_at, updated_at)
     VALUES (?, ?, ?, 100, 'ann@sender.example', 'inbox@example.com', 'processing', 1, ?, ?)`,
  )
    .bind(input.id, input.rawKey, crypto.randomUUID().replaceAll('-', ''), input.createdAt, input.createdAt)
    .run();
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the cron sweep and the attempt cap', () => {
  it('reaches a healthy message behind 26 poison rows, then gives the poison up as failed, with an event and a replay', async () => {
    const start = Date.now();
    const tag = crypto.randomUUID().slice(0, 8);
    // 26 rows whose raw bytes are missing from R2: every attempt fails, older than the healthy row.
    const poisonIds = Array.from({ length: 26 }, (_, i) => `inb_poison${tag}${String(i).padStart(2, '0')}`);
    for (const [i, id] of poisonIds.entries()) {
      await insertStuckRow({ id, rawKey: `raw/${id}.eml`, createdAt: start - 3 * HOUR + i });
    }
    const healthyId = `inb_healthy${tag}`;
    const healthyMessageId = uniqueMessageId('healthy');
    await env.MAIL.put(`raw/${healthyId}.eml`, buildPlainMail({ messageId: healthyMessageId }));
    await insertStuckRow({ id: healthyId, rawKey: `raw/${healthyId}.eml`, createdAt: start - 2 * HOUR });

    const sweepsNeeded = Math.ceil((poisonIds.length + 1) / SWEEP_BATCH);
    for (let i = 0; i < sweepsNeeded && (await readRow(healthyId))!.status !== 'delivered'; i++)
      await runSweep(new Date());
    expect(await readRow(healthyId)).toMatchObject({ status: 'delivered', route: 'alias' });

    // Each sweep later (backoff grows), the poison rows are tried again until the cap, then end failed.
    vi.useFakeTimers({ toFake: ['Date'] });
    let now = Date.now();
    for (let round = 0; round < 40; round++) {
      now += 24 * HOUR;
      vi.setSystemTime(now);
      for (let i = 0; i < sweepsNeeded; i++) await runSweep(new Date(now));
      const open = await env.DB.prepare(
        `SELECT COUNT(*) AS n FROM inbound_emails WHERE id IN (${poisonIds.map(() => '?').join(',')}) AND status <> 'failed'`,
      )
        .bind(...poisonIds)
        .first<{ n: number }>();
      if (open!.n === 0) break;
    }
    vi.useRealTimers();
    for (const id of poisonIds) {
      const row = (await readRow(id))!;
      expect(row.status).toBe('failed');
      expect(row.reason).toMatch(/attempts/);
      expect(row.reason).toMatch(/missing from R2/);
      const failedEvents = await env.DB.prepare(
        "SELECT COUNT(*) AS n FROM events WHERE type = 'inbound.failed' AND inbound_id = ?",
      )
        .bind(id)
        .first<{ n: number }>();
      expect(failedEvents!.n).toBe(1);
    }
    const attempts = (await readRow(poisonIds[0]!))!.attempts as number;
    expect(attempts).toBeGreaterThan(2);
    expect(attempts).toBeLessThan(20);

    // The store recovers: an admin's replay files the message.
    const first = poisonIds[0]!;
    await env.MAIL.put(`raw/${first}.eml`, buildPlainMail({ messageId: uniqueMessageId('recovered') }));
    const replayed = await apiJson(`/api/inbound/${first}/replay`, { method: 'POST' });
    expect(replayed).toMatchObject({ status: 'delivered', route: 'alias' });
  }, 120_000);
});

describe('concurrent deliveries of the same bytes', () => {
  it('file one message row and one message.received event', async () => {
    const messageId = uniqueMessageId('twice');
    const raw = buildPlainMail({ messageId });
    const outcomes = await Promise.allSettled([deliverEmail(raw), deliverEmail(raw)]);
    // A delivery told to retry (a temporary SMTP error) comes back, as the sending MTA would.
    for (const outcome of outcomes) if (outcome.status === 'rejected') await deliverEmail(raw);
    expect(outcomes.some((outcome) => outcome.status === 'fulfilled')).toBe(true);

    const rows = await findInboundByMessageId(messageId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'delivered' });
    const messages = await env.DB.prepare('SELECT COUNT(*) AS n FROM messages WHERE message_id = ?')
      .bind(messageId)
      .first<{ n: number }>();
    expect(messages!.n).toBe(1);
    const received = await env.DB.prepare("SELECT id FROM events WHERE type = 'message.received' AND inbound_id = ?")
      .bind(rows[0]!.id)
      .all<{ id: string }>();
    expect(received.results).toHaveLength(1);
  });
});
