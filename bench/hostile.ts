// Benchmark: every MIME and bounce corpus file plus ≥ 10,000 seeded mutations through a running worker (npm start),
// then each input's final status and raw bytes checked through the API. Prints how many were sent and how each ended.
// Usage: npm start (in another shell), then `npm run bench:hostile [-- --mutations N --seed S --concurrency C]`;
// `-- --verify <runId>` re-reads an earlier run without sending again.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generateMutations } from '../tests/hostile/mutations.ts';

function readArgument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const ORIGIN = process.env.MAILGATE_URL ?? `http://127.0.0.1:${process.env.PORT ?? 8787}`;
const CORPORA = process.env.MAILGATE_CORPORA ?? join(import.meta.dirname, '..', '..', 'shared', 'corpora');
const CORPUS_FOLDERS = ['mime', 'bounces'];
/** Parallel requests (`--concurrency N`): enough to keep workerd busy on 2 cores without queueing for seconds. */
const CONCURRENCY = readArgument('concurrency', 4);
/** A request that has not answered by then counts as hung. */
const REQUEST_TIMEOUT_MS = 60_000;
const FINAL_STATUSES = new Set(['delivered', 'rejected', 'failed']);
/** Email Routing and wrangler dev refuse larger messages before the worker runs: not sent. */
const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

function readAdminToken(): string {
  if (process.env.MAILGATE_ADMIN_TOKEN) return process.env.MAILGATE_ADMIN_TOKEN;
  const match = readFileSync('.dev.vars', 'utf8').match(/^MAILGATE_ADMIN_TOKEN=(.+)$/m);
  if (!match) throw new Error('no MAILGATE_ADMIN_TOKEN in .dev.vars: run npm start first');
  return match[1]!.trim().replace(/^"(.*)"$/, '$1');
}

function listFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

type Input = { name: string; bytes: Uint8Array };
type Outcome = {
  name: string;
  http: number;
  status: string;
  reason: string | null;
  rawMatches: boolean;
  note?: string;
};

async function runPool<T>(items: T[], worker: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) {
        const index = next++;
        await worker(items[index]!, index);
      }
    }),
  );
}

function readStringArgument(name: string): string | null {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? null) : null;
}

const token = readAdminToken();
/**
 * `--verify <runId>` sends nothing: it reads back the rows of an earlier run (its recipients carry the run id) and
 * checks them against the same inputs, which the seed makes identical. HTTP answers are then unknown: a worker
 * failure still shows, as a row left unfinished (raw first: the row exists before anything can fail).
 */
const verifyRunId = readStringArgument('verify');
const runId = verifyRunId ?? Date.now().toString(36);
const mutationCount = readArgument('mutations', 10_000);
const seed = readArgument('seed', 6);

const inputs: Input[] = [];
for (const folder of process.argv.includes('--no-corpus') ? [] : CORPUS_FOLDERS) {
  for (const path of listFiles(join(CORPORA, folder))) {
    const bytes = readFileSync(path);
    if (bytes.length > MAX_MESSAGE_BYTES || /\.(json|md|ya?ml|txt|LICENSE)$/i.test(path)) continue;
    inputs.push({ name: relative(CORPORA, path), bytes });
  }
}
const corpusCount = inputs.length;
for (const input of generateMutations(mutationCount, seed)) inputs.push(input);
console.error(
  `Sending ${inputs.length} inputs (${corpusCount} corpus files, ${mutationCount} mutations, seed ${seed}) to ${ORIGIN}…`,
);

