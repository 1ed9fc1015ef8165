// bench:load: mail offered at a steady rate to a fresh `wrangler dev` worker, each signed webhook checked by a local
// Standard Webhooks receiver; prints offered and achieved rate, delivered/lost, latency percentiles and where the time
// went (stage timestamps read back from the worker's local D1, queue batches from miniflare's log).
// Usage: npm run bench:load -- --rate 5 --seconds 30 [--port 8816] [--drain-seconds 60] [--dns-delay-ms 15]
// The worker gets its own state, a local DNS-over-HTTPS stub (the machine has no Internet DNS) and the webhook.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { createDohZoneHandler } from '../tests/fakes/doh-zone.ts';
import { startLocalServer } from '../tests/fakes/local-server.ts';
import { verifyStandardWebhook } from '../tests/fakes/webhook-receiver.ts';
import { startLocalWorker } from '../tests/e2e/support/worker.ts';
import { listMarkedProcesses } from '../tests/e2e/support/run-processes.ts';
import { formatLatencyRow, LATENCY_HEADER, summarizeLatencies, type LatencySummary } from './latency-stats.ts';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '30' },
    port: { type: 'string', default: process.env.PORT ?? '8816' },
    'drain-seconds': { type: 'string', default: '60' },
    'dns-delay-ms': { type: 'string', default: '15' },
    json: { type: 'boolean', default: false },
    /** Writes wrangler's output (the worker's logs) to this file. */
    log: { type: 'string' },
  },
});
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const drainMs = Number(values['drain-seconds']) * 1000;
const dnsDelayMs = Number(values['dns-delay-ms']);
if (!(rate > 0) || !(seconds > 0)) {
  console.error('usage: npm run bench:load -- --rate <mails per second> --seconds <duration>');
  process.exit(2);
}
const DOMAIN = 'example.com';
const ALIAS = `load@${DOMAIN}`;
const WARMUP_MAILS = 3;

/** One offered mail, by its subject (the webhook payload carries it back). */
type Mail = {
  subject: string;
  sender: string;
  sentAt: number;
  answeredAt?: number;
  status?: number;
  arrivedAt?: number;
};
const mails = new Map<string, Mail>();
let duplicates = 0;
let badSignatures = 0;
let secret = '';

const zone = JSON.parse(readFileSync(new URL('./fixtures/dns-zone.json', import.meta.url), 'utf8'));
const answerDns = createDohZoneHandler(zone);
const doh = await startLocalServer(async (request, _body, response) => {
  const reply = await answerDns(new Request(new URL(request.url ?? '/', 'http://127.0.0.1')));
  // A real resolver is a network round trip away.
  if (dnsDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, dnsDelayMs));
  response.writeHead(reply.status, { 'content-type': 'application/dns-json' });
  response.end(await reply.text());
});

const receiver = await startLocalServer((request, body, response) => {
  const arrivedAt = performance.now();
  const header = (name: string) => [request.headers[name]].flat()[0];
  const check = verifyStandardWebhook(
    secret,
    { id: header('webhook-id'), timestamp: header('webhook-timestamp'), signature: header('webhook-signature') },
    body,
    Math.floor(Date.now() / 1000),
  );
  if (!check.ok) {
    badSignatures++;
    response.writeHead(401).end(check.problem);
    return;
  }
  const subject: unknown = JSON.parse(body.toString('utf8'))?.data?.message?.subject;
  const mail = typeof subject === 'string' ? mails.get(subject) : undefined;
  if (mail && mail.arrivedAt === undefined) mail.arrivedAt = arrivedAt;
  else if (mail) duplicates++;
  response.writeHead(204).end();
});

const loadBefore = loadavg();
const worker = await startLocalWorker({
  port: Number(values.port),
  vars: { MAILGATE_DOH_URL: `${doh.url}/dns-query`, MAILGATE_ALLOW_PRIVATE_TARGETS: 'true' },
  outputChars: 50_000_000,
});

