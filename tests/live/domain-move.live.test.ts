// A domain moved between two local D1 databases under real `wrangler dev`, with the real CLI (`mailgate
// move-domain`), while mail keeps arriving at the worker's local email endpoint: mail deferred during the move is
// retried as an MTA would until accepted, and afterwards every message is in the target database exactly once (read
// through the API and from both SQLite files), none is left in the source, and replies still join their threads.
// Then the domain is moved back the same way.
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../e2e/support/paths.ts';
import { startLocalWorker, type LocalWorker } from '../e2e/support/worker.ts';

const BIN = join(repoRoot, 'bin/mailgate.js');
const DOMAIN = 'example.com';
/** scripts/seed.sql's id of example.com. */
const DOMAIN_ID = 'dom_demo_example_com';
const TARGET = 'DATA2';
const SEEDED_THREADS = 12;
/** Small steps: the move takes many requests, so mail arrives while the domain is marked `moving`. */
const MOVE_MAX_QUERIES = '50';
/** How long the test's MTA waits before trying a deferred message again. */
const RETRY_WAIT_MS = 150;
/** A deferred message not accepted within this long after the move ended fails the test (an MTA would bounce it). */
const RETRY_DEADLINE_MS = 20_000;
/** At most this many messages per move: the API check reads one page of 200. */
const MAX_MAIL_PER_MOVE = 70;

type SentMail = { messageId: string; parentId: string | null; attempts: number };

let worker: LocalWorker;
/** The SQLite file of each binding, under the worker's --persist-to folder. */
let files: Record<'DB' | typeof TARGET, string>;
const sent: SentMail[] = [];
let sequence = 0;

/**
 * Each message from a sender of its own: the gateway's per-sender rate limit would otherwise hold the 21st message of
 * one sender for review (quarantined, in no thread), which is not what this test is about.
 */
function senderOf(messageId: string): string {
  return `buyer-${messageId.split('@')[0]}@customer.test`;
}

/** New conversations go to an alias that opens a lead; replies to the catch-all, which takes only replies. */
function recipientOf(parentId: string | null): string {
  return parentId ? `catchall@${DOMAIN}` : `sales@${DOMAIN}`;
}

function compose(messageId: string, parentId: string | null): string {
  const subject = parentId ? `Re: order ${parentId.split('@')[0]}` : `order ${messageId.split('@')[0]}`;
  return [
    `From: Buyer <${senderOf(messageId)}>`,
    `To: ${recipientOf(parentId)}`,
    `Subject: ${subject}`,
    ...(parentId ? [`In-Reply-To: <${parentId}>`, `References: <${parentId}>`] : []),
    `Message-ID: <${messageId}>`,
    'Date: Sat, 21 Nov 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Message ${messageId}.`,
    '',
  ].join('\r\n');
}

/**
 * Hands one message to the worker as an MTA would: a temporary failure (email() threw: wrangler's endpoint answers
 * 500) is tried again until accepted; a rejection (400) fails the test. Counts every attempt.
 */
async function deliverUntilAccepted(parentId: string | null, deadline: () => number): Promise<SentMail> {
  sequence += 1;
  const mail: SentMail = { messageId: `m${sequence}-${Date.now()}@customer.test`, parentId, attempts: 0 };
  sent.push(mail);
  const raw = compose(mail.messageId, parentId);
  for (;;) {
    mail.attempts += 1;
    const response = await worker.deliverMail(raw, { from: senderOf(mail.messageId), to: recipientOf(parentId) });
    const text = await response.text();
    if (response.status === 200) return mail;
    // 500: email() threw, the temporary failure Email Routing's sender retries; 400 would be a rejection.
    expect(response.status, `${mail.messageId}: ${text}`).toBe(500);
    if (Date.now() > deadline())
      throw new Error(`${mail.messageId} still deferred after ${mail.attempts} attempts\n${worker.output()}`);
    await new Promise((resolve) => setTimeout(resolve, RETRY_WAIT_MS));
  }
}

/** `mailgate move-domain` as a child process (the test keeps sending mail meanwhile): its exit code and JSON lines. */
function moveDomain(to: string): { child: ChildProcess; done: Promise<{ code: number | null; lines: any[] }> } {
  const args = ['move-domain', DOMAIN, '--to', to, '--max-queries', MOVE_MAX_QUERIES];
  const child = spawn(process.execPath, [BIN, ...args, '--url', worker.origin, '--token', worker.adminToken], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; lines: any[] }>((resolve) =>
    child.on('close', (code) => {
      if (code !== 0) console.error(`move-domain --to ${to} failed:\n${stdout}\n${stderr}\n${worker.output()}`);
      resolve({
        code,
        lines: stdout
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line)),
      });
    }),
  );
  return { child, done };
}

