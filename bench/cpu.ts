// bench:cpu: every message of the real corpora through the pipeline's pure stages (bench/cpu/stages.ts), timed by CPU
// time (the cheapest of three runs: the machine is shared); prints median, p95 and max per stage and per message, and
// how many messages go over the free plan's 10 ms of CPU.
// Usage: npm run bench:cpu [-- --corpora ../shared/corpora] [--workerd [--port 8831]] [--match <path part>] [--json]
// In one Node process by default; with --workerd inside workerd (wrangler dev), the runtime the budget is about.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readCorpora, type CorpusMessage } from '../scripts/replay-corpus-server.ts';
import { STAGES, startMessage } from './cpu/stages.ts';
import { timeStagesInWorkerd } from './cpu/workerd.ts';

const { values } = parseArgs({
  options: {
    corpora: {
      type: 'string',
      default: process.env.MAILGATE_CORPORA ?? join(import.meta.dirname, '../../shared/corpora'),
    },
    workerd: { type: 'boolean', default: false },
    port: { type: 'string', default: process.env.PORT ?? '8831' },
    /** Only the messages whose corpus path contains this text (a quick look at a few). */
    match: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const FREE_PLAN_CPU_MS = 10;
/** Timings per stage and message; the cheapest counts (the workerd run makes as many requests: cpu/workerd.ts). */
const RUNS = 3;

if (!existsSync(values.corpora)) {
  console.error(`no corpora at ${values.corpora} (pass --corpora or set MAILGATE_CORPORA)`);
  process.exit(2);
}

/**
 * The CPU a stage takes, as the cheapest of RUNS timings of this process's CPU time (user + system, all its threads:
 * the garbage collector's helpers work for the stage too). Every stage is single-threaded and does no I/O (the
 * resolver answers at once), so a core shared with other jobs delays it without adding to this count, where wall
 * time would count every moment the scheduler gave the core to someone else.
 */
async function measureCpu(run: () => unknown): Promise<{ value: unknown; ms: number }> {
  let best = Infinity;
  let value: unknown;
  for (let index = 0; index < RUNS; index++) {
    const started = process.cpuUsage();
    value = await run();
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return { value, ms: best };
}

/** Every stage of every message in this process; one untimed pass first warms the JIT, as a long-lived isolate is. */
async function timeStagesInNode(
  corpus: CorpusMessage[],
  record: (item: CorpusMessage, stageMs: number[], isMail: boolean) => void,
) {
  for (const pass of ['warm-up', 'timed'] as const) {
    for (const item of corpus) {
      const state = startMessage(item.bytes, { from: item.envelopeFrom, to: `${item.to}@example.com` });
      const stageMs: number[] = [];
      for (const stage of STAGES) {
        const { value, ms } = await measureCpu(() => stage.run(state));
        stage.keep?.(state, value);
        stageMs.push(ms);
      }
      if (pass === 'timed') record(item, stageMs, state.mail !== null);
    }
  }
}

const corpus = readCorpora(values.corpora).filter((item) => !values.match || item.name.includes(values.match));
const MESSAGE = 'message (all stages)';
const timings = new Map<string, number[]>([
  ...STAGES.map((stage) => [stage.name, []] as [string, number[]]),
  [MESSAGE, []],
]);
/** The message that took longest in each stage, and overall. */
const worstByStage = new Map<string, { name: string; ms: number }>();
const perMessage: { name: string; ms: number }[] = [];
let unparseable = 0;

function record(item: CorpusMessage, stageMs: number[], isMail: boolean): void {
  if (!isMail) unparseable++;
  const total = stageMs.reduce((sum, ms) => sum + ms, 0);
  for (const [index, ms] of [...stageMs, total].entries()) {
    const stage = STAGES[index]?.name ?? MESSAGE;
    timings.get(stage)!.push(ms);
    if (ms > (worstByStage.get(stage)?.ms ?? -1)) worstByStage.set(stage, { name: item.name, ms });
  }
  perMessage.push({ name: item.name, ms: total });
}

if (values.workerd) await timeStagesInWorkerd(corpus, Number(values.port), record);
else await timeStagesInNode(corpus, record);

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

const runtime = values.workerd ? 'workerd (wrangler dev), CPU of its threads' : `Node ${process.versions.node}`;
const summaries = Object.fromEntries([...timings].map(([name, stageValues]) => [name, summarize(stageValues)]));
const slowest = [...perMessage].sort((a, b) => b.ms - a.ms).slice(0, 5);
const result = {
  messages: corpus.length,
  unparseable,
  runtime,
  stages: summaries,
  slowest: slowest.map(({ name, ms }) => ({ name, ms: +ms.toFixed(1) })),
  worstByStage: Object.fromEntries(
    [...worstByStage].map(([stage, { name, ms }]) => [stage, { name, ms: +ms.toFixed(1) }]),
  ),
};
if (values.json) {
  console.log(JSON.stringify(result));
} else {
  console.log(
    `${corpus.length} messages of ${values.corpora} (${unparseable} unparseable: kept raw, later stages skipped), ${runtime}, cheapest of ${RUNS} runs per stage`,
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
