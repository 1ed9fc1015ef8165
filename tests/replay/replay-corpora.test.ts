// `npm run replay:corpora`: big generated mail, then every message of ../shared/corpora (in each corpus's own
// order), through the worker's email() inside workerd, as a sending MTA would deliver them (a thrown email() is a
// temporary failure, retried). Then: nothing unfinished, no exception, every raw byte-exact in R2, the stored threads
// against notmuch's, and what each invocation cost in D1 queries and subrequests.
import { env } from 'cloudflare:test';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { MAX_INBOUND_ATTEMPTS } from '../../worker/inbound/attempts.ts';
import {
  buildLargeMail,
  buildMailWithAttachments,
  buildMailWithCc,
  buildMailWithReferences,
  buildMultiRecipientDsn,
  buildPlainMail,
  numberedAttachments,
} from '../generators/big-mail.ts';
import { apiJson, deliverEmail, sha256Hex } from '../worker/helpers.ts';
import { readExpectedThreads, scoreThreadPairs } from '../../scripts/thread-pairs.ts';
import { emptyCost, meterEnv, meterFetch, subrequestsOf, type InvocationCost } from './metering.ts';

type ManifestItem = { group: string; name: string; to: 'inbox' | 'bounce'; envelopeFrom: string; size: number };
type Replayed = ManifestItem & {
  digest: string;
  envelopeTo: string;
  exceptions: string[];
  costs: InvocationCost[];
  rejected: string | null;
};

const corpus = (env as unknown as { CORPUS: Fetcher }).CORPUS;
/** Arrivals ten minutes apart, as a mailbox receives them: the per-sender flood limit then holds only real floods. */
const ARRIVAL_SPACING_MS = 10 * 60 * 1000;
/** A sending MTA retries a temporary failure; the worker's own attempt cap ends a message before this. */
const MTA_TRIES = MAX_INBOUND_ATTEMPTS + 2;
const THREAD_SETS = ['notmuch-default', 'notmuch-lkml', 'notmuch-threading'];

const replayed: Replayed[] = [];
const report: string[] = [];
let clock = Date.now();

function domainOf(group: string): string {
  return `${group}.replay.test`;
}

async function ensureTenant(group: string, known: Set<string>): Promise<void> {
  if (known.has(group)) return;
  known.add(group);
  await apiJson('/api/domains', { method: 'POST', body: JSON.stringify({ name: domainOf(group) }) });
  await apiJson('/api/aliases', {
    method: 'POST',
    body: JSON.stringify({ address: `inbox@${domainOf(group)}`, action: 'thread' }),
  });
}

/** Delivers like an MTA: each invocation metered, a thrown email() retried later, up to MTA_TRIES times. */
async function replay(item: ManifestItem, bytes: Uint8Array): Promise<void> {
  const envelopeTo = `${item.to}@${domainOf(item.group)}`;
  const entry: Replayed = {
    ...item,
    digest: await sha256Hex(bytes),
    envelopeTo,
    exceptions: [],
    costs: [],
    rejected: null,
  };
  replayed.push(entry);
  for (let tries = 0; tries < MTA_TRIES; tries++) {
    clock += ARRIVAL_SPACING_MS;
    vi.setSystemTime(clock);
    const cost = emptyCost();
    entry.costs.push(cost);
    const restoreFetch = meterFetch(() => cost);
    try {
      const result = await deliverEmail(
        bytes,
        { from: item.envelopeFrom, to: envelopeTo },
        { env: meterEnv(env, cost) },
      );
      cost.forward += result.forwards.length;
      entry.rejected = result.rejected;
      return;
    } catch (error) {
      entry.exceptions.push(String(error));
    } finally {
      restoreFetch();
    }
  }
}