const outcomes: Outcome[] = inputs.map((input) => ({
  name: input.name,
  http: -1,
  status: 'unknown',
  reason: null,
  rawMatches: false,
  note: 'sent by an earlier run (--verify)',
}));
const started = Date.now();
if (!verifyRunId)
  await runPool(inputs, async (input, index) => {
    // A recipient of its own per input (a subaddress of catchall): no two inputs are deduplicated into one row.
    const recipient = `catchall+h${runId}-${index}@example.com`;
    const url = `${ORIGIN}/cdn-cgi/local/email?from=${encodeURIComponent('hostile@bench.example')}&to=${encodeURIComponent(recipient)}`;
    let http = 0;
    let body = '';
    try {
      const response = await fetch(url, {
        method: 'POST',
        body: input.bytes as Uint8Array<ArrayBuffer>,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      http = response.status;
      body = await response.text();
    } catch (error) {
      outcomes[index] = {
        name: input.name,
        http: 0,
        status: 'no-answer',
        reason: null,
        rawMatches: false,
        note: String(error),
      };
      return;
    }
    outcomes[index] = {
      name: input.name,
      http,
      status: 'unknown',
      reason: null,
      rawMatches: false,
      note: body.slice(0, 200),
    };
    if ((index + 1) % 1000 === 0)
      console.error(`  ${index + 1}/${inputs.length} sent (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  });
const sendSeconds = (Date.now() - started) / 1000;

console.error('Reading every row back through the API…');
const rowsByRecipient = new Map<string, { id: string; status: string; reason: string | null }>();
let before: string | null = null;
for (;;) {
  const page = (await (
    await fetch(`${ORIGIN}/api/inbound?limit=200${before ? `&before=${before}` : ''}`, {
      headers: { authorization: `Bearer ${token}` },
    })
  ).json()) as {
    items: { id: string; to: string; status: string; reason: string | null; receivedAt: string }[];
    nextCursor: string | null;
  };
  for (const item of page.items) {
    if (item.to.includes(`+h${runId}-`)) rowsByRecipient.set(item.to, item);
  }
  // Newest first: once a page ends before this run began, no row of it is further on. Rows of other senders may
  // sit between this run's rows, so only time ends the walk (a verify run walks the whole log).
  const oldest = page.items.at(-1);
  if (!page.nextCursor || (!verifyRunId && oldest && Date.parse(oldest.receivedAt) < started)) break;
  before = page.nextCursor;
}

await runPool(inputs, async (input, index) => {
  const outcome = outcomes[index]!;
  const row = rowsByRecipient.get(`catchall+h${runId}-${index}@example.com`);
  if (!row) {
    outcome.status = outcome.http === 0 ? 'no-answer' : 'no-row';
    return;
  }
  outcome.status = row.status;
  outcome.reason = row.reason;
  const raw = await fetch(`${ORIGIN}/api/inbound/${row.id}/raw`, { headers: { authorization: `Bearer ${token}` } });
  const stored = Buffer.from(await raw.arrayBuffer());
  outcome.rawMatches =
    raw.status === 200 &&
    createHash('sha256').update(stored).digest('hex') === createHash('sha256').update(input.bytes).digest('hex');
});

const byStatus: Record<string, number> = {};
const byHttp: Record<string, number> = {};
/** What the local endpoint answered when no row exists: the simulator refused the input before the worker ran. */
const refusedBeforeWorker: Record<string, number> = {};
for (const outcome of outcomes) {
  byStatus[outcome.status] = (byStatus[outcome.status] ?? 0) + 1;
  byHttp[outcome.http] = (byHttp[outcome.http] ?? 0) + 1;
  if (outcome.status === 'no-row') {
    // Numbers vary per input ("header count exceeds maximum (20635)"): one line per kind of refusal.
    const key = `${outcome.http} ${(outcome.note ?? '').split('\n')[0]!.slice(0, 80).replace(/\d+/g, 'N')}`;
    refusedBeforeWorker[key] = (refusedBeforeWorker[key] ?? 0) + 1;
  }
}
// Raw first: once the worker runs, the row exists before anything can fail. No row means the local endpoint
// (miniflare's /cdn-cgi/local/email, which pre-parses the message) refused the input before the worker ran.
const refused = outcomes.filter((outcome) => outcome.status === 'no-row');
const crashes = outcomes.filter(
  (outcome) => outcome.status !== 'no-row' && (outcome.http >= 500 || outcome.http === 0),
);
const unfinished = outcomes.filter((outcome) => outcome.status !== 'no-row' && !FINAL_STATUSES.has(outcome.status));
const withoutReason = outcomes.filter(
  (outcome) => outcome.status !== 'delivered' && FINAL_STATUSES.has(outcome.status) && !outcome.reason,
);
const rawMismatches = outcomes.filter((outcome) => FINAL_STATUSES.has(outcome.status) && !outcome.rawMatches);
const examples = new Map<string, string[]>();
for (const outcome of [...refused, ...crashes, ...unfinished, ...rawMismatches]) {
  const key = `http ${outcome.http}, ${outcome.status}, ${(outcome.note ?? '').split('\n')[0]!.slice(0, 100).replace(/\d+/g, 'N')}`;
  const names = examples.get(key) ?? [];
  if (names.length < 5) names.push(outcome.name);
  examples.set(key, names);
}
for (const [key, names] of examples) console.error(`  ! ${key}: ${names.join(', ')}`);
console.log(
  JSON.stringify({
    ...(verifyRunId ? { verifiedRun: verifyRunId } : {}),
    sent: inputs.length,
    corpusFiles: corpusCount,
    mutations: mutationCount,
    seed,
    sendSeconds: Math.round(sendSeconds),
    byStatus,
    byHttp,
    reachedWorker: inputs.length - refused.length,
    refusedByLocalEndpoint: refused.length,
    crashes: crashes.length,
    unfinished: unfinished.length,
    withoutReason: withoutReason.length,
    rawMismatches: rawMismatches.length,
    refusedBeforeWorker,
  }),
);
process.exit(crashes.length + unfinished.length + rawMismatches.length === 0 ? 0 : 1);
