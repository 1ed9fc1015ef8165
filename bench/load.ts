// bench:load: mail offered at a steady rate to a fresh `wrangler dev` worker, each signed webhook checked by a local
// Standard Webhooks receiver; prints offered and achieved rate, delivered/lost, latency percentiles and where the time
// went (stage timestamps read back from the worker's local D1, queue batches from miniflare's log).
// Usage: npm run bench:load -- --rate 5 --seconds 30 [--port 8816] [--drain-seconds 60] [--dns-delay-ms 15]
// The worker gets its own state, a local DNS-over-HTTPS stub (the machine has no Internet DNS) and the webhook.
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createDohZoneHandler } from '../tests/fakes/doh-zone.ts';
import { startLocalServer } from '../tests/fakes/local-server.ts';
import { verifyStandardWebhook } from '../tests/fakes/webhook-receiver.ts';
import { startLocalWorker } from '../tests/e2e/support/worker.ts';
import { summarizeLatencies, type LatencySummary } from './latency-stats.ts';
import { buildMail } from './load/mail.ts';
import { printReport, type LoadReport } from './load/report.ts';
import { readStages } from './load/stages.ts';
import { readQueueBatches, readWorkerCpu } from './load/worker-stats.ts';

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

async function offer(index: number, tag: string): Promise<void> {
  // One sender per mail: the per-sender limit (20 in 120 minutes) would hold the rest in quarantine.
  const sender = `customer-${tag}-${index}@sender.test`;
  const subject = `load ${tag} ${index}`;
  const mail: Mail = { subject, sender, sentAt: performance.now() };
  mails.set(subject, mail);
  try {
    const response = await worker.deliverMail(buildMail(index, sender, subject, ALIAS), { from: sender, to: ALIAS });
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
