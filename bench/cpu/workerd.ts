// bench:cpu inside workerd: each stage of each message on a request of its own to a `wrangler dev` of
// workerd-entry.ts, timed by the CPU time the kernel counts for workerd's threads (the platform the 10 ms budget is
// about: Node's Blob, which postal-mime assembles every decoded part in, is several times slower than workerd's).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CorpusMessage } from '../../scripts/replay-corpus-server.ts';
import { repoRoot } from '../html/common.ts';
import { startBenchWorker } from '../workerd-dev.ts';
import { STAGES } from './stages.ts';

/** Requests per stage and message; the cheapest counts (as the Node run's cheapest of three). */
const REQUESTS = 3;
/**
 * Runs of the stage inside each request: an empty request costs workerd 2–4 ms of CPU under wrangler dev (measured:
 * its HTTP handling and dev middleware), varying by a millisecond from one to the next, which ten runs divide down to
 * a tenth.
 */
const ROUNDS = 10;
/** The empty request's cost is measured again this often (in messages), in case the process's overhead drifts. */
const BASELINE_EVERY = 100;

/** The processes under `pid` (wrangler's workerd runs as its grandchild), from /proc. */
function listDescendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name in parentheses may hold spaces: the fields after it are split from its closing parenthesis.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(parent, [...(parents.get(parent) ?? []), Number(entry)]);
    } catch {
      /* the process ended meanwhile */
    }
  }
  const found: number[] = [];
  for (let queue = [pid]; queue.length > 0; ) {
    const children = parents.get(queue.shift()!) ?? [];
    found.push(...children);
    queue.push(...children);
  }
  return found;
}

/**
 * The workerd that runs the bench's worker: wrangler dev starts two, a proxy in front and the worker's own, the one
 * with a debugger port (the proxy's CPU per request is the same whatever the stage does, so it only adds noise).
 */
function isWorkerOfWorkerd(pid: number): boolean {
  try {
    const isWorkerd = readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'workerd';
    return isWorkerd && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--inspector-addr');
  } catch {
    return false;
  }
}

/**
 * Nanoseconds these processes' threads have run on a CPU (/proc/<pid>/task/<tid>/schedstat, first field: the
 * scheduler's own account, to the nanosecond), all threads: V8's garbage-collector helpers work for the stage too.
 */
function readThreadCpuNs(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        /* the thread ended meanwhile */
      }
    }
  }
  return total;
}

/**
 * Times every stage of every message inside workerd; `record` gets each message's CPU ms per stage, in order, and
 * whether its bytes are mail.
 */
export async function timeStagesInWorkerd(
  corpus: CorpusMessage[],
  port: number,
  record: (item: CorpusMessage, stageMs: number[], isMail: boolean) => void,
): Promise<void> {
  const worker = await startBenchWorker(
    {
      name: 'mailgate-cpu-bench',
      main: 'bench/cpu/workerd-entry.ts',
      port,
      outDir: join(repoRoot, '.tmp/bench-cpu'),
      nodejsCompat: true,
    },
    '/stage?name=none',
  );
  try {
    const workerd = listDescendants(worker.pid).filter(isWorkerOfWorkerd);
    if (workerd.length === 0) throw new Error('no workerd process found under wrangler dev');
    const base = `http://127.0.0.1:${port}`;
    const timeRequest = async (path: string): Promise<number> => {
      const before = readThreadCpuNs(workerd);
      const response = await fetch(`${base}${path}`);
      await response.text();
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      return (readThreadCpuNs(workerd) - before) / 1e6;
    };
    const cheapest = async (path: string): Promise<number> => {
      let best = Infinity;
      for (let request = 0; request < REQUESTS; request++) best = Math.min(best, await timeRequest(path));
      return best;
    };
    let emptyMs = 0;
    for (const [index, item] of corpus.entries()) {
      if (index % BASELINE_EVERY === 0) emptyMs = await cheapest('/stage?name=none');
      const query = new URLSearchParams({ from: item.envelopeFrom, to: `${item.to}@example.com` });
      const loaded = await fetch(`${base}/load?${query}`, { method: 'POST', body: item.bytes.slice() });
      if (!loaded.ok) throw new Error(`${item.name}: load answered ${loaded.status} ${await loaded.text()}`);
      const isMail = (await loaded.text()) === 'mail';
      const stageMs: number[] = [];
      for (const stage of STAGES) {
        const ms = await cheapest(`/stage?${new URLSearchParams({ name: stage.name, rounds: String(ROUNDS) })}`);
        stageMs.push(Math.max(0, ms - emptyMs) / ROUNDS);
      }
      record(item, stageMs, isMail);
    }
  } finally {
    worker.stop();
  }
}
