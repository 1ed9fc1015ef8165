// Mailbox for bounces and complaints: links the report to the outbound message that bounced (VERP token, else the
// quoted Message-ID), records one row per affected recipient, applies the suppression policy, and emits
// `bounce.recorded`/`complaint.recorded` and `recipient.suppressed`, all as statements of the pipeline's one batch.
// Anyone can write a DSN or an ARF report: a recipient row is *verified* only when the report is linked to mail this
// domain sent to that very address, and only verified rows count, suppress, mark the message or raise events. The rest
// is logged (unverified) and counted in the stats, nothing more.
// Nothing here ever answers the sender: a bounce of a bounce is backscatter (RFC 3464 2, RFC 3834 2).
import { eq } from 'drizzle-orm';
import { verifyAddressToken } from '../../../shared/mail/tokens.ts';
import type { MailClassification } from '../../../shared/api/bounces.ts';
import {
  applyRecipientReport,
  isCountedFailure,
  toSuppressionJson,
  type SuppressionState,
} from '../../bounces/suppression.ts';
import type { Statement } from '../../store/db.ts';
import { buildChunkedInserts } from '../../store/d1-limits.ts';
import { buildDeliveryStateUpdate } from '../../store/delivery-state.ts';
import { buildEventInserts, type NewEvent } from '../../store/events.ts';
import { findOutboundMessage, type OutboundMessageLink } from '../../store/outbound.ts';
import { newId } from '../../store/ids.ts';
import { bounces } from '../../store/schema.ts';
import { buildSuppressionUpsert, loadSuppressions } from '../../store/suppressions.ts';
import type { FilingContext } from './thread.ts';

export type BounceFiling = { statements: Statement[]; eventIds: string[]; reason: string };

/** The outbound message a report is about, with its thread, ERP record and the addresses it was sent to. */
export type BounceLink = OutboundMessageLink & { by: 'verp' | 'message-id' };

/** VERP first (it survives MTAs that quote nothing), else the quoted original Message-ID (Odoo's own way). */
export async function linkBounce(context: FilingContext, originalMessageId: string | null): Promise<BounceLink | null> {
  const { deps, facts } = context;
  // A report that reached no configured domain speaks for no tenant's mail.
  const domainId = facts.domainId;
  if (!domainId) return null;
  const tag = facts.recipient?.role === 'bounce' ? facts.recipient.tag : null;
  if (tag) {
    const rowId = await verifyAddressToken('verp', tag, deps.tokenSecrets);
    const found = rowId ? await findOutboundMessage(deps.db, { rowId }, domainId) : undefined;
    if (found) return { by: 'verp', ...found };
  }
  if (originalMessageId) {
    const found = await findOutboundMessage(deps.db, { messageId: originalMessageId }, domainId);
    if (found) return { by: 'message-id', ...found };
  }
  return null;
}

