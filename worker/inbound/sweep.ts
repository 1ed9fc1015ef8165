// The cron backstop: a message left in `pending`/`processing` by a crash is processed again once it is stale.
import { and, inArray, lt } from 'drizzle-orm';
import { inboundEmails } from '../store/schema.ts';
import { processInbound, type PipelineDeps } from './pipeline.ts';

/** Long enough that the sender's own retry (or a slow first run) has had its chance. */
export const STUCK_AFTER_MS = 10 * 60 * 1000;
/** Bounded work per cron run; the rest waits for the next run. */
export const SWEEP_BATCH = 25;

export async function sweepStuckInbound(deps: PipelineDeps): Promise<{ retried: number; failed: number }> {
  const staleBefore = new Date(deps.now().getTime() - STUCK_AFTER_MS);
  const stuck = await deps.db
    .select({ id: inboundEmails.id })
    .from(inboundEmails)
    .where(
      and(
        inArray(inboundEmails.status, ['pending', 'processing']),
        lt(inboundEmails.createdAt, staleBefore),
      ),
    )
    .limit(SWEEP_BATCH);
  let failed = 0;
  for (const { id } of stuck) {
    try {
      await processInbound(deps, id);
    } catch (error) {
      failed++;
      console.error(JSON.stringify({ event: 'sweep.error', inboundId: id, error: String(error) }));
    }
  }
  return { retried: stuck.length - failed, failed };
}
