// What every part of the HTML benchmark shares: where it writes, wrangler and its quiet environment, CPU timing.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Generated entries and bundles; outside bench/ so that the type check never reads them. */
export const outDir = join(repoRoot, '.tmp/bench-html');
export const MB = 1024 * 1024;
export const wrangler = join(repoRoot, 'node_modules/.bin/wrangler');
export const WRANGLER_ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
};

/** CPU time (user + system) of `work`, in ms: steadier than wall time on a shared machine. */
export function measureCpuMs(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
