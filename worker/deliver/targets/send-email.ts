// The send-email target: an `outgoing.send` event (queued by `POST /api/send`) goes out through Cloudflare Email
// Service's `send_email` binding, once the suppression list has been read again (an address that bounced or
// complained since the request is never mailed). Success records the id the Email Service gave the message on its
// thread (replies and delivery events name it) and raises `message.sent`; the end of the retries raises `message.failed`.
import { buildEventInsert, type NewEvent } from '../../store/events.ts';
import { buildSendUpdate, getSendWithMessage, type SendWithMessage } from '../../store/outgoing.ts';
import { messages } from '../../store/schema.ts';
import { loadSuppressions } from '../../store/suppressions.ts';
import { buildAddThreadRefs } from '../../store/threads.ts';
import { eq } from 'drizzle-orm';
import { normalizeMessageId } from '../../../shared/mail/address.ts';
import { deliveredOutcome, type AttemptOutcome } from '../attempt-outcome.ts';
import { describeSendError } from '../send-errors.ts';
import type { OutboxDeps } from '../outbox-deps.ts';
import { listMessageRecipients, withoutRecipients, type EmailServiceMessage } from '../../outgoing/email-message.ts';
import {
  configurationFailure,
  refuseTarget,
  type DeliveryTarget,
  type PerformedAttempt,
  type Settlement,
} from './target.ts';

/** `message.sent` / `message.failed`: what the ERP needs to tie the outcome to its record. */
function buildOutcomeEvent(
  found: SendWithMessage,
  settlement: Settlement,
  sent: { sentMessageId: string; suppressedAtSend: string[] } | null,
): NewEvent {
  const { send } = found;
  const base = { sendId: send.id, messageId: found.messageId, threadId: send.threadId, record: found.record };
  return sent
    ? {
        type: 'message.sent',
        domainId: send.domainId,
        threadId: send.threadId,
        data: {
          ...base,
          sentMessageId: sent.sentMessageId,
          sentAt: settlement.at.toISOString(),
          refused: sent.suppressedAtSend,
        },
      }
    : {
        type: 'message.failed',
        domainId: send.domainId,
        threadId: send.threadId,
        data: { ...base, error: settlement.error, attempts: settlement.attempts },
      };
}

async function attemptSend(deps: OutboxDeps, found: SendWithMessage): Promise<PerformedAttempt> {
  const { db } = deps;
  const { send } = found;
  const object = await deps.bucket.get(send.payloadKey);
  if (!object) return refuseTarget('the message to send is no longer stored');
  const stored = (await object.json()) as EmailServiceMessage;
  // Read again right before sending: a bounce or complaint since the request must stop the mail (per domain).
  const suppressed = await loadSuppressions(db, send.domainId, listMessageRecipients(stored));
  const suppressedAtSend = [...suppressed.values()]
    .filter((state) => state.suppressedAt !== null)
    .map((state) => state.address);
  const message = withoutRecipients(stored, new Set(suppressedAtSend));
  if (message.to.length === 0) {
    return refuseTarget(
      `not sent: every To recipient is now suppressed in this domain's list (${suppressedAtSend.join(', ')})`,
    );
  }
  if (!deps.sendEmail) {
    return {
      outcome: configurationFailure(
        'retry',
        'the send_email binding EMAIL is not configured (wrangler.toml [[send_email]])',
      ),
      secrets: [],
    };
  }
  const startedAt = deps.now();
  let outcome: AttemptOutcome;
  let sentMessageId: string | null = null;
  try {
    const result = await deps.sendEmail.send(message satisfies EmailMessageBuilder);
    sentMessageId = normalizeMessageId(result.messageId) ?? result.messageId;
    outcome = deliveredOutcome({ status: null, latencyMs: deps.now() - startedAt, responseSnippet: result.messageId });
  } catch (error) {
    outcome = describeSendError(error, deps.now() - startedAt);
  }
  return {
    outcome,
    secrets: [],
    settle: (settlement) => {
      const statements = [];
      const events: NewEvent[] = [];
      if (settlement.status === 'delivered' && sentMessageId) {
        statements.push(
          buildSendUpdate(db, send.id, { status: 'sent', sentAt: settlement.at, lastError: null }),
          db.update(messages).set({ sentMessageId }).where(eq(messages.id, send.messageRowId)),
          // A reply quoting the id the Email Service put on the wire finds the thread too.
          ...buildAddThreadRefs(db, send.threadId, [sentMessageId]),
        );
        events.push(buildOutcomeEvent(found, settlement, { sentMessageId, suppressedAtSend }));
      } else if (settlement.status === 'dead') {
        statements.push(buildSendUpdate(db, send.id, { status: 'failed', lastError: settlement.error }));
        events.push(buildOutcomeEvent(found, settlement, null));
      } else {
        statements.push(buildSendUpdate(db, send.id, { lastError: settlement.error }));
      }
      const inserts = events.map((event) => buildEventInsert(db, event, settlement.at));
      return {
        statements: [...statements, ...inserts.map((insert) => insert.statement)],
        eventIds: inserts.map((insert) => insert.id),
      };
    },
  };
}

export const sendEmailTarget: DeliveryTarget = {
  async selectTargets(_db, event) {
    const sendId = event.type === 'outgoing.send' ? event.payload.sendId : undefined;
    return typeof sendId === 'string' && sendId ? [sendId] : [];
  },

  async prepareAttempts(deps) {
    return async (delivery) => {
      const found = await getSendWithMessage(deps.db, delivery.targetId);
      if (!found) return refuseTarget(`the send ${delivery.targetId} does not exist`);
      // A revived delivery of a mail already sent must not send it twice.
      if (found.send.status === 'sent') return { cancel: 'the message was already sent' };
      return attemptSend(deps, found);
    };
  },
};
