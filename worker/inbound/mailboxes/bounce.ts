// Mailbox for bounces and complaints: links the report to the outbound message that bounced (VERP token, else the
// quoted Message-ID), records one row per affected recipient, applies the suppression policy, and emits
// `bounce.recorded`/`complaint.recorded` and `recipient.suppressed`, all as statements of the pipeline's one batch.
// Nothing here ever answers the sender: a bounce of a bounce is backscatter (RFC 3464 2, RFC 3834 2).
import { and, eq, isNull, ne, or } from 'drizzle-orm';
import { verifyAddressToken } from '../../../shared/mail/tokens.ts';
import { classifyMessage } from '../../bounces/classify.ts';
import { applyRecipientReport, isCountedFailure, toSuppressionJson, type SuppressionState } from '../../bounces/suppression.ts';
import type { Database } from '../../store/db.ts';
import { buildEventInserts, type NewEvent } from '../../store/events.ts';
import { buildChunkedInserts } from '../../store/d1-limits.ts';
import { newId } from '../../store/ids.ts';
import { bounces, messages, threads } from '../../store/schema.ts';
import { buildSuppressionUpsert, loadSuppressions } from '../../store/suppressions.ts';
import type { FilingContext } from './thread.ts';

/** The pipeline calls this for the senders of normal mail (see worker/inbound/mailboxes/thread.ts). */
export { buildBounceResetForSender } from '../../store/suppressions.ts';

export type BounceFiling = { statements: unknown[]; eventIds: string[]; reason: string };

/** The outbound message a report is about, with its thread and ERP record. */
export type BounceLink = {
  by: 'verp' | 'message-id';
  messageRowId: string;
  messageId: string | null;
  threadId: string;
  record: { model: string; id: string | null } | null;
};

async function findOutboundMessage(
  db: Database,
  where: { rowId: string } | { messageId: string },
  domainId: string | null,
): Promise<Omit<BounceLink, 'by'> | null> {
  const [row] = await db
    .select({
      messageRowId: messages.id,
      messageId: messages.messageId,
      threadId: messages.threadId,
      domainId: threads.domainId,
      recordModel: threads.recordModel,
      recordId: threads.recordId,
    })
    .from(messages)
    .innerJoin(threads, eq(threads.id, messages.threadId))
    .where(
      and(
        eq(messages.direction, 'outbound'),
        'rowId' in where ? eq(messages.id, where.rowId) : eq(messages.messageId, where.messageId),
      ),
    )
    .limit(1);
  // A message of another domain is treated like no match: one tenant's bounces never touch another's threads.
  if (!row || (domainId !== null && row.domainId !== domainId)) return null;
  return {
    messageRowId: row.messageRowId,
    messageId: row.messageId,
    threadId: row.threadId,
    record: row.recordModel ? { model: row.recordModel, id: row.recordId } : null,
  };
}

/** VERP first (it survives MTAs that quote nothing), else the quoted original Message-ID (Odoo's own way). */
export async function linkBounce(
  context: FilingContext,
  originalMessageId: string | null,
): Promise<BounceLink | null> {
  const { deps, facts } = context;
  const tag = facts.recipient?.role === 'bounce' ? facts.recipient.tag : null;
  if (tag) {
    const rowId = await verifyAddressToken('verp', tag, deps.tokenSecrets);
    const found = rowId ? await findOutboundMessage(deps.db, { rowId }, facts.domainId) : null;
    if (found) return { by: 'verp', ...found };
  }
  if (originalMessageId) {
    const found = await findOutboundMessage(deps.db, { messageId: originalMessageId }, facts.domainId);
    if (found) return { by: 'message-id', ...found };
  }
  return null;
}

function buildDeliveryStateUpdate(db: Database, messageRowId: string, state: 'bounced' | 'complained' | 'delayed') {
  const target = eq(messages.id, messageRowId);
  // A complaint is the strongest news about a message; a delay never overwrites a failure.
  if (state === 'complained') return db.update(messages).set({ deliveryState: state }).where(target);
  if (state === 'bounced') {
    return db
      .update(messages)
      .set({ deliveryState: state })
      .where(and(target, or(isNull(messages.deliveryState), ne(messages.deliveryState, 'complained'))));
  }
  return db.update(messages).set({ deliveryState: state }).where(and(target, isNull(messages.deliveryState)));
}


