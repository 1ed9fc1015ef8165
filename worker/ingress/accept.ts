// What every ingress does with a message: store the raw bytes, record the row (or recognise a redelivery), process.
import { findDomainByAddress } from '../store/domains.ts';
import { newId } from '../store/ids.ts';
import { getInbound, insertInbound, resetInboundForReplay, type NewInbound } from '../store/inbound.ts';
import { pendingForward, type ForwardPlan } from '../inbound/forward-plan.ts';
import type { PipelineDeps, ProcessResult } from '../inbound/pipeline.ts';
import { processInbound } from '../inbound/process.ts';
import { UNCLAIMED_AFTER_MS } from '../inbound/attempts.ts';
import { storeRawMessage } from './raw-store.ts';

export type IncomingMessage = {
  envelopeFrom: string;
  envelopeTo: string;
  raw: ReadableStream<Uint8Array>;
  /** Announced size (Email Routing's rawSize, a Content-Length), or null when unknown. */
  sizeBytes: number | null;
  /** Where it came from, recorded on the row (email() when absent): the relay ingress, an import. */
  origin?: Pick<NewInbound, 'source' | 'trustReceived' | 'importMode' | 'threadId'>;
};

export type AcceptOutcome = ProcessResult & {
  inboundId: string;
  duplicate: boolean;
  /** forward() calls still owed for this mail (also for a redelivery whose earlier forward() failed). */
  forward: ForwardPlan | null;
};

/**
 * Raw first (ActionMailbox's rule): nothing is parsed before the bytes are durable in R2 and the row exists.
 * A redelivery of the same bytes to the same recipient writes no second row: a delivered or failed one is
 * acknowledged as is, an unfinished one (an earlier attempt hit a transient error) or a refused one is processed again.
 */
export async function acceptMessage(deps: PipelineDeps, incoming: IncomingMessage): Promise<AcceptOutcome> {
  const receivedAt = deps.now();
  const inboundId = newId('inb', receivedAt.getTime());
  const stored = await storeRawMessage(deps.bucket, inboundId, incoming.raw, incoming.sizeBytes);
  const { inserted, row } = await insertInbound(deps.db, {
    id: inboundId,
    // The tenant the row belongs to from the start (lists, counters), before routing confirms it.
    domainId: (await findDomainByAddress(deps.db, incoming.envelopeTo))?.id ?? null,
    rawKey: stored.key,
    checksum: stored.checksum,
    sizeBytes: stored.sizeBytes,
    envelopeFrom: incoming.envelopeFrom,
    envelopeTo: incoming.envelopeTo.toLowerCase(),
    ...incoming.origin,
    createdAt: receivedAt,
    // Claimed at once below; should this invocation die first, the cron sweep takes the row after this.
    nextAttemptAt: new Date(receivedAt.getTime() + UNCLAIMED_AFTER_MS),
  });
  if (!inserted) {
    // The earlier copy holds the same bytes: keep one.
    await deps.bucket.delete(stored.key);
    if (row.status === 'delivered' || row.status === 'failed') {
      return {
        inboundId: row.id,
        duplicate: true,
        status: row.status,
        reason: row.reason ?? '',
        forward: pendingForward(row),
      };
    }
    // A refused message that comes again is judged again: if the admin has since created the alias, the sender's
    // retry is accepted; if not, it gets the same 550.
    if (row.status === 'rejected') await resetInboundForReplay(deps.db, row.id, deps.now());
  }
  const result = await processInbound(deps, row.id);
  // Read back only when a forward is owed: the plan's verdict headers come from what was just stored.
  const processed = result.forwardTo?.length ? ((await getInbound(deps.db, row.id)) ?? null) : null;
  return { ...result, inboundId: row.id, duplicate: !inserted, forward: processed ? pendingForward(processed) : null };
}
