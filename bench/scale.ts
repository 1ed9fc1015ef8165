// bench:scale: how the hot paths grow with the data. For each size, fills a fresh local D1 (wrangler's state, in its own
// folder) with schema-valid mail, then runs `wrangler dev` on the smallest database and on each larger one side by
// side, alternating their requests (a busy shared machine slows both alike), and prints the median of N requests per
// operation and the growth from the smallest size to each larger one.
// Usage: npm run bench:scale -- [--sizes 1000,100000,1000000] [--requests 20] [--port 8812] [--second-port 8822]
//        [--keep] [--reuse] [--state .wrangler/bench-scale] [--fill-only] [--derived bulk|triggers] [--dev-tools] [--dns-delay-ms 15]
// --reuse: measure the databases a --keep run left under --state, without refilling; --fill-only: fill and stop;
// --derived triggers: write the search index and counters row by row by the triggers (slow) instead of in bulk;
// --dev-tools: leave wrangler's Local Explorer and trace collector on (off by default: ~90 ms of each mail's time here).
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { createDohZoneHandler } from '../tests/fakes/doh-zone.ts';
import { startLocalServer } from '../tests/fakes/local-server.ts';
import {
  benchMessageId,
  BENCH_DOMAIN,
  fillDatabase,
  type DerivedTablesMode,
  MESSAGES_PER_THREAD,
  SELECTIVE_HITS,
  SELECTIVE_WORD,
} from './scale/fill.ts';
import {
  findSqliteFile,
  offlineWranglerEnv,
  startWorker,
  stopWorker,
  waitForHealth,
  wrangler,
} from './scale/wrangler-dev.ts';

