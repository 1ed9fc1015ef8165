// Ingress for Cloudflare Email Routing: the Email Worker's `email()` handler.
import { buildForwardHeaders } from '../deliver/forward-headers.ts';
import { signLoopMarker } from '../deliver/loop-marker.ts';
import type { PipelineDeps } from '../inbound/pipeline.ts';
import { markForwarded } from '../store/inbound.ts';
import { acceptMessage } from './accept.ts';

/**
 * A transient failure (D1 or R2 unavailable) throws: Cloudflare then answers the sending MTA with a temporary
 * SMTP error and the sender retries. `setReject` (a permanent 550) is only for mail that must never be accepted.
 * A failed forward() throws too, for the same reason: the row keeps the forward as owed, and the sender's retry
 * (recognised as a redelivery) forwards again instead of the mail being dropped.
 */
export async function receiveEmail(message: ForwardableEmailMessage, deps: PipelineDeps): Promise<void> {
  const outcome = await acceptMessage(deps, {
    envelopeFrom: message.from,
    envelopeTo: message.to,
    raw: message.raw,
    sizeBytes: message.rawSize,
  });
  console.log(
    JSON.stringify({
      event: 'inbound.accepted',
      inboundId: outcome.inboundId,
      status: outcome.status,
      route: outcome.route,
      duplicate: outcome.duplicate,
      reason: outcome.reason,
      forwardTo: outcome.forward?.to,
    }),
  );
  if (outcome.smtpReject) message.setReject(outcome.smtpReject);
  if (outcome.forward) {
    // Every forward carries the installation's signed loop marker: a copy that comes back is held, not forwarded again.
    const loopMarker = await signLoopMarker(outcome.inboundId, deps.tokenSecrets);
    const verdict = { ...outcome.forward.verdict, ...(loopMarker ? { loopMarker } : {}) };
    // One forward() per destination, in order; a retry redoes all of them (at least once, never none).
    for (const destination of outcome.forward.to) {
      await message.forward(destination, buildForwardHeaders(verdict));
    }
    await markForwarded(deps.db, outcome.inboundId, deps.now());
  }
}
