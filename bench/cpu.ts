// bench:cpu: every message of the real corpora through the pipeline's pure stages in one process, timed by the
// process's CPU time (the shortest of three runs: the machine is shared); prints median, p95 and max per stage and per message,
// and how many messages go over the free plan's 10 ms of CPU.
// Usage: npm run bench:cpu [-- --corpora ../shared/corpora] [--json]
// Effects (D1, R2, DNS) are left out: authentication runs against a resolver that answers "no such record" at once,
// so its figure is mailauth's parsing and hashing without the network.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DnsError, type Resolver } from '../shared/dns/resolver.ts';
import { classifyMail } from '../worker/bounces/classify.ts';
import { sanitizeTree } from '../worker/html/sanitize.ts';
import { type HtmlElement, parseHtml } from '../worker/html/tree.ts';
import { authenticate } from '../worker/inbound/authenticate.ts';
import { parseMail, UnparseableMailError, type ParsedMail } from '../worker/inbound/parse.ts';
import { readSignals } from '../worker/inbound/automation.ts';
import { readSpamVerdict } from '../worker/inbound/signals.ts';
import { fitForStorage, type StoredMail } from '../worker/inbound/storage-caps.ts';
import { extractReplyText } from '../worker/replies/strip.ts';
import { readCorpora } from '../scripts/replay-corpus-server.ts';

const { values } = parseArgs({
  options: {
    corpora: {
      type: 'string',
      default: process.env.MAILGATE_CORPORA ?? join(import.meta.dirname, '../../shared/corpora'),
    },
    json: { type: 'boolean', default: false },
  },
});
const FREE_PLAN_CPU_MS = 10;
/** Timings per stage and message; the shortest counts. */
const RUNS = 3;

if (!existsSync(values.corpora)) {
  console.error(`no corpora at ${values.corpora} (pass --corpora or set MAILGATE_CORPORA)`);
  process.exit(2);
}

const noRecords: Resolver = async (name, type) => {
  throw new DnsError('ENOTFOUND', name, type);
};

/**
 * The CPU a stage takes, as the shortest of RUNS timings of this process's CPU time (user + system, all its threads:
 * the garbage collector's helpers work for the stage too). Every stage is single-threaded and does no I/O (the
 * resolver answers at once), so a core shared with other jobs delays it without adding to this count, where wall
 * time would count every moment the scheduler gave the core to someone else.
 */