function buildMail(index: number, sender: string, subject: string): string {
  return [
    `From: Customer ${index} <${sender}>`,
    `To: ${ALIAS}`,
    `Subject: ${subject}`,
    `Message-ID: <load.${index}.${Date.now()}@sender.test>`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Hello, this is mail ${index} of the load benchmark.`,
    'Could you send me the quote for 40 units by Friday?',
    '',
    'Thanks, Ann',
    '',
  ].join('\r\n');
}

async function offer(index: number, tag: string): Promise<void> {
  // One sender per mail: the per-sender limit (20 in 120 minutes) would hold the rest in quarantine.
  const sender = `customer-${tag}-${index}@sender.test`;
  const subject = `load ${tag} ${index}`;
  const mail: Mail = { subject, sender, sentAt: performance.now() };
  mails.set(subject, mail);
  try {
    const response = await worker.deliverMail(buildMail(index, sender, subject), { from: sender, to: ALIAS });
    mail.status = response.status;
    await response.arrayBuffer();
  } catch {
    mail.status = 0;
  }
  mail.answeredAt = performance.now();
}

async function waitForArrivals(list: Mail[], limitMs: number): Promise<void> {
  const deadline = performance.now() + limitMs;
  while (performance.now() < deadline && list.some((mail) => mail.status === 200 && mail.arrivedAt === undefined)) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

try {
  const registered = await worker.api('/api/webhooks', {
    method: 'POST',
    body: JSON.stringify({ url: `${receiver.url}/hook`, events: ['message.received'] }),
  });
  if (!registered.ok) throw new Error(`cannot register the receiver: ${registered.status} ${await registered.text()}`);
  secret = ((await registered.json()) as { secret: string }).secret;
  const alias = await worker.api('/api/aliases', {
    method: 'POST',
    body: JSON.stringify({ address: ALIAS, action: 'thread' }),
  });
  if (!alias.ok) throw new Error(`cannot create ${ALIAS}: ${alias.status} ${await alias.text()}`);

  // Warm-up (not counted): the isolate loads its modules and the first queries compile.
  for (let index = 0; index < WARMUP_MAILS; index++) await offer(index, 'warmup');
  await waitForArrivals([...mails.values()], 30_000);
  const warmupCount = mails.size;
  const logStart = worker.output().length;

  const total = Math.round(rate * seconds);
  const cpuBefore = readWorkerCpu(Number(values.port));
  const startedAt = performance.now();
  const sends: Promise<void>[] = [];
  for (let index = 0; index < total; index++) {
    // Open loop: each mail leaves at its scheduled time whether or not earlier ones were answered.
    const due = startedAt + (index * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sends.push(offer(index, 'run'));
  }
  const offeredSeconds = (performance.now() - startedAt) / 1000;
  await Promise.all(sends);
  const run = [...mails.values()].slice(warmupCount);
  await waitForArrivals(run, drainMs);
  const finishedAt = Math.max(...run.map((mail) => mail.arrivedAt ?? mail.answeredAt ?? 0));
  const cpuAfter = readWorkerCpu(Number(values.port));
  const loadAfter = loadavg();

  const accepted = run.filter((mail) => mail.status === 200);
  const delivered = accepted.filter((mail) => mail.arrivedAt !== undefined);
  const latencies: Record<string, LatencySummary> = {
    'hand-off (sent → answered)': summarizeLatencies(run.map((mail) => (mail.answeredAt ?? NaN) - mail.sentAt)),
    'end to end (sent → webhook)': summarizeLatencies(delivered.map((mail) => mail.arrivedAt! - mail.sentAt)),
    'after hand-off (answered → webhook)': summarizeLatencies(
      delivered.map((mail) => mail.arrivedAt! - mail.answeredAt!),
    ),
  };
  const stages = readStages(worker.stateDir, new Set(run.map((mail) => mail.subject)));
  const batches = readQueueBatches(worker.output().slice(logStart));

  const result: LoadReport = {
    offered: { mails: total, rate, achievedRate: +(total / offeredSeconds).toFixed(2) },
    deliveredRate: +(delivered.length / ((finishedAt - startedAt) / 1000)).toFixed(2),
    accepted: accepted.length,
    refused: run.length - accepted.length,
    delivered: delivered.length,
    lost: accepted.length - delivered.length,
    duplicates,
    badSignatures,
    cpuMsPerMail: Object.fromEntries(
      Object.entries(cpuAfter).map(([name, ms]) => [name, +((ms - (cpuBefore[name] ?? 0)) / total).toFixed(1)]),
    ),
    loadAverage: { before: loadBefore.map((v) => +v.toFixed(2)), after: loadAfter.map((v) => +v.toFixed(2)) },
    latencies,
    stages,
    queueBatches: batches,
  };
  if (values.log) writeFileSync(values.log, worker.output());
  if (values.json) console.log(JSON.stringify(result));
  else printReport(result);
} finally {
  await worker.close();
  await Promise.all([receiver.close(), doh.close()]);
}

type StageRow = {
  subject: string;
  inbound_created: number;
  inbound_updated: number | null;
  event_created: number | null;
  dispatched: number | null;
  delivery_created: number | null;
  first_attempt: number | null;
  attempt_ms: number | null;
  delivered_at: number | null;
  attempts: number | null;
};

/** Per-stage durations from the rows the worker wrote (worker clock, milliseconds). */
function readStages(stateDir: string, subjects: Set<string>): Record<string, LatencySummary | number> {
  const dir = join(stateDir, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = readdirSync(dir).find((name) => name.endsWith('.sqlite'));
  if (!file) return {};
  const db = new DatabaseSync(join(dir, file), { readOnly: true });
  try {
    const rows = db
      .prepare(
        `SELECT i.subject, i.created_at AS inbound_created, i.updated_at AS inbound_updated, e.created_at AS event_created,
                e.dispatched_at AS dispatched, d.created_at AS delivery_created, d.delivered_at, d.attempts,
                (SELECT min(a.attempted_at) FROM delivery_attempts a WHERE a.delivery_id = d.id) AS first_attempt,
                (SELECT a.latency_ms FROM delivery_attempts a WHERE a.delivery_id = d.id ORDER BY a.attempted_at DESC LIMIT 1) AS attempt_ms
           FROM inbound_emails i
           LEFT JOIN events e ON e.inbound_id = i.id AND e.type = 'message.received'
           LEFT JOIN deliveries d ON d.event_id = e.id`,
      )
      .all() as StageRow[];
    const ours = rows.filter((row) => subjects.has(row.subject));
    const span = (pick: (row: StageRow) => number | null) =>
      summarizeLatencies(ours.map(pick).map((value) => value ?? NaN));
    return {
      'processing (row stored → filed)': span((r) =>
        r.inbound_updated === null ? null : r.inbound_updated - r.inbound_created,
      ),
      'queue (event committed → fanned out)': span((r) =>
        r.dispatched === null || r.event_created === null ? null : r.dispatched - r.event_created,
      ),
      'claim (fanned out → first attempt)': span((r) =>
        r.first_attempt === null || r.dispatched === null ? null : r.first_attempt - r.dispatched,
      ),
      'attempt (request → answer)': span((r) => r.attempt_ms),
      'event committed → delivered': span((r) =>
        r.delivered_at === null || r.event_created === null ? null : r.delivered_at - r.event_created,
      ),
      'deliveries attempted more than once': ours.filter((row) => (row.attempts ?? 0) > 1).length,
    };
  } finally {
    db.close();
  }
}

/** CPU time (user + system, ms) of the worker's processes so far, by program: workerd runs the worker, node is wrangler. */
function readWorkerCpu(port: number): Record<string, number> {
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
  const totals: Record<string, number> = {};
  for (const marked of listMarkedProcesses((marker) => marker.endsWith(`/wrangler-${port}`))) {
    try {
      const stat = readFileSync(`/proc/${marked.pid}/stat`, 'latin1');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const name = marked.command.includes('workerd') ? 'workerd' : 'wrangler';
      totals[name] = (totals[name] ?? 0) + (Number(fields[11]) + Number(fields[12])) / ticksPerMs;
    } catch {
      // exited meanwhile
    }
  }
  return totals;
}

/** miniflare logs each consumer batch as `QUEUE <name> <acked>/<size> (<ms>ms)`. */
function readQueueBatches(log: string) {
  const batches = [...log.matchAll(/QUEUE mailgate-deliveries (\d+)\/(\d+) \((\d+)ms\)/g)].map((match) => ({
    acked: Number(match[1]),
    size: Number(match[2]),
    ms: Number(match[3]),
  }));
  const sizes = batches.map((batch) => batch.size);
  return {
    count: batches.length,
    retried: batches.reduce((sum, batch) => sum + batch.size - batch.acked, 0),
    meanSize: batches.length ? +(sizes.reduce((a, b) => a + b, 0) / batches.length).toFixed(2) : 0,
    maxSize: Math.max(0, ...sizes),
    durationMs: summarizeLatencies(batches.map((batch) => batch.ms)),
  };
}

type LoadReport = {
  offered: { mails: number; rate: number; achievedRate: number };
  deliveredRate: number;
  accepted: number;
  refused: number;
  delivered: number;
  lost: number;
  duplicates: number;
  badSignatures: number;
  cpuMsPerMail: Record<string, number>;
  loadAverage: { before: number[]; after: number[] };
  latencies: Record<string, LatencySummary>;
  stages: Record<string, LatencySummary | number>;
  queueBatches: ReturnType<typeof readQueueBatches>;
};

function printReport(result: LoadReport): void {
  const { offered } = result;
  console.log(
    `offered ${offered.mails} mails at ${offered.rate}/s (achieved ${offered.achievedRate}/s); delivered ${result.delivered}/${result.accepted} accepted at ${result.deliveredRate}/s; lost ${result.lost}; refused ${result.refused}; duplicate webhooks ${result.duplicates}; bad signatures ${result.badSignatures}`,
  );
  console.log(
    `CPU per mail (ms): ${Object.entries(result.cpuMsPerMail)
      .map(([name, ms]) => `${name} ${ms}`)
      .join(', ')}`,
  );
  console.log(
    `load average before ${result.loadAverage.before.join(' ')}, after ${result.loadAverage.after.join(' ')}`,
  );
  console.log(LATENCY_HEADER);
  for (const [name, summary] of Object.entries(result.latencies)) console.log(formatLatencyRow(name, summary));
  console.log('stages (worker clock, from its D1 rows):');
  for (const [name, summary] of Object.entries(result.stages)) {
    console.log(typeof summary === 'number' ? `  ${name}: ${summary}` : formatLatencyRow(`  ${name}`, summary));
  }
  const batches = result.queueBatches;
  console.log(
    `queue batches: ${batches.count}, mean size ${batches.meanSize}, max ${batches.maxSize}, messages retried ${batches.retried}`,
  );
  console.log(formatLatencyRow('  batch duration', batches.durationMs));
  console.log(
    JSON.stringify({
      rate: offered.rate,
      delivered: result.delivered,
      lost: result.lost,
      endToEnd: result.latencies['end to end (sent → webhook)'],
      loadAverage: result.loadAverage,
    }),
  );
}
