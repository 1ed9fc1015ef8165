// Ingress for an MTA relay (a Postfix or Exim pipe through `mailgate relay`): one raw message, several recipients.
import type { PipelineDeps } from '../inbound/pipeline.ts';
import { acceptMessage, type AcceptOutcome, type IncomingMessage } from './accept.ts';
import { rawKeyFor } from './raw-store.ts';

export type RelayedMessage = {
  envelopeFrom: string;
  recipients: string[];
  raw: ReadableStream<Uint8Array>;
  /** Known up front (a Content-Length, or the bytes buffered within the size cap): R2 streams need it. */
  sizeBytes: number;
  origin: NonNullable<IncomingMessage['origin']>;
};

export type RelayedRecipient = { recipient: string; outcome: AcceptOutcome };

/**
 * Accepts the message once per recipient, as Email Routing calls email() once per recipient: each gets its own row,
 * route and verdict. The request body streams into R2 for the first; the others stream from that stored copy, so
 * the message is never held in memory. A transient error throws (the relay answers 5xx, the MTA retries): recipients
 * already accepted are then recognised as redeliveries on the retry and not filed twice.
 */
export async function relayMessage(deps: PipelineDeps, message: RelayedMessage): Promise<RelayedRecipient[]> {
  const results: RelayedRecipient[] = [];
  let storedKey: string | null = null;
  for (const recipient of message.recipients) {
    const raw = storedKey ? await openStoredRaw(deps.bucket, storedKey) : message.raw;
    // Each recipient's domain may live in its own database; a domain being moved throws (the MTA retries).
    const recipientDeps = deps.depsForRecipient ? await deps.depsForRecipient(recipient) : deps;
    const outcome = await acceptMessage(recipientDeps, {
      envelopeFrom: message.envelopeFrom,
      envelopeTo: recipient,
      raw,
      sizeBytes: message.sizeBytes,
      origin: message.origin,
    });
    storedKey ??= rawKeyFor(outcome.inboundId);
    if (outcome.forward) {
      // forward() belongs to Email Routing; an MTA that needs copies elsewhere makes them itself (README).
      console.warn(
        JSON.stringify({
          event: 'relay.forward_unavailable',
          inboundId: outcome.inboundId,
          forwardTo: outcome.forward.to,
        }),
      );
    }
    results.push({ recipient, outcome });
  }
  return results;
}

async function openStoredRaw(bucket: R2Bucket, key: string): Promise<ReadableStream<Uint8Array>> {
  const object = await bucket.get(key);
  if (!object) throw new Error(`raw message ${key} is missing from R2`);
  return object.body;
}
