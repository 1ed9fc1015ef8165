// Processes one stored message as one counted, leased attempt: claimed by compare-and-set, run through the pipeline,
// and on failure either scheduled again (with backoff) or, once the attempts are spent, ended `failed`.
import {
  attemptsInSeries,
  claimInbound,
  getInbound,
  isLeased,
  recordFailedAttempt,
  resetInboundForReplay,
  type InboundRow,
} from '../store/inbound.ts';
import {
  ATTEMPT_LEASE_MS,
  describeError,
  InboundAttemptError,
  InboundBusyError,
  isLastAttempt,
  MAX_INBOUND_ATTEMPTS,
  retryDelayMs,
} from './attempts.ts';
import { failInbound } from './effects.ts';
import { runPipeline, type PipelineDeps, type ProcessResult } from './pipeline.ts';

const FINAL_STATUSES = new Set<string>(['delivered', 'rejected', 'failed']);

function toResult(row: InboundRow): ProcessResult {
  return { status: row.status as ProcessResult['status'], reason: row.reason ?? '', route: row.route ?? undefined };
}

/** Nothing to claim: the row is final (its outcome is the answer) or another invocation holds it (retry later). */
async function readUnclaimable(deps: PipelineDeps, inboundId: string): Promise<ProcessResult> {
  const row = await getInbound(deps.db, inboundId);
  if (!row) throw new Error(`inbound message ${inboundId} does not exist`);
  if (FINAL_STATUSES.has(row.status)) return toResult(row);
  throw new InboundBusyError(inboundId);
}

function giveUp(deps: PipelineDeps, inbound: InboundRow, lastError: string): Promise<ProcessResult> {
  return failInbound(deps, inbound, `gave up after ${attemptsInSeries(inbound)} attempts: ${lastError}`);
}

/** Counts a failed attempt: a final failure on the last one, else `pending` again and the error thrown on. */
async function settleFailedAttempt(deps: PipelineDeps, inbound: InboundRow, error: unknown): Promise<ProcessResult> {
  const reason = describeError(error);
  const spent = attemptsInSeries(inbound);
  if (isLastAttempt(spent)) return giveUp(deps, inbound, reason);
  const now = deps.now();
  try {
    await recordFailedAttempt(deps.db, inbound.id, {
      error: reason,
      nextAttemptAt: new Date(now.getTime() + retryDelayMs(spent)),
      now,
    });
  } catch (recordError) {
    // D1 itself is down: the lease runs out and the attempt is taken again, its count already kept.
    console.error(
      JSON.stringify({ event: 'inbound.attempt_unrecorded', inboundId: inbound.id, error: String(recordError) }),
    );
  }
  throw new InboundAttemptError(inbound.id, spent, error);
}

/**
 * Processes one stored message. Idempotent: a message in a final state is left as it is (its outcome is returned).
 * A message another invocation is processing throws InboundBusyError; a failed attempt throws InboundAttemptError
 * (both transient: the sender retries, so does the cron sweep) until the last of MAX_INBOUND_ATTEMPTS, which ends
 * the message `failed` with its reason, its raw bytes kept and an `inbound.failed` event.
 */
export async function processInbound(
  deps: PipelineDeps,
  inboundId: string,
  options: { released?: boolean } = {},
): Promise<ProcessResult> {
  const now = deps.now();
  const inbound = await claimInbound(deps.db, inboundId, now, new Date(now.getTime() + ATTEMPT_LEASE_MS));
  if (!inbound) return readUnclaimable(deps, inboundId);
  const spent = attemptsInSeries(inbound);
  if (spent > MAX_INBOUND_ATTEMPTS) {
    return giveUp(deps, inbound, inbound.lastError ?? 'the last attempt did not finish (a crash or a timeout)');
  }
  try {
    return await runPipeline(deps, inbound, { ...options, attemptsSpent: spent, lastAttempt: isLastAttempt(spent) });
  } catch (error) {
    return settleFailedAttempt(deps, inbound, error);
  }
}

/**
 * Reprocesses a message from its stored raw bytes (admin replay, e.g. after fixing an alias, or of a message that
 * ended `failed`), with a fresh series of attempts: what an earlier run filed from it is removed first, so a replay
 * never duplicates a message in its thread. A failed attempt is recorded on the row (pending, with its error) and
 * is not thrown: the row says what happened, the sweep retries it.
 */
export async function replayInbound(
  deps: PipelineDeps,
  inboundId: string,
  options: { released?: boolean } = {},
): Promise<ProcessResult | null> {
  const row = await getInbound(deps.db, inboundId);
  if (!row) throw new Error(`inbound message ${inboundId} does not exist`);
  if (isLeased(row, deps.now())) throw new InboundBusyError(inboundId);
  await resetInboundForReplay(deps.db, inboundId, deps.now());
  try {
    return await processInbound(deps, inboundId, options);
  } catch (error) {
    if (error instanceof InboundAttemptError || error instanceof InboundBusyError) return null;
    throw error;
  }
}
