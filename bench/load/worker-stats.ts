// What the local worker spent: CPU time of its processes (from /proc) and its queue batches (from miniflare's log).
import { readFileSync } from 'node:fs';
import { listMarkedProcesses } from '../../tests/e2e/support/run-processes.ts';
import { summarizeLatencies } from '../latency-stats.ts';

/** CPU time (user + system, ms) of the worker's processes so far, by program: workerd runs the worker, node is wrangler. */
export function readWorkerCpu(port: number): Record<string, number> {
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
export function readQueueBatches(log: string) {
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