/**
 * Moves the domain while a stream of mail (new threads, and replies to mail sent earlier) keeps arriving, each
 * message retried until accepted. Returns the CLI's steps and the mail sent meanwhile.
 */
async function moveWhileMailArrives(to: string) {
  const parents = sent.filter((mail) => mail.parentId === null).map((mail) => mail.messageId);
  const before = sent.length;
  const move = moveDomain(to);
  let moveEnded = 0;
  const deadline = () => (moveEnded ? moveEnded + RETRY_DEADLINE_MS : Number.POSITIVE_INFINITY);
  const stream = (async () => {
    const inFlight: Promise<SentMail>[] = [];
    for (let index = 0; !moveEnded && index < MAX_MAIL_PER_MOVE; index += 1) {
      // Odd messages reply to earlier mail (threads that live in the source until the flip); even ones start threads.
      const parentId = index % 2 === 1 ? parents[index % parents.length]! : null;
      inFlight.push(deliverUntilAccepted(parentId, deadline));
      // Two messages in flight at a time, as two MTA connections would.
      if (inFlight.length % 2 === 0) await Promise.all(inFlight.slice(-2));
    }
    return Promise.all(inFlight);
  })();
  const result = await move.done;
  moveEnded = Date.now();
  const during = await stream;
  expect(sent.length - before).toBe(during.length);
  const deferred = during.reduce((total, mail) => total + mail.attempts - 1, 0);
  console.info(
    `[domain-move] to ${to}: ${result.lines.length} steps; ${during.length} messages sent during the move, ${deferred} deferred attempts`,
  );
  return { ...result, during, deferred };
}

function openReadOnly(file: string): DatabaseSync {
  return new DatabaseSync(file, { readOnly: true });
}

/** The domain's stored messages in one SQLite file, read directly: Message-ID → rows in inbound_emails and messages. */
function countStoredMessages(file: string) {
  const database = openReadOnly(file);
  try {
    const inbound = database
      .prepare('SELECT message_id AS id, count(*) AS n FROM inbound_emails WHERE domain_id = ? GROUP BY message_id')
      .all(DOMAIN_ID) as { id: string; n: number }[];
    const messages = database
      .prepare(
        `SELECT m.message_id AS id, count(*) AS n FROM messages m JOIN threads t ON t.id = m.thread_id
         WHERE t.domain_id = ? GROUP BY m.message_id`,
      )
      .all(DOMAIN_ID) as { id: string; n: number }[];
    // A row stored raw-first but never brought up to date (no Message-ID parsed into it) shows here by id and status.
    const unparsed = database
      .prepare('SELECT id, status, raw_key AS rawKey FROM inbound_emails WHERE domain_id = ? AND message_id IS NULL')
      .all(DOMAIN_ID);
    const placement = database
      .prepare('SELECT binding, state FROM domain_placements WHERE domain_name = ?')
      .get(DOMAIN) as { binding: string; state: string } | undefined;
    return {
      inbound: Object.fromEntries(inbound.map((row) => [row.id, row.n])),
      messages: Object.fromEntries(messages.map((row) => [row.id, row.n])),
      unparsed,
      placement,
    };
  } finally {
    database.close();
  }
}

/** Every message sent, once each: the shape both tables must have in the database that holds the domain. */
function everySentOnce(): Record<string, number> {
  return Object.fromEntries(sent.map((mail) => [mail.messageId, 1]));
}

/** The domain's mail through the API: Message-ID → thread id. */
async function readThreadOfEachMessage(): Promise<Map<string, string | null>> {
  const response = await worker.api('/api/inbound?limit=200');
  expect(response.status).toBe(200);
  const { items } = (await response.json()) as { items: { messageId: string; threadId: string | null }[] };
  expect(items.length).toBe(new Set(items.map((item) => item.messageId)).size);
  return new Map(items.map((item) => [item.messageId, item.threadId]));
}

/** Through the API: every message sent listed once, and each reply in its parent's thread (and shown there). */
async function expectEveryMessageInItsThread() {
  const threadOf = await readThreadOfEachMessage();
  expect([...threadOf.keys()].sort()).toEqual(sent.map((mail) => mail.messageId).sort());
  for (const mail of sent) {
    expect(threadOf.get(mail.messageId), mail.messageId).toEqual(expect.any(String));
    if (mail.parentId) expect(threadOf.get(mail.messageId), mail.messageId).toBe(threadOf.get(mail.parentId));
  }
  const someReply = sent.findLast((mail) => mail.parentId)!;
  const thread = await worker.api(`/api/threads/${threadOf.get(someReply.messageId)}`);
  const detail = (await thread.json()) as { messages: { messageId: string }[] };
  expect(detail.messages.map((message) => message.messageId)).toEqual(
    expect.arrayContaining([someReply.parentId, someReply.messageId]),
  );
}