/** Files a report the pipeline classified (`classification`: who failed or complained, and why). */
export async function fileBounce(context: FilingContext, classification: MailClassification): Promise<BounceFiling> {
  const { deps, inbound, facts, now } = context;
  const kind: 'bounce' | 'complaint' = classification.kind === 'feedback' ? 'complaint' : 'bounce';
  const affected = classification.recipients.filter(
    (recipient) =>
      kind === 'complaint' ||
      recipient.action === 'failed' ||
      recipient.action === 'delayed' ||
      recipient.action === null,
  );
  const link = await linkBounce(context, classification.originalMessageId);
  const isVerified = (address: string) => link !== null && link.recipients.has(address.toLowerCase());
  const domainId = facts.domainId;
  const verifiedAddresses = affected.map((recipient) => recipient.address).filter(isVerified);
  const [alreadyFiled, stored] = await Promise.all([
    deps.db.select({ id: bounces.id }).from(bounces).where(eq(bounces.inboundId, inbound.id)).limit(1),
    domainId ? loadSuppressions(deps.db, domainId, verifiedAddresses) : new Map<string, SuppressionState>(),
  ]);
  // A replay re-files the rows (the link may have improved) but must not count the same report twice.
  const isReplay = alreadyFiled.length > 0;

  const rows = affected.map((recipient) => {
    const verified = isVerified(recipient.address);
    return {
      id: newId('bnc', now.getTime()),
      inboundId: inbound.id,
      domainId,
      messageRowId: verified ? link!.messageRowId : null,
      threadId: verified ? link!.threadId : null,
      address: recipient.address.toLowerCase(),
      kind,
      status: recipient.status,
      action: recipient.action,
      reason: recipient.reason,
      permanent: recipient.permanent,
      diagnostic: recipient.diagnostic ?? null,
      verified,
      createdAt: now,
    };
  });
  const verifiedRows = rows.filter((row) => row.verified);

  const changed = new Map<string, SuppressionState>();
  const newlySuppressed: SuppressionState[] = [];
  if (!isReplay && domainId) {
    for (const row of verifiedRows) {
      const previous = changed.get(row.address) ?? stored.get(row.address) ?? null;
      const change = applyRecipientReport(previous, { ...row, domainId }, now);
      if (change.counted || kind === 'complaint') changed.set(row.address, change.next);
      if (change.newlySuppressed) newlySuppressed.push(change.next);
    }
  }
  const counted = verifiedRows.some((row) => isCountedFailure(row));
  const deliveryState = kind === 'complaint' ? 'complained' : counted ? 'bounced' : 'delayed';
  const domainName = facts.domain?.name ?? null;

  const linkJson = link
    ? {
        by: link.by,
        message: { id: link.messageRowId, messageId: link.messageId },
        thread: { id: link.threadId },
        record: link.record,
      }
    : null;
  const base = { domainId, inboundId: inbound.id, threadId: link?.threadId ?? null };
  const newEvents: NewEvent[] =
    verifiedRows.length === 0
      ? []
      : [
          {
            ...base,
            type: kind === 'complaint' ? 'complaint.recorded' : 'bounce.recorded',
            data: {
              inboundId: inbound.id,
              originalMessageId: classification.originalMessageId,
              ...(classification.feedbackType ? { feedbackType: classification.feedbackType } : {}),
              link: linkJson,
              recipients: verifiedRows.map(({ address, status, action, reason, permanent, diagnostic }) => ({
                address,
                status,
                action,
                reason,
                permanent,
                diagnostic,
                suppression: changed.has(address) ? toSuppressionJson(changed.get(address)!, domainName) : null,
              })),
            },
          },
          ...newlySuppressed.map(
            (state): NewEvent => ({
              ...base,
              type: 'recipient.suppressed',
              data: { ...toSuppressionJson(state, domainName), link: linkJson },
            }),
          ),
        ];
  const eventInserts = buildEventInserts(deps.db, newEvents, now);

  const statements = [
    ...(isReplay ? [deps.db.delete(bounces).where(eq(bounces.inboundId, inbound.id))] : []),
    ...buildChunkedInserts(rows, (chunk) => deps.db.insert(bounces).values(chunk)),
    ...[...changed.values()].map((state) => buildSuppressionUpsert(deps.db, state)),
    ...(link && verifiedRows.length > 0 ? [buildDeliveryStateUpdate(deps.db, link.messageRowId, deliveryState)] : []),
    ...eventInserts.statements,
  ];
  return {
    statements,
    eventIds: eventInserts.ids,
    reason: describeFiling(kind, link, rows, newlySuppressed),
  };
}

/** The inbound row's one sentence: what the report said, what it was linked to, and what it changed. */
function describeFiling(
  kind: 'bounce' | 'complaint',
  link: BounceLink | null,
  rows: { address: string; status: string | null; reason: string | null; verified: boolean }[],
  newlySuppressed: SuppressionState[],
): string {
  const summary = rows.map((row) => `${row.address} ${row.status ?? ''} ${row.reason ?? ''}`.trim()).join(', ');
  const linked = link ? ` of ${link.messageRowId} (by ${link.by})` : '';
  const suppressedText =
    newlySuppressed.length > 0 ? `; suppressed ${newlySuppressed.map((s) => s.address).join(', ')}` : '';
  const unverified = rows.filter((row) => !row.verified).map((row) => row.address);
  const unverifiedText =
    unverified.length > 0 ? `; unverified (no mail of ours to ${unverified.join(', ')}): logged only` : '';
  return `${kind}${linked} for ${rows.length} recipient(s)${summary ? `: ${summary}` : ''}${suppressedText}${unverifiedText}`;
}
