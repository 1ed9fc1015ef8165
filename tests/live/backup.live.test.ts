// Backup and restore end to end: a seeded gateway exported (`mailgate export`), then restored into an empty one
// (`mailgate restore-config` + `mailgate import-mbox` on the export's Maildir), gives the same threads, aliases and
// raw bytes; an export interrupted and run again completes without writing anything twice. A suppression made by a real
// bounce survives export and restore-config into a third, empty gateway, which then refuses to send to the address.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../e2e/support/paths.ts';
import { buildMultiRecipientDsn } from '../generators/big-mail.ts';
import { startLocalWorker, type LocalWorker } from '../e2e/support/worker.ts';

const BIN = join(repoRoot, 'bin/mailgate.js');
let seeded: LocalWorker;
let empty: LocalWorker;
let out: string;

function cli(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  const lines = result.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  return { code: result.status, lines, stderr: result.stderr };
}

async function json(worker: LocalWorker, path: string): Promise<any> {
  const response = await worker.api(path).catch((error: unknown) => {
    throw new Error(`GET ${path} failed: ${String(error)}\n${worker.output()}`);
  });
  expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
  return response.json();
}

function mail(messageId: string, headers: string[], body: string): string {
  return [
    ...headers,
    `Message-ID: <${messageId}>`,
    'Date: Sat, 21 Nov 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ].join('\r\n');
}

/** Threads as comparable data: id, subject, record and the Message-IDs in order. */
async function readThreads(worker: LocalWorker) {
  const page = await json(worker, '/api/threads?limit=200');
  const threads = [];
  for (const item of page.items) {
    const detail = await json(worker, `/api/threads/${item.id}`);
    threads.push({
      id: detail.id,
      subject: detail.subject,
      record: detail.record,
      messages: detail.messages.map((m: any) => m.messageId),
    });
  }
  return threads.sort((a, b) => a.id.localeCompare(b.id));
}

async function readAliases(worker: LocalWorker) {
  const { items } = await json(worker, '/api/aliases');
  return items
    .map((alias: any) => ({
      address: alias.address,
      action: alias.action,
      model: alias.model,
      policy: alias.policy,
      defaults: alias.defaults,
      bounceMessage: alias.bounceMessage,
    }))
    .sort((a: any, b: any) => a.address.localeCompare(b.address));
}

/** SHA-256 of every stored message's raw bytes, read back through GET /api/inbound/:id/raw. */
async function readRawDigests(worker: LocalWorker): Promise<string[]> {
  const { items } = await json(worker, '/api/inbound?limit=200');
  const digests = [];
  for (const item of items) {
    const raw = await worker
      .api(`/api/inbound/${item.id}/raw`)
      .then(async (response) => Buffer.from(await response.arrayBuffer()))
      .catch((error: unknown) => {
        throw new Error(`GET raw of ${item.id} failed: ${String(error)}\n${worker.output()}`);
      });
    digests.push(createHash('sha256').update(raw).digest('hex'));
  }
  return digests.sort();
}

describe('export, then restore into an empty gateway', () => {
  beforeAll(async () => {
    [seeded, empty] = await Promise.all([startLocalWorker(), startLocalWorker()]);
    out = mkdtempSync(join(tmpdir(), 'mailgate-export-'));
    // The seeded gateway: a custom alias, a domain setting, a lead and its reply, a refused mail, and an ERP record.
    const alias = await seeded.api('/api/aliases', {
      method: 'POST',
      body: JSON.stringify({
        address: 'support@example.com',
        action: 'record',
        model: 'helpdesk.ticket',
        policy: 'everyone',
        defaults: { team_id: 3 },
      }),
    });
    expect(alias.status).toBe(201);
    expect(
      (
        await seeded.api('/api/domains/example.com', {
          method: 'PATCH',
          body: JSON.stringify({ subjectFallback: true }),
        })
      ).status,
    ).toBe(200);
    const deliveries = [
      [
        mail(
          'lead-1@customer.test',
          ['From: Ann <ann@customer.test>', 'To: sales@example.com', 'Subject: 40 chairs'],
          'A quote, please.',
        ),
        'ann@customer.test',
        'sales@example.com',
      ],
      [
        mail(
          'reply-1@customer.test',
          [
            'From: Ann <ann@customer.test>',
            'To: catchall@example.com',
            'Subject: Re: 40 chairs',
            'In-Reply-To: <lead-1@customer.test>',
          ],
          'And 10 tables.',
        ),
        'ann@customer.test',
        'catchall@example.com',
      ],
      [
        mail(
          'ticket-1@customer.test',
          ['From: Bob <bob@customer.test>', 'To: support@example.com', 'Subject: Broken leg'],
          'One chair is broken.',
        ),
        'bob@customer.test',
        'support@example.com',
      ],
      [
        mail(
          'lost-1@customer.test',
          ['From: Eve <eve@customer.test>', 'To: nobody@example.com', 'Subject: Hello?'],
          'Anyone?',
        ),
        'eve@customer.test',
        'nobody@example.com',
      ],
    ] as const;
    for (const [raw, from, to] of deliveries) await seeded.deliverMail(raw, { from, to });
    const threads = await readThreads(seeded);
    const leadThread = threads.find((thread) => thread.messages.includes('lead-1@customer.test'))!;
    expect(
      (
        await seeded.api(`/api/threads/${leadThread.id}`, {
          method: 'PATCH',
          body: JSON.stringify({ record: { model: 'crm.lead', id: '42' } }),
        })
      ).status,
    ).toBe(200);
  }, 240_000);

  afterAll(async () => {
    await Promise.all([seeded?.close(), empty?.close()]);
    rmSync(out, { recursive: true, force: true });
  });

  it('exports every message once, resumably', async () => {
    const first = cli(['export', '--url', seeded.origin, '--token', seeded.adminToken, '--out', out]);
    expect(first.code).toBe(0);
    expect(first.lines).toEqual([expect.objectContaining({ exported: 4, alreadyThere: 0, threads: 2 })]);
    expect(readdirSync(join(out, 'Maildir/cur'))).toHaveLength(4);
    // As if the first run had died after two messages: the next run writes only what the manifest lacks.
    const manifest = readFileSync(join(out, 'manifest.jsonl'), 'utf8').split('\n').filter(Boolean);
    writeFileSync(join(out, 'manifest.jsonl'), `${manifest.slice(0, 2).join('\n')}\n${manifest[2]!.slice(0, 40)}`);
    const resumed = cli(['export', '--url', seeded.origin, '--token', seeded.adminToken, '--out', out]);
    expect(resumed.lines).toEqual([expect.objectContaining({ exported: 2, alreadyThere: 2 })]);
    const lines = readFileSync(join(out, 'manifest.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{') && line.endsWith('}'));
    expect(new Set(lines.map((line) => JSON.parse(line).id)).size).toBe(4);
  });

  it('restores the same threads, aliases and raw bytes into an empty gateway', async () => {
    const config = cli(['restore-config', out, '--url', empty.origin, '--token', empty.adminToken]);
    expect(config.code, JSON.stringify(config.lines)).toBe(0);
    expect(config.lines[0]).toMatchObject({ failed: [] });
    const restore = cli(['import-mbox', join(out, 'Maildir'), '--url', empty.origin, '--token', empty.adminToken]);
    expect(restore.code, JSON.stringify(restore.lines)).toBe(0);
    expect(restore.lines[0]).toMatchObject({ imported: 4, duplicates: 0, failed: 0, records: 1 });

    expect(await readAliases(empty)).toEqual(await readAliases(seeded));
    expect((await json(empty, '/api/domains/example.com')).subjectFallback).toBe(true);
    expect(await readThreads(empty)).toEqual(await readThreads(seeded));
    expect(await readRawDigests(empty)).toEqual(await readRawDigests(seeded));
    const restoredRows = (await json(empty, '/api/inbound?limit=200')).items;
    expect(restoredRows.every((row: any) => row.imported && row.source === 'import')).toBe(true);
    expect(restoredRows.find((row: any) => row.messageId === 'lost-1@customer.test').threadId).toBeNull();

    // Run again: nothing new.
    const again = cli(['import-mbox', join(out, 'Maildir'), '--url', empty.origin, '--token', empty.adminToken]);
    expect(again.lines[0]).toMatchObject({ imported: 0, duplicates: 4 });
  });
});

describe('the suppression list through export and restore-config', () => {
  let source: LocalWorker;
  let fresh: LocalWorker;
  let dir: string;
  const gone = 'gone.customer@customer.test';

  beforeAll(async () => {
    [source, fresh] = await Promise.all([startLocalWorker(), startLocalWorker()]);
    dir = mkdtempSync(join(tmpdir(), 'mailgate-export-suppressions-'));
  }, 240_000);

  afterAll(async () => {
    await Promise.all([source?.close(), fresh?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a hard bounce suppressed before the export is suppressed after restore-config, and a send to it is refused', async () => {
    // Mail the ERP sends with mailgate's headers, then the receiving MTA's RFC 3464 report to its VERP Return-Path.
    const outbound = await source.api('/api/outbound', {
      method: 'POST',
      body: JSON.stringify({ domain: 'example.com', to: [gone], subject: 'Your quotation' }),
    });
    expect(outbound.status).toBe(201);
    const { messageId, returnPath } = (await outbound.json()) as { messageId: string; returnPath: string };
    const report = buildMultiRecipientDsn({
      messageId: 'dsn-gone@mx.remote.example',
      to: returnPath,
      recipients: [{ address: gone, status: '5.1.1' }],
      originalMessageId: messageId,
    });
    const delivered = await source.deliverMail(report, { from: 'mailer-daemon@mx.remote.example', to: returnPath });
    expect(delivered.status, await delivered.clone().text()).toBeLessThan(300);
    const before = await json(source, `/api/suppressions/${encodeURIComponent(gone)}?domain=example.com`);
    expect(before).toMatchObject({ suppressed: true, source: 'bounce', reason: 'userunknown' });
    // And one added by hand, in bulk form.
    const manual = await source.api('/api/suppressions', {
      method: 'POST',
      body: JSON.stringify({ domain: 'example.com', entries: [{ address: 'asked@customer.test', reason: 'asked' }] }),
    });
    expect(manual.status).toBe(200);

    const exported = cli(['export', '--url', source.origin, '--token', source.adminToken, '--out', dir]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.lines[0]).toMatchObject({ suppressions: 2 });
    const lines = readFileSync(join(dir, 'suppressions.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(lines.find((line) => line.address === gone)).toMatchObject({
      domain: 'example.com',
      source: 'bounce',
      reason: 'userunknown',
      suppressedAt: before.suppressedAt,
    });

    // The fresh gateway has never seen the bounce: without the restore it would mail the address.
    expect((await json(fresh, `/api/suppressions/${encodeURIComponent(gone)}?domain=example.com`)).suppressed).toBe(
      false,
    );
    const restored = cli(['restore-config', dir, '--url', fresh.origin, '--token', fresh.adminToken]);
    expect(restored.code, JSON.stringify(restored.lines)).toBe(0);
    expect(restored.lines[0]).toMatchObject({ failed: [], suppressions: { added: 2, alreadyThere: 0 } });
    const after = await json(fresh, `/api/suppressions/${encodeURIComponent(gone)}?domain=example.com`);
    expect(after).toMatchObject({
      suppressed: true,
      source: 'bounce',
      reason: 'userunknown',
      suppressedAt: before.suppressedAt,
      bounceCount: before.bounceCount,
    });
    expect(await json(fresh, '/api/suppressions/asked%40customer.test?domain=example.com')).toMatchObject({
      suppressed: true,
      source: 'manual',
      reason: 'asked',
    });

    const send = await fresh.api('/api/send', {
      method: 'POST',
      body: JSON.stringify({
        from: 'sales@example.com',
        to: [gone],
        subject: 'New offer',
        text: 'Hello again.',
        idempotencyKey: 'offer-1',
      }),
    });
    expect(send.status, await send.clone().text()).toBe(422);
    expect(await send.json()).toMatchObject({
      error: { code: 'all_recipients_refused' },
      refused: [{ address: gone }],
    });

    // Run again: every address is already there, and keeps its entry.
    const again = cli(['restore-config', dir, '--url', fresh.origin, '--token', fresh.adminToken]);
    expect(again.lines[0]).toMatchObject({ suppressions: { added: 0, alreadyThere: 2 } });
  });
});
