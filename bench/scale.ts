// bench:scale: how the hot paths grow with the data. For each size, fills a fresh local D1 (wrangler's state, in its own
// folder) with schema-valid mail, starts `wrangler dev` on it, and prints the median of N requests per operation, then
// the growth from the smallest to the largest size.
// Usage: npm run bench:scale -- [--sizes 1000,100000,1000000] [--requests 20] [--port 8812] [--keep] [--dns-delay-ms 15]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDohZoneHandler } from '../tests/fakes/doh-zone.ts';
import { startLocalServer } from '../tests/fakes/local-server.ts';
import { benchMessageId, BENCH_DOMAIN, fillDatabase, MESSAGES_PER_THREAD, SELECTIVE_HITS, SELECTIVE_WORD } from './scale/fill.ts';

function readOption(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

const SIZES = readOption('sizes', '1000,100000').split(',').map(Number);
const REQUESTS = Number(readOption('requests', '20'));
const PORT = Number(readOption('port', '8812'));
const DNS_PORT = Number(readOption('dns-port', String(PORT + 1)));
/** A real resolver is a network round trip away; the default matches `npm run doh-stub`. */
const DNS_DELAY_MS = Number(readOption('dns-delay-ms', '15'));
const KEEP = process.argv.includes('--keep');
const WARMUP = 3;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const STATE_ROOT = '.wrangler/bench-scale';
const OFFLINE_ENV = { WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_HIDE_BANNER: 'true' };
const env = { ...process.env, ...OFFLINE_ENV };
const adminToken = `mg_admin_${randomBytes(16).toString('hex')}`;

type Operation = { name: string; run: (sample: number, size: number) => Promise<Response> };

function wrangler(args: string[]): void {
  const result = spawnSync('wrangler', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(' ')} failed (${result.status})`);
}

function findSqliteFile(dir: string): string {
  const folder = join(dir, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = readdirSync(folder).find((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite');
  if (!file) throw new Error(`no D1 file under ${folder}`);
  return join(folder, file);
}

async function waitForHealth(deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${ORIGIN}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error('wrangler dev did not answer /health in time');
}

function startWorker(stateDir: string, dohUrl: string): ChildProcess {
  const vars = { MAILGATE_ADMIN_TOKEN: adminToken, REPLY_TOKEN_SECRET: 'bench-scale-secret-0123456789abcdef', MAILGATE_DOH_URL: dohUrl };
  const varArgs = Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]);
  return spawn('wrangler', ['dev', '--ip', '127.0.0.1', '--port', String(PORT), '--persist-to', stateDir, '--inspector-port', '0', ...varArgs], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
    detached: true,
  });
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
}

const get = (path: string) => fetch(`${ORIGIN}${path}`, { headers: { authorization: `Bearer ${adminToken}` } });

function replyMail(sample: number, size: number): { raw: string; sender: string } {
  const threads = Math.ceil(size / MESSAGES_PER_THREAD);
  // Threads of the bench domain only (every tenth belongs to the other one), spread over the whole history.
  let thread = Math.floor(((sample * 7919) % 1000) / 1000 * threads);
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
    run: (sample, size) => {
      const { raw, sender } = replyMail(sample, size);
      const to = encodeURIComponent(`catchall@${BENCH_DOMAIN.name}`);
      return fetch(`${ORIGIN}/cdn-cgi/local/email?from=${encodeURIComponent(sender)}&to=${to}`, { method: 'POST', body: raw });
    },
  },
  { name: 'GET /api/threads?limit=50', run: () => get('/api/threads?limit=50') },
  { name: `GET /api/threads?q=${SELECTIVE_WORD}`, run: () => get(`/api/threads?q=${SELECTIVE_WORD}`) },
  { name: 'GET /api/stats?days=30', run: () => get('/api/stats?days=30') },
  { name: 'GET /api/inbound?limit=50', run: () => get('/api/inbound?limit=50') },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function measure(operation: Operation, size: number): Promise<number> {
  const times: number[] = [];
  for (let sample = 0; sample < WARMUP + REQUESTS; sample++) {
    const started = performance.now();
    const response = await operation.run(sample, size);
    const body = await response.text();
    const elapsed = performance.now() - started;
    if (!response.ok) throw new Error(`${operation.name}: ${response.status} ${body.slice(0, 300)}`);
    if (sample >= WARMUP) times.push(elapsed);
  }
  return median(times);
}

/** Checks that the figures measure what they say: the search finds the planted word, the reply joined its thread. */
async function verify(size: number): Promise<void> {
  const search = (await (await get(`/api/threads?q=${SELECTIVE_WORD}&limit=50`)).json()) as { items: unknown[] };
  const expected = Math.min(SELECTIVE_HITS, Math.ceil(size / MESSAGES_PER_THREAD));
  if (search.items.length !== expected) console.error(`warning: search found ${search.items.length} threads, ${expected} planted`);
  const inbound = (await (await get('/api/inbound?limit=1&route=thread')).json()) as { items: { reason: string }[] };
  if (!/reply to/.test(inbound.items[0]?.reason ?? '')) console.error(`warning: the last reply was not threaded: ${inbound.items[0]?.reason}`);
}

function folderBytes(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

const dns = await startLocalServer(async (request, _body, response) => {
  const zone = JSON.parse(readFileSync('bench/fixtures/dns-zone.json', 'utf8'));
  const reply = await createDohZoneHandler(zone)(new Request(new URL(request.url ?? '/', 'http://127.0.0.1')));
  if (DNS_DELAY_MS > 0) await new Promise((resolve) => setTimeout(resolve, DNS_DELAY_MS));
  response.writeHead(reply.status, { 'content-type': 'application/dns-json' });
  response.end(await reply.text());
}, DNS_PORT);

const results: { size: number; bytes: number; medians: number[] }[] = [];
try {
  for (const size of SIZES) {
    const stateDir = join(STATE_ROOT, String(size));
    rmSync(stateDir, { recursive: true, force: true });
    mkdirSync(stateDir, { recursive: true });
    wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', stateDir]);
    const file = findSqliteFile(stateDir);
    const filled = fillDatabase(file, size, Date.now());
    const bytes = statSync(file).size;
    console.error(`${size}: filled ${filled.messages} messages in ${filled.threads} threads in ${filled.seconds} s, ${(bytes / 2 ** 20).toFixed(1)} MiB`);
    const child = startWorker(stateDir, `${dns.url}/dns-query`);
    try {
      await waitForHealth(Date.now() + 120_000);
      const medians: number[] = [];
      for (const operation of operations) medians.push(await measure(operation, size));
      await verify(size);
      results.push({ size, bytes, medians });
      console.error(`${size}: ${medians.map((ms) => `${ms.toFixed(1)} ms`).join(', ')}`);
    } finally {
      await stopWorker(child);
    }
    if (!KEEP) rmSync(stateDir, { recursive: true, force: true });
    else console.error(`${size}: kept ${stateDir} (${(folderBytes(stateDir) / 2 ** 20).toFixed(1)} MiB)`);
  }
} finally {
  await dns.close();
}

const first = results[0];
const last = results.at(-1);
const label = (size: number) => (size >= 1_000_000 ? `${size / 1_000_000}M` : size >= 1000 ? `${size / 1000}K` : String(size));
const lines = [
  `| operation | ${results.map((r) => label(r.size)).join(' | ')} | growth |`,
  `|---|${results.map(() => '---|').join('')}---|`,
  ...operations.map((operation, index) => {
    const cells = results.map((r) => `${Math.round(r.medians[index]!)} ms`);
    const growth = first && last ? last.medians[index]! / first.medians[index]! : NaN;
    return `| ${operation.name} | ${cells.join(' | ')} | ${growth.toFixed(1)}× |`;
  }),
  `| database file | ${results.map((r) => `${(r.bytes / 2 ** 20).toFixed(0)} MiB`).join(' | ')} | |`,
];
console.log(`median of ${REQUESTS} requests per operation (after ${WARMUP} warm-up), wrangler dev, local D1\n`);
console.log(lines.join('\n'));
mkdirSync(STATE_ROOT, { recursive: true });
writeFileSync(join(STATE_ROOT, 'last-result.md'), `${lines.join('\n')}\n`);
