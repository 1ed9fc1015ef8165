// Ingress for Cloudflare Email Routing: the Email Worker's `email()` handler.
import type { PipelineDeps } from '../inbound/pipeline.ts';
import { acceptMessage } from './accept.ts';

/**
 * A transient failure (D1 or R2 unavailable) throws: Cloudflare then answers the sending MTA with a temporary
 * SMTP error and the sender retries. `setReject` (a permanent 550) is only for mail that must never be accepted.
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
      duplicate: outcome.duplicate,
      reason: outcome.reason,
    }),
  );
  if (outcome.status === 'rejected') message.setReject(outcome.reason);
}
