// The load benchmark's result, and how it is printed for humans.
import { formatLatencyRow, LATENCY_HEADER, type LatencySummary } from '../latency-stats.ts';
import type { readQueueBatches } from './worker-stats.ts';

export type LoadReport = {
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

export function printReport(result: LoadReport): void {
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