async function generatedBigMail(): Promise<{ item: ManifestItem; bytes: Uint8Array }[]> {
  const group = 'big-mail';
  const id = (label: string) => `${label}.${crypto.randomUUID()}@generator.replay.test`;
  const root = id('root');
  const references = [...Array.from({ length: 299 }, (_, i) => id(`old${i}`)), root];
  const text = (raw: string) => new TextEncoder().encode(raw);
  const mail = (
    name: string,
    raw: Uint8Array,
    to: ManifestItem['to'] = 'inbox',
  ): { item: ManifestItem; bytes: Uint8Array } => ({
    item: { group, name, to, envelopeFrom: to === 'bounce' ? '' : 'ann@sender.example', size: raw.byteLength },
    bytes: raw,
  });
  return [
    mail('a thread root', text(buildPlainMail({ messageId: root, to: `inbox@${domainOf(group)}` }))),
    mail('300 References', text(buildMailWithReferences({ messageId: id('refs'), references }))),
    mail(
      '100 attachments',
      text(buildMailWithAttachments({ messageId: id('attachments'), attachments: numberedAttachments(100, 2048) })),
    ),
    mail(
      'a DSN for 50 recipients',
      text(
        buildMultiRecipientDsn({
          messageId: id('dsn'),
          recipients: Array.from({ length: 50 }, (_, i) => `gone${i}@remote.example`),
        }),
      ),
      'bounce',
    ),
    mail('1,000 Cc', text(buildMailWithCc({ messageId: id('cc'), count: 1000 }))),
    mail('a 25 MiB message', buildLargeMail({ messageId: id('large'), targetBytes: 25 * 1024 * 1024 })),
  ];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function countRows(sql: string, ...bindings: unknown[]): Promise<number> {
  return (await env.DB.prepare(sql)
    .bind(...bindings)
    .first<{ n: number }>())!.n;
}

async function checkRawBytes(entry: Replayed): Promise<boolean> {
  const row = await env.DB.prepare('SELECT raw_key FROM inbound_emails WHERE checksum = ? AND envelope_to = ?')
    .bind(entry.digest, entry.envelopeTo)
    .first<{ raw_key: string }>();
  const object = row ? await env.MAIL.get(row.raw_key) : null;
  return object !== null && (await sha256Hex(new Uint8Array(await object.arrayBuffer()))) === entry.digest;
}

async function scoreThreads(set: string, format: 'mbox' | 'maildir') {
  const domain = await env.DB.prepare('SELECT id FROM domains WHERE name = ?')
    .bind(domainOf(`threads-${set}-${format}`))
    .first<{ id: string }>();
  if (!domain) return null;
  const rows = await env.DB.prepare(
    'SELECT m.message_id AS messageId, m.thread_id AS threadId FROM messages m JOIN threads t ON t.id = m.thread_id WHERE t.domain_id = ? ORDER BY m.id',
  )
    .bind(domain.id)
    .all<{ messageId: string | null; threadId: string }>();
  const predicted = new Map<string, string>();
  for (const row of rows.results)
    if (row.messageId && !predicted.has(row.messageId)) predicted.set(row.messageId, row.threadId);
  const expected = readExpectedThreads(await (await corpus.fetch(`http://corpus/expected/${set}`)).json());
  const filed = [...expected.keys()].filter((id) => predicted.has(id)).length;
  return { set, format, ...scoreThreadPairs(predicted, expected), filed, expected: expected.size };
}

afterAll(async () => {
  vi.useRealTimers();
  await corpus.fetch('http://corpus/report', { method: 'POST', body: report.join('\n') });
});

describe('replay:corpora', () => {
  it('files every message: none unfinished, no exception, raw bytes exact, threads as notmuch has them', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const manifest = (await (await corpus.fetch('http://corpus/manifest')).json()) as {
      available: boolean;
      root: string;
      items: ManifestItem[];
    };
    const tenants = new Set<string>();

    for (const { item, bytes } of await generatedBigMail()) {
      await ensureTenant(item.group, tenants);
      await replay(item, bytes);
    }
    if (!manifest.available)
      report.push(`corpora not found at ${manifest.root}: corpus replay skipped, generated big mail only`);
    for (const [index, item] of manifest.items.entries()) {
      await ensureTenant(item.group, tenants);
      const bytes = new Uint8Array(await (await corpus.fetch(`http://corpus/message/${index}`)).arrayBuffer());
      await replay(item, bytes);
    }
    vi.useRealTimers();

    const recipients = [...new Set(replayed.map((entry) => entry.envelopeTo))];
    const inGroups = `envelope_to IN (SELECT value FROM json_each(?))`;
    const unfinished = await countRows(
      `SELECT COUNT(*) AS n FROM inbound_emails WHERE status IN ('pending', 'processing') AND ${inGroups}`,
      JSON.stringify(recipients),
    );
    const failedRows = await env.DB.prepare(`SELECT reason FROM inbound_emails WHERE status = 'failed' AND ${inGroups}`)
      .bind(JSON.stringify(recipients))
      .all<{ reason: string }>();
    const heldRows = await env.DB.prepare(
      `SELECT reason FROM inbound_emails WHERE route = 'quarantine' AND ${inGroups}`,
    )
      .bind(JSON.stringify(recipients))
      .all<{ reason: string }>();
    const otherRoutes = await env.DB.prepare(
      `SELECT route, COUNT(*) AS n FROM inbound_emails WHERE status <> 'failed' AND ${inGroups} GROUP BY route ORDER BY n DESC`,
    )
      .bind(JSON.stringify(recipients))
      .all<{ route: string | null; n: number }>();
    const exceptions = replayed.flatMap((entry) => entry.exceptions.map((error) => `${entry.name}: ${error}`));
    const mismatches: string[] = [];
    for (const entry of replayed) if (!(await checkRawBytes(entry))) mismatches.push(entry.name);
    const threadScores = [];
    for (const set of THREAD_SETS)
      for (const format of ['mbox', 'maildir'] as const) threadScores.push(await scoreThreads(set, format));

    const costs = replayed.flatMap((entry) => entry.costs);
    const maxBy = (measure: (cost: InvocationCost) => number) => {
      const entry = replayed.reduce((best, next) =>
        Math.max(...next.costs.map(measure)) > Math.max(...best.costs.map(measure)) ? next : best,
      );
      return `${Math.max(...entry.costs.map(measure))} (${entry.name})`;
    };
    const countReasons = (rows: { reason: string }[]) => {
      const reasons = new Map<string, number>();
      for (const { reason } of rows) {
        const key = reason
          .replace(/\d+/g, 'N')
          .replace(/<[^>]*>|\S+@\S+/g, '…')
          .slice(0, 140);
        reasons.set(key, (reasons.get(key) ?? 0) + 1);
      }
      return [...reasons.entries()].sort((a, b) => b[1] - a[1]).map(([reason, count]) => `  ${count} × ${reason}`);
    };
    report.push(
      `messages replayed: ${replayed.length} (generated: ${replayed.filter((e) => e.group === 'big-mail').length}, corpora: ${manifest.items.length})`,
      `unfinished: ${unfinished}`,
      `exceptions: ${exceptions.length}${exceptions.length ? `\n  ${exceptions.slice(0, 10).join('\n  ')}` : ''}`,
      `failed: ${failedRows.results.length}`,
      ...countReasons(failedRows.results),
      `routes: ${otherRoutes.results.map((row) => `${row.route} ${row.n}`).join(', ')}`,
      `held for review (quarantine): ${heldRows.results.length}`,
      ...countReasons(heldRows.results),
      `refused at SMTP (550): ${replayed.filter((entry) => entry.rejected).length}`,
      `raw mismatches: ${mismatches.length}${mismatches.length ? ` (${mismatches.slice(0, 10).join(', ')})` : ''}`,
      ...threadScores
        .filter((score) => score !== null)
        .map(
          (s) =>
            `threads ${s.set} (${s.format} order): precision ${s.precision.toFixed(4)}, recall ${s.recall.toFixed(4)}, ${s.filed} of notmuch's ${s.expected} messages filed`,
        ),
      `D1 queries per invocation: median ${median(costs.map((c) => c.d1Queries))}, max ${maxBy((c) => c.d1Queries)}`,
      `D1 statements per invocation: median ${median(costs.map((c) => c.d1Statements))}, max ${maxBy((c) => c.d1Statements)}`,
      `subrequests per invocation: median ${median(costs.map(subrequestsOf))}, max ${maxBy(subrequestsOf)}`,
      `  of which R2: median ${median(costs.map((c) => c.r2))}, max ${maxBy((c) => c.r2)}; DNS fetches: max ${maxBy((c) => c.fetch)}`,
    );

    expect(unfinished).toBe(0);
    expect(exceptions).toEqual([]);
    expect(mismatches).toEqual([]);
    for (const score of threadScores) {
      if (!score) continue;
      expect({ set: score.set, format: score.format, precision: score.precision, recall: score.recall }).toEqual({
        set: score.set,
        format: score.format,
        precision: 1,
        recall: 1,
      });
      // The mbox holds every message notmuch threads (a maildir may hold fewer): each one must have been filed.
      if (score.format === 'mbox') expect(score.filed, `${score.set} messages filed`).toBe(score.expected);
    }
  });
});
