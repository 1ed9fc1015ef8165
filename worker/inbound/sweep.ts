// The cron backstop: messages left unfinished (a crash, a transient error the sender never retried) are taken again
// when due, a few per run, fewest attempts first, so a poison message never starves the others.
import { listDueInbound } from '../store/inbound.ts';
import { UNCLAIMED_AFTER_MS } from './attempts.ts';
import type { PipelineDeps } from './pipeline.ts';
import { processInbound } from './process.ts';

/**
 * Messages per cron run (every 5 minutes, so 24 an hour): each costs about 16 subrequests (D1 queries, R2 calls, DNS
 * lookups; measured by `npm run replay:corpora`), and a Workers Free invocation may make 50, shared with the outbox
 * sweep of the same run. A backstop: the senders' own retries carry most of the load.
 */
export const SWEEP_BATCH = 2;

export async function sweepStuckInbound(deps: PipelineDeps): Promise<{ settled: number; retrying: number }> {
  const now = deps.now();
  const due = await listDueInbound(deps.db, {
    now,
    unclaimedBefore: new Date(now.getTime() - UNCLAIMED_AFTER_MS),
    limit: SWEEP_BATCH,
  });
  let retrying = 0;
  for (const { id } of due) {
    try {
      await processInbound(deps, id);
    } catch (error) {
      // Counted on the row (attempts, last error, next attempt): the next runs take it again after its backoff.
      retrying++;
      console.error(JSON.stringify({ event: 'sweep.error', inboundId: id, error: String(error) }));
    }
  }
  return { settled: due.length - retrying, retrying };
}
