// Cloudflare Email Service's delivery events (a Queues event subscription on the sending domain:
// `cf.email.sending.message.delivered|deferred|bounced|failed|rejected|complained`) linked back to the message
// mailgate sent. The Email Service sets its own Return-Path (its bounce processor), so bounces and complaints of
// mail sent through it reach mailgate this way, never as DSNs: a bounced or complained event is a verified report
// for that recipient (it comes from the account's own subscription and names a message sent to that address),
// counted by the same suppression policy as a linked DSN.
import { z } from 'zod';
import { normalizeMessageId } from '../../shared/mail/address.ts';
import { decideReason } from '../bounces/reasons.ts';
import { applyRecipientReport, toSuppressionJson } from '../bounces/suppression.ts';
import { runBatch, type Database, type Statement } from '../store/db.ts';
import { buildDeliveryStateUpdate } from '../store/delivery-state.ts';
import { buildEventInsert, type NewEvent } from '../store/events.ts';
import { newId } from '../store/ids.ts';
import { findOutboundMessage, type OutboundMessageLink } from '../store/outbound.ts';
import { bounces } from '../store/schema.ts';
import { buildSuppressionUpsert, loadSuppressions } from '../store/suppressions.ts';
import { eq } from 'drizzle-orm';

const EVENT_PREFIX = 'cf.email.sending.message.';

/** The fields mailgate reads of an event ("Event subscriptions → Email Sending events" of the Queues reference). */
export const emailSendingEventSchema = z.object({
  type: z.string().startsWith(EVENT_PREFIX),
  source: z.object({ domain: z.string() }),
  payload: z.object({
    eventId: z.string().min(1),
    messageId: z.string().min(1),
    recipient: z.string().min(3),
    delivery: z
      .object({
        status: z.string().optional(),
        smtpStatusCode: z.string().optional(),
        smtpEnhancedStatusCode: z.string().optional(),
        smtpResponse: z.string().optional(),
      })
      .optional(),
    bounce: z
      .object({ type: z.string().optional(), classification: z.string().optional(), reason: z.string().optional() })
      .optional(),
    rejection: z.object({ reason: z.string().optional(), detail: z.string().optional() }).optional(),
    failure: z.object({ reason: z.string().optional() }).optional(),
    complaint: z.object({ type: z.string().optional() }).optional(),
  }),
  metadata: z.object({ eventTimestamp: z.string().optional() }).optional(),
});
export type EmailSendingEvent = z.infer<typeof emailSendingEventSchema>;

export type EmailEventDeps = { db: Database; now(): Date };

/** What became of one event: recorded, or why it was left aside (logged, acknowledged). */
export type EmailEventOutcome = { recorded: true; eventIds: string[] } | { recorded: false; why: string };

/** The message and domain an event speaks of, or why it speaks of none of ours. */
async function linkEvent(db: Database, event: EmailSendingEvent): Promise<OutboundMessageLink | string> {
  const sentMessageId = normalizeMessageId(event.payload.messageId) ?? event.payload.messageId;
  const sent = await findOutboundMessage(db, { sentMessageId });
  if (!sent) return `no message of ours was sent as ${sentMessageId}`;
  // Events are scoped to the sending domain: the apex, or a sending subdomain of it.
  const source = event.source.domain.toLowerCase();
  if (source !== sent.domainName && !source.endsWith(`.${sent.domainName}`)) {
    return `the event comes from ${source}, not from ${sent.domainName}, which sent ${sentMessageId}`;
  }
  if (!sent.recipients.has(event.payload.recipient.toLowerCase())) {
    return `${event.payload.recipient} is not a recipient of ${sentMessageId}`;
  }
  return sent;
}

/** A bounce-log row for a deferred, bounced or complained event, in the shape of a DSN's rows. */
function toBounceRow(
  event: EmailSendingEvent,
  kind: 'bounced' | 'deferred' | 'complained',
  sent: OutboundMessageLink,
  at: Date,
) {
  const { delivery, bounce, complaint } = event.payload;
  const status = delivery?.smtpEnhancedStatusCode ?? null;
  const diagnostic = delivery?.smtpResponse ?? bounce?.reason ?? null;
  const action = kind === 'complained' ? null : kind === 'deferred' ? 'delayed' : 'failed';
  return {
    id: newId('bnc', at.getTime()),
    inboundId: null,
    domainId: sent.domainId,
    messageRowId: sent.messageRowId,
    threadId: sent.threadId,
    address: event.payload.recipient.toLowerCase(),
    kind: kind === 'complained' ? ('complaint' as const) : ('bounce' as const),
    status,
    action,
    reason:
      kind === 'complained'
        ? `complaint: ${complaint?.type ?? 'abuse'}`
        : decideReason({ status, replyCode: delivery?.smtpStatusCode ?? null, diagnostic, action }),
    permanent: kind === 'bounced' && (bounce?.type === 'hard' || status?.startsWith('5') === true),
    diagnostic,
    verified: true,
    sourceEventId: event.payload.eventId,
    createdAt: at,
  };
}

