// Latency percentiles (nearest rank) and their one-line rendering, shared by the benchmarks that time requests.

export type LatencySummary = { count: number; p50: number; p90: number; p95: number; p99: number; max: number };

/** Nearest-rank percentiles of the finite values, in milliseconds (NaN entries are left out and not counted). */
export function summarizeLatencies(values: readonly number[]): LatencySummary {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const pick = (q: number) =>
    sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const round = (value: number) => (Number.isNaN(value) ? NaN : Math.round(value));
  return {
    count: sorted.length,
    p50: round(pick(0.5)),
    p90: round(pick(0.9)),
    p95: round(pick(0.95)),
    p99: round(pick(0.99)),
    max: round(sorted.at(-1) ?? NaN),
  };
}

export const LATENCY_HEADER = `${'ms'.padEnd(42)}${['n', 'p50', 'p90', 'p95', 'p99', 'max'].map((h) => h.padStart(8)).join('')}`;

export function formatLatencyRow(name: string, summary: LatencySummary): string {
  const cells = [summary.count, summary.p50, summary.p90, summary.p95, summary.p99, summary.max].map((value) =>
    String(value).padStart(8),
  );
  return `${name.padEnd(42)}${cells.join('')}`;
}