export async function fileBounce(context: FilingContext, raw: ArrayBuffer): Promise<BounceFiling> {
  const { deps, inbound, facts, now } = context;
  const classification = classifyMessage(new Uint8Array(raw), { from: inbound.envelopeFrom, to: inbound.envelopeTo });
  const kind: 'bounce' | 'complaint' = classification.kind === 'feedback' ? 'complaint' : 'bounce';
  const affected = classification.recipients.filter(
    (recipient) => kind === 'complaint' || recipient.action === 'failed' || recipient.action === 'delayed' || recipient.action === null,
  );
  const [link, alreadyFiled, stored] = await Promise.all([
    linkBounce(context, classification.originalMessageId),
    deps.db.select({ id: bounces.id }).from(bounces).where(eq(bounces.inboundId, inbound.id)).limit(1),
    loadSuppressions(deps.db, affected.map((recipient) => recipient.address)),
  ]);
  // A replay re-files the rows (the link may have improved) but must not count the same report twice.
  const isReplay = alreadyFiled.length > 0;

  const rows = affected.map((recipient) => ({
    id: newId('bnc', now.getTime()),
    inboundId: inbound.id,
    messageRowId: link?.messageRowId ?? null,
    threadId: link?.threadId ?? null,
    address: recipient.address.toLowerCase(),
    kind,
    status: recipient.status,
    action: recipient.action,
    reason: recipient.reason,
    permanent: recipient.permanent,
    diagnostic: recipient.diagnostic ?? null,
    createdAt: now,
  }));

  const changed = new Map<string, SuppressionState>();
  const newlySuppressed: SuppressionState[] = [];
  if (!isReplay) {
    for (const row of rows) {
      const previous = changed.get(row.address) ?? stored.get(row.address) ?? null;
      const change = applyRecipientReport(previous, row, now);
      if (change.counted || kind === 'complaint') changed.set(row.address, change.next);
      if (change.newlySuppressed) newlySuppressed.push(change.next);
    }
  }
  const counted = rows.some((row) => isCountedFailure(row));
  const deliveryState = kind === 'complaint' ? 'complained' : counted ? 'bounced' : rows.length > 0 ? 'delayed' : null;

  const linkJson = link
    ? {
        by: link.by,
        message: { id: link.messageRowId, messageId: link.messageId },
        thread: { id: link.threadId },
        record: link.record,
      }
    : null;
  const base = { domainId: facts.domainId, inboundId: inbound.id, threadId: link?.threadId ?? null };
  const newEvents: NewEvent[] = [
    {
      ...base,
      type: kind === 'complaint' ? 'complaint.recorded' : 'bounce.recorded',
      data: {
        inboundId: inbound.id,
        originalMessageId: classification.originalMessageId,
        ...(classification.feedbackType ? { feedbackType: classification.feedbackType } : {}),
        link: linkJson,
        recipients: rows.map(({ address, status, action, reason, permanent, diagnostic }) => ({
          address,
          status,
          action,
          reason,
          permanent,
          diagnostic,
          suppression: changed.has(address) ? toSuppressionJson(changed.get(address)!) : null,
        })),
      },
    },
    ...newlySuppressed.map(
      (state): NewEvent => ({ ...base, type: 'recipient.suppressed', data: { ...toSuppressionJson(state), link: linkJson } }),
    ),
  ];
  const eventInserts = buildEventInserts(deps.db, newEvents, now);

  const statements = [
    ...(isReplay ? [deps.db.delete(bounces).where(eq(bounces.inboundId, inbound.id))] : []),
    ...buildChunkedInserts(rows, (chunk) => deps.db.insert(bounces).values(chunk)),
    ...[...changed.values()].map((state) => buildSuppressionUpsert(deps.db, state)),
    ...(link && deliveryState ? [buildDeliveryStateUpdate(deps.db, link.messageRowId, deliveryState)] : []),
    ...eventInserts.statements,
  ];
  const summary = rows.map((row) => `${row.address} ${row.status ?? ''} ${row.reason ?? ''}`.trim()).join(', ');
  const linked = link ? ` of ${link.messageRowId} (by ${link.by})` : '';
  const suppressedText = newlySuppressed.length > 0 ? `; suppressed ${newlySuppressed.map((s) => s.address).join(', ')}` : '';
  return {
    statements,
    eventIds: eventInserts.ids,
    reason: `${kind}${linked} for ${rows.length} recipient(s)${summary ? `: ${summary}` : ''}${suppressedText}`,
  };
}