export async function recordEmailSendingEvent(
  deps: EmailEventDeps,
  event: EmailSendingEvent,
): Promise<EmailEventOutcome> {
  const { db } = deps;
  const kind = event.type.slice(EVENT_PREFIX.length);
  const linked = await linkEvent(db, event);
  if (typeof linked === 'string') return { recorded: false, why: linked };
  const sent = linked;
  const at = deps.now();
  const [seen] = await db
    .select({ id: bounces.id })
    .from(bounces)
    .where(eq(bounces.sourceEventId, event.payload.eventId))
    .limit(1);
  if (seen) return { recorded: false, why: `event ${event.payload.eventId} was recorded already` };
  const base = { domainId: sent.domainId, threadId: sent.threadId };
  const link = {
    by: 'email-service',
    message: { id: sent.messageRowId, messageId: sent.messageId, sentMessageId: sent.sentMessageId },
    thread: { id: sent.threadId },
    record: sent.record,
  };

  if (kind === 'delivered') return commit(db, [buildDeliveryStateUpdate(db, sent.messageRowId, 'delivered')], [], at);
  if (kind === 'rejected' || kind === 'failed') {
    const reason =
      event.payload.rejection?.detail ?? event.payload.rejection?.reason ?? event.payload.failure?.reason ?? kind;
    const failed: NewEvent = {
      ...base,
      type: 'message.failed',
      data: {
        messageId: sent.messageId,
        sentMessageId: sent.sentMessageId,
        threadId: sent.threadId,
        record: sent.record,
        recipient: event.payload.recipient.toLowerCase(),
        error: `the Email Service ${kind === 'rejected' ? 'rejected' : 'could not deliver to'} ${event.payload.recipient}: ${reason}`,
      },
    };
    return commit(db, [], [failed], at);
  }
  if (kind !== 'bounced' && kind !== 'deferred' && kind !== 'complained')
    return { recorded: false, why: `event type ${event.type} is not one mailgate records` };

  const row = toBounceRow(event, kind, sent, at);
  const stored = (await loadSuppressions(db, sent.domainId, [row.address])).get(row.address) ?? null;
  const change = applyRecipientReport(stored, { ...row, domainId: sent.domainId }, at);
  const changed = change.counted || row.kind === 'complaint';
  const suppression = changed ? toSuppressionJson(change.next, sent.domainName) : null;
  const recipient = {
    address: row.address,
    status: row.status,
    action: row.action,
    reason: row.reason,
    permanent: row.permanent,
    diagnostic: row.diagnostic,
    suppression,
  };
  const events: NewEvent[] =
    kind === 'deferred'
      ? []
      : [
          {
            ...base,
            type: row.kind === 'complaint' ? 'complaint.recorded' : 'bounce.recorded',
            data: { inboundId: null, originalMessageId: sent.sentMessageId, link, recipients: [recipient] },
          },
          ...(change.newlySuppressed
            ? [
                {
                  ...base,
                  type: 'recipient.suppressed' as const,
                  data: { ...toSuppressionJson(change.next, sent.domainName), link },
                },
              ]
            : []),
        ];
  const state = kind === 'complained' ? 'complained' : change.counted ? 'bounced' : 'delayed';
  return commit(
    db,
    [
      db.insert(bounces).values(row),
      ...(changed ? [buildSuppressionUpsert(db, change.next)] : []),
      buildDeliveryStateUpdate(db, sent.messageRowId, state),
    ],
    events,
    at,
  );
}

async function commit(db: Database, statements: Statement[], events: NewEvent[], at: Date): Promise<EmailEventOutcome> {
  const inserts = events.map((event) => buildEventInsert(db, event, at));
  const all = [...statements, ...inserts.map((insert) => insert.statement)];
  await runBatch(db, all);
  return { recorded: true, eventIds: inserts.map((insert) => insert.id) };
}

type QueueMessage = { body: unknown; ack(): void; retry(): void };

/**
 * The event subscription's Queue consumer: each event recorded (or left aside with a log line: not ours, not a
 * recipient of the message, already recorded), then acknowledged; D1 trouble retries the message.
 */
export async function consumeEmailSendingEvents(
  deps: EmailEventDeps & { enqueueEvents?: (eventIds: string[]) => Promise<void> },
  messages: readonly QueueMessage[],
): Promise<void> {
  for (const message of messages) {
    const parsed = emailSendingEventSchema.safeParse(message.body);
    if (!parsed.success) {
      console.warn(JSON.stringify({ event: 'email-events.unreadable', error: parsed.error.message }));
      message.ack();
      continue;
    }
    try {
      const outcome = await recordEmailSendingEvent(deps, parsed.data);
      if (!outcome.recorded)
        console.log(JSON.stringify({ event: 'email-events.ignored', type: parsed.data.type, why: outcome.why }));
      else if (outcome.eventIds.length > 0) await deps.enqueueEvents?.(outcome.eventIds).catch(() => undefined);
      message.ack();
    } catch (error) {
      console.error(JSON.stringify({ event: 'email-events.infrastructure-error', error: String(error) }));
      message.retry();
    }
  }
}