/**
 * Read from both SQLite files: every message sent is filed (inbound row with its Message-ID, and a thread message)
 * exactly once in the database that holds the domain and not at all in the other; then the same through the API.
 */
async function expectEverySentOnlyIn(holder: keyof typeof files) {
  const holding = countStoredMessages(files[holder]);
  const left = countStoredMessages(files[holder === 'DB' ? TARGET : 'DB']);
  expect(holding.unparsed).toEqual([]);
  expect(holding.inbound).toEqual(everySentOnce());
  expect(holding.messages).toEqual(everySentOnce());
  expect(left.inbound).toEqual({});
  expect(left.messages).toEqual({});
  expect(left.unparsed).toEqual([]);
  await expectEveryMessageInItsThread();
}

describe('moving a domain between two D1 databases under wrangler dev while mail arrives', () => {
  beforeAll(async () => {
    worker = await startLocalWorker({
      vars: { MAILGATE_DATA_BINDINGS: TARGET },
      extraDatabases: [{ binding: TARGET, databaseName: 'mailgate-data2' }],
    });
    // Which file is which: both databases were migrated, only the control database was seeded (example.com's
    // `domains` row). Other SQLite files there (wrangler's own) have no `domains` table.
    const dir = join(worker.stateDir, 'v3', 'd1', 'miniflare-D1DatabaseObject');
    const migrated = readdirSync(dir)
      .filter((name) => name.endsWith('.sqlite'))
      .map((name) => ({ file: join(dir, name), domains: countDomains(join(dir, name)) }))
      .filter((found) => found.domains !== null);
    expect(migrated.map((found) => found.domains).sort()).toEqual([0, 1]);
    files = {
      DB: migrated.find((found) => found.domains === 1)!.file,
      [TARGET]: migrated.find((found) => found.domains === 0)!.file,
    } as typeof files;
    // Seed: threads of a first message and a reply each.
    const never = () => Number.POSITIVE_INFINITY;
    for (let index = 0; index < SEEDED_THREADS; index += 1) {
      const first = await deliverUntilAccepted(null, never);
      await deliverUntilAccepted(first.messageId, never);
    }
    expect(sent.every((mail) => mail.attempts === 1)).toBe(true);
  }, 180_000);

  afterAll(async () => {
    await worker?.close();
  });

  it(`moves every message to ${TARGET} exactly once while mail keeps arriving`, async () => {
    const move = await moveWhileMailArrives(TARGET);
    expect(move.code).toBe(0);
    expect(move.lines.at(-1)).toMatchObject({ domain: DOMAIN, from: 'DB', to: TARGET, state: 'done' });
    // Mail did arrive while the domain was marked moving: some attempts were deferred, and retried until accepted.
    expect(move.lines.length).toBeGreaterThan(2);
    expect(move.deferred).toBeGreaterThan(0);

    expect(countStoredMessages(files.DB).placement).toMatchObject({ binding: TARGET, state: 'active' });
    await expectEverySentOnlyIn(TARGET);
  });

  it('files a reply sent after the move into its thread, and moves the domain back the same way', async () => {
    const parent = sent.find((mail) => mail.parentId === null)!;
    const reply = await deliverUntilAccepted(parent.messageId, () => Date.now() + RETRY_DEADLINE_MS);
    expect(reply.attempts).toBe(1);

    const back = await moveWhileMailArrives('DB');
    expect(back.code).toBe(0);
    expect(back.lines.at(-1)).toMatchObject({ domain: DOMAIN, from: TARGET, to: 'DB', state: 'done' });
    expect(back.deferred).toBeGreaterThan(0);
    expect(countStoredMessages(files.DB).placement?.binding ?? 'DB').toBe('DB');
    await expectEverySentOnlyIn('DB');
  });
});

/** Rows in a file's `domains` table; null for a file without one. */
function countDomains(file: string): number | null {
  const database = openReadOnly(file);
  try {
    const table = database.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'domains'").get();
    if (!table) return null;
    return (database.prepare('SELECT count(*) AS n FROM domains').get() as { n: number }).n;
  } finally {
    database.close();
  }
}