async function measureCpu<T>(run: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  let best = Infinity;
  let value!: T;
  for (let index = 0; index < RUNS; index++) {
    const started = process.cpuUsage();
    value = await run();
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return { value, ms: best };
}

type Envelope = { from: string; to: string };
type Stage = { name: string; run: (raw: Uint8Array, envelope: Envelope, mail: ParsedMail | null) => unknown };

/** The current message as D1 keeps it (bodies capped), made by the 'storage caps' stage for the stages after it. */
let stored: StoredMail | null = null;
/** The current message's HTML tree, made by the 'html tree' stage for the two after it. */
let htmlTree: HtmlElement | null = null;

/** The pure stages of one message, in the pipeline's order (parse first: the others read its result). */
const STAGES: Stage[] = [
  {
    name: 'classify (bounce, auto-reply)',
    run: (raw, envelope, mail) => mail && classifyMail({ mail, raw }, envelope),
  },
  {
    name: 'authenticate (mailauth, no DNS)',
    run: (raw, envelope) =>
      authenticate(raw, { mailFrom: envelope.from }, { resolver: noRecords, trustedArcSealers: [] }),
  },
  {
    name: 'signals + spam verdict',
    run: (_raw, envelope, mail) => mail && [readSignals(mail.headers, envelope.from), readSpamVerdict(mail.headers)],
  },
  // Filing (mailboxes/thread.ts) works on the capped bodies D1 keeps, and parses that HTML once for the reply text
  // and the sanitized copy, as here.
  { name: 'storage caps', run: (_raw, _from, mail) => (stored = mail && fitForStorage(mail)) },
  { name: 'html tree', run: () => (htmlTree = stored?.html ? parseHtml(stored.html) : null) },
  { name: 'reply text', run: () => stored && extractReplyText({ text: stored.text, html: stored.html, htmlTree }) },
  { name: 'sanitize html', run: () => htmlTree && sanitizeTree(htmlTree) },
];

const corpus = readCorpora(values.corpora);
const timings = new Map<string, number[]>([
  ['parse', []],
  ...STAGES.map((stage) => [stage.name, []] as [string, number[]]),
  ['message (all stages)', []],
]);
const slowest: { name: string; ms: number }[] = [];
/** The message that took longest in each stage. */
const worstByStage = new Map<string, { name: string; ms: number }>();
function noteWorst(stage: string, name: string, ms: number): void {
  if (ms > (worstByStage.get(stage)?.ms ?? -1)) worstByStage.set(stage, { name, ms });
}
let unparseable = 0;

// One untimed pass warms the JIT, as a long-lived isolate is warm after its first messages.
for (const pass of ['warm-up', 'timed'] as const) {
  for (const item of corpus) {
    const envelope = { from: item.envelopeFrom, to: `${item.to}@example.com` };
    let total = 0;
    const parsed = await measureCpu(() =>
      parseMail(item.bytes).catch((error: unknown) =>
        error instanceof UnparseableMailError ? null : Promise.reject(error),
      ),
    );
    if (pass === 'timed') {
      timings.get('parse')!.push(parsed.ms);
      noteWorst('parse', item.name, parsed.ms);
    }
    total += parsed.ms;
    if (parsed.value === null && pass === 'timed') unparseable++;
    for (const stage of STAGES) {
      const { ms } = await measureCpu(() => stage.run(item.bytes, envelope, parsed.value));
      if (pass === 'timed') {
        timings.get(stage.name)!.push(ms);
        noteWorst(stage.name, item.name, ms);
      }
      total += ms;
    }
    if (pass === 'timed') {
      timings.get('message (all stages)')!.push(total);
      slowest.push({ name: item.name, ms: total });
    }
  }
}

function summarize(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  const round = (ms: number) => +ms.toFixed(2);
  return {
    count: sorted.length,
    median: round(at(0.5)),
    p95: round(at(0.95)),
    max: round(sorted.at(-1) ?? NaN),
    over10ms: sorted.filter((ms) => ms > FREE_PLAN_CPU_MS).length,
  };
}

const summaries = Object.fromEntries([...timings].map(([name, values]) => [name, summarize(values)]));
slowest.sort((a, b) => b.ms - a.ms);
const result = {
  messages: corpus.length,
  unparseable,
  node: process.versions.node,
  stages: summaries,
  slowest: slowest.slice(0, 5).map(({ name, ms }) => ({ name, ms: +ms.toFixed(1) })),
  worstByStage: Object.fromEntries(
    [...worstByStage].map(([stage, { name, ms }]) => [stage, { name, ms: +ms.toFixed(1) }]),
  ),
};
if (values.json) {
  console.log(JSON.stringify(result));
} else {
  console.log(
    `${corpus.length} messages of ${values.corpora} (${unparseable} unparseable: kept raw, later stages skipped), Node ${process.versions.node}, shortest of ${RUNS} runs per stage`,
  );
  console.log(
    `${'stage (CPU ms)'.padEnd(34)}${['median', 'p95', 'max', `>${FREE_PLAN_CPU_MS} ms`].map((h) => h.padStart(9)).join('')}`,
  );
  for (const [name, s] of Object.entries(summaries)) {
    console.log(`${name.padEnd(34)}${[s.median, s.p95, s.max, s.over10ms].map((v) => String(v).padStart(9)).join('')}`);
  }
  console.log('slowest messages (all stages, ms):');
  for (const { name, ms } of result.slowest) console.log(`  ${String(ms).padStart(8)}  ${name}`);
  console.log('slowest message per stage (ms):');
  for (const [stage, { name, ms }] of Object.entries(result.worstByStage))
    console.log(`  ${stage.padEnd(32)}${String(ms).padStart(8)}  ${name}`);
}