function readOption(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

const SIZES = readOption('sizes', '1000,100000').split(',').map(Number);
const REQUESTS = Number(readOption('requests', '20'));
const PORT = Number(readOption('port', '8812'));
const SECOND_PORT = Number(readOption('second-port', String(PORT + 10)));
/** 0: any free port (the DoH stub is only reached by the two workers, through their MAILGATE_DOH_URL). */
const DNS_PORT = Number(readOption('dns-port', '0'));
/** A real resolver is a network round trip away; the default matches `npm run doh-stub`. */
const DNS_DELAY_MS = Number(readOption('dns-delay-ms', '15'));
const REUSE = process.argv.includes('--reuse');
const FILL_ONLY = process.argv.includes('--fill-only');
const KEEP = process.argv.includes('--keep') || REUSE || FILL_ONLY;
const WARMUP = 3;
/** Where each size's wrangler state lives (`<state>/<size>`); big fills belong outside any git worktree. */
const STATE_ROOT = readOption('state', '.wrangler/bench-scale');
const DERIVED = readOption('derived', 'bulk') as DerivedTablesMode;
if (DERIVED !== 'bulk' && DERIVED !== 'triggers') throw new Error('--derived is bulk or triggers');
/** Keep wrangler dev's Local Explorer and local trace collector on (they record every invocation: not production's work). */
const DEV_TOOLS = process.argv.includes('--dev-tools');
const env = offlineWranglerEnv(DEV_TOOLS);
const adminToken = `mg_admin_${randomBytes(16).toString('hex')}`;

/** One running `wrangler dev` over one filled database. */
type Target = { size: number; origin: string };
type Operation = { name: string; run: (target: Target, sample: number) => Promise<Response> };

const get = (target: Target, path: string) =>
  fetch(`${target.origin}${path}`, { headers: { authorization: `Bearer ${adminToken}` } });

function replyMail(sample: number, size: number): { raw: string; sender: string } {
  const threads = Math.ceil(size / MESSAGES_PER_THREAD);
  // Threads of the bench domain only (every tenth belongs to the other one), spread over the whole history.
  let thread = Math.floor((((sample * 7919) % 1000) / 1000) * threads);
  if (thread % 10 === 9) thread -= 1;
  const parent = benchMessageId(thread, 0);
  const sender = `replier${sample}.${Date.now()}@sender.test`;
  const raw = [
    `From: Replier <${sender}>`,
    `To: catchall@${BENCH_DOMAIN.name}`,
    `Subject: Re: thread ${thread}`,
    `Message-ID: <bench.${sample}.${Date.now()}.${randomBytes(4).toString('hex')}@sender.test>`,
    `In-Reply-To: <${parent}>`,
    `References: <${parent}>`,
    `Date: ${new Date().toUTCString()}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Thanks, that works for us.',
    '',
  ].join('\r\n');
  return { raw, sender };
}

const operations: Operation[] = [
  {
    name: 'reply routed by In-Reply-To (mail in → filed)',
    run: (target, sample) => {
      const { raw, sender } = replyMail(sample, target.size);
      const to = encodeURIComponent(`catchall@${BENCH_DOMAIN.name}`);
      return fetch(`${target.origin}/cdn-cgi/local/email?from=${encodeURIComponent(sender)}&to=${to}`, {
        method: 'POST',
        body: raw,
      });
    },
  },
  { name: 'GET /api/threads?limit=50', run: (target) => get(target, '/api/threads?limit=50') },
  { name: `GET /api/threads?q=${SELECTIVE_WORD}`, run: (target) => get(target, `/api/threads?q=${SELECTIVE_WORD}`) },
  { name: 'GET /api/stats?days=30', run: (target) => get(target, '/api/stats?days=30') },
  { name: 'GET /api/inbound?limit=50', run: (target) => get(target, '/api/inbound?limit=50') },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function timeRequest(operation: Operation, target: Target, sample: number): Promise<number> {
  const started = performance.now();
  const response = await operation.run(target, sample);
  const body = await response.text();
  const elapsed = performance.now() - started;
  if (!response.ok) throw new Error(`${operation.name} at ${target.size}: ${response.status} ${body.slice(0, 300)}`);
  return elapsed;
}

/** The machine's 1-minute load average at each measured request: the figures only mean something beside it. */
const loadSamples: number[] = [];

/** The medians of one operation on each target, their requests alternating (which goes first alternates too). */
async function measureSideBySide(operation: Operation, targets: Target[]): Promise<number[]> {
  const times = targets.map(() => [] as number[]);
  for (let sample = 0; sample < WARMUP + REQUESTS; sample++) {
    if (sample >= WARMUP) loadSamples.push(loadavg()[0]!);
    const order = sample % 2 === 0 ? targets.map((_, i) => i) : targets.map((_, i) => targets.length - 1 - i);
    for (const index of order) {
      const elapsed = await timeRequest(operation, targets[index]!, sample);
      if (sample >= WARMUP) times[index]!.push(elapsed);
    }
  }
  return times.map(median);
}

/** Checks that the figures measure what they say: the search finds the planted word, the reply joined its thread. */
async function verify(target: Target): Promise<void> {
  const search = (await (await get(target, `/api/threads?q=${SELECTIVE_WORD}&limit=50`)).json()) as {
    items: unknown[];
  };
  const expected = Math.min(SELECTIVE_HITS, Math.ceil(target.size / MESSAGES_PER_THREAD));
  if (search.items.length !== expected)
    console.error(`warning: search found ${search.items.length} threads, ${expected} planted`);
  const inbound = (await (await get(target, '/api/inbound?limit=1&route=thread')).json()) as {
    items: { reason: string }[];
  };
  if (!/reply to/.test(inbound.items[0]?.reason ?? ''))
    console.error(`warning: the last reply was not threaded: ${inbound.items[0]?.reason}`);
}

function folderBytes(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

/** Fills a fresh database of `size` messages (or, with --reuse, takes the one a --keep run left) and returns its folder. */
async function prepareDatabase(size: number): Promise<{ stateDir: string; bytes: number }> {
  const stateDir = join(STATE_ROOT, String(size));
  const marker = join(stateDir, 'filled.json');
  if (REUSE) {
    // A missing database is an error, not a fill: a 1M fill takes many minutes and 7 GB, in --state.
    if (!existsSync(marker))
      throw new Error(
        `--reuse: no filled database at ${stateDir} (fill it with --keep or --fill-only, or pass --state)`,
      );
    console.error(`${size}: reusing ${stateDir} (${readFileSync(marker, 'utf8').trim()})`);
    return { stateDir, bytes: statSync(findSqliteFile(stateDir)).size };
  }
  rmSync(stateDir, { recursive: true, force: true });
  mkdirSync(stateDir, { recursive: true });
  wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', stateDir], env);
  const file = findSqliteFile(stateDir);
  const filled = fillDatabase(file, size, Date.now(), DERIVED);
  writeFileSync(marker, JSON.stringify({ ...filled, derived: DERIVED, filledAt: new Date().toISOString() }));
  const bytes = statSync(file).size;
  console.error(
    `${size}: filled ${filled.messages} messages in ${filled.threads} threads in ${filled.seconds} s, ${(bytes / 2 ** 20).toFixed(1)} MiB`,
  );
  return { stateDir, bytes };
}

async function startTarget(
  size: number,
  stateDir: string,
  port: number,
  dohUrl: string,
): Promise<{ target: Target; child: ChildProcess }> {
  const child = startWorker(stateDir, port, { adminToken, dohUrl }, env);
  const target = { size, origin: `http://127.0.0.1:${port}` };
  try {
    await waitForHealth(target.origin, Date.now() + 180_000);
  } catch (error) {
    await stopWorker(child);
    throw error;
  }
  return { target, child };
}

const [smallest, ...larger] = [...SIZES].sort((a, b) => a - b);
if (smallest === undefined || larger.length === 0) throw new Error('--sizes needs at least two sizes');
const databases = new Map<number, { stateDir: string; bytes: number }>();
for (const size of SIZES) databases.set(size, await prepareDatabase(size));
if (FILL_ONLY) process.exit(0);

type Result = { size: number; bytes: number; medians: number[]; baseline: number[] };
const results: Result[] = [];
const dns = await startLocalServer(async (request, _body, response) => {
  const zone = JSON.parse(readFileSync('bench/fixtures/dns-zone.json', 'utf8'));
  const reply = await createDohZoneHandler(zone)(new Request(new URL(request.url ?? '/', 'http://127.0.0.1')));
  if (DNS_DELAY_MS > 0) await new Promise((resolve) => setTimeout(resolve, DNS_DELAY_MS));
  response.writeHead(reply.status, { 'content-type': 'application/dns-json' });
  response.end(await reply.text());
}, DNS_PORT);
const base = await startTarget(smallest, databases.get(smallest)!.stateDir, PORT, `${dns.url}/dns-query`);
try {
  for (const size of larger) {
    const other = await startTarget(size, databases.get(size)!.stateDir, SECOND_PORT, `${dns.url}/dns-query`);
    try {
      const baseline: number[] = [];
      const medians: number[] = [];
      for (const operation of operations) {
        const [small, large] = await measureSideBySide(operation, [base.target, other.target]);
        baseline.push(small!);
        medians.push(large!);
      }
      await verify(other.target);
      results.push({ size, bytes: databases.get(size)!.bytes, medians, baseline });
      console.error(
        `${size}: ${medians.map((ms, i) => `${ms.toFixed(1)} ms (${smallest}: ${baseline[i]!.toFixed(1)} ms)`).join(', ')}`,
      );
    } finally {
      await stopWorker(other.child);
    }
  }
  await verify(base.target);
} finally {
  await stopWorker(base.child);
  await dns.close();
}
if (!KEEP) for (const size of SIZES) rmSync(join(STATE_ROOT, String(size)), { recursive: true, force: true });
else
  for (const size of SIZES)
    console.error(
      `${size}: kept ${join(STATE_ROOT, String(size))} (${(folderBytes(join(STATE_ROOT, String(size))) / 2 ** 20).toFixed(1)} MiB)`,
    );

const label = (size: number) =>
  size >= 1_000_000 ? `${size / 1_000_000}M` : size >= 1000 ? `${size / 1000}K` : String(size);
// The smallest size's column is its run beside the largest one; each growth compares the two halves of one side-by-side run.
const largest = results.at(-1)!;
const lines = [
  `| operation | ${label(smallest)} | ${results.map((r) => label(r.size)).join(' | ')} | ${results.map((r) => `growth ${label(smallest)}→${label(r.size)}`).join(' | ')} |`,
  `|---|---|${results.map(() => '---|---|').join('')}`,
  ...operations.map((operation, index) => {
    const cells = results.map((r) => `${Math.round(r.medians[index]!)} ms`);
    const growths = results.map((r) => `${(r.medians[index]! / r.baseline[index]!).toFixed(2)}×`);
    return `| ${operation.name} | ${Math.round(largest.baseline[index]!)} ms | ${cells.join(' | ')} | ${growths.join(' | ')} |`;
  }),
  `| database file | ${Math.round(databases.get(smallest)!.bytes / 2 ** 20)} MiB | ${results.map((r) => `${Math.round(r.bytes / 2 ** 20)} MiB`).join(' | ')} |${results.map(() => ' |').join('')}`,
];
const loadRange = `${Math.min(...loadSamples).toFixed(1)}–${Math.max(...loadSamples).toFixed(1)} (median ${median(loadSamples).toFixed(1)})`;
console.log(
  `median of ${REQUESTS} requests per operation (after ${WARMUP} warm-up), wrangler dev, local D1; load average ${loadRange} on ${availableParallelism()} cores\n`,
);
console.log(lines.join('\n'));
mkdirSync(STATE_ROOT, { recursive: true });
writeFileSync(join(STATE_ROOT, 'last-result.md'), `load average ${loadRange}\n\n${lines.join('\n')}\n`);
