// Mailbox for bounces and complaints: one row per affected recipient and a `bounce.recorded`/`complaint.recorded`
// event. (Suppression and linking to the bounced outbound message build on these rows.)
import { classifyMessage } from '../../bounces/classify.ts';
import { buildEventInsert } from '../../store/events.ts';
import { newId } from '../../store/ids.ts';
import { bounces } from '../../store/schema.ts';
import type { FilingContext } from './thread.ts';

export type BounceFiling = { statements: unknown[]; eventIds: string[]; reason: string };

export async function fileBounce(context: FilingContext, raw: ArrayBuffer): Promise<BounceFiling> {
  const { deps, inbound, facts, now } = context;
  const classification = classifyMessage(new Uint8Array(raw), { from: inbound.envelopeFrom, to: inbound.envelopeTo });
  const kind: 'bounce' | 'complaint' = classification.kind === 'feedback' ? 'complaint' : 'bounce';
  const failed = classification.recipients.filter(
    (recipient) => kind === 'complaint' || recipient.action === 'failed' || recipient.action === 'delayed' || recipient.action === null,
  );
  const rows = failed.map((recipient) => ({
    id: newId('bnc', now.getTime()),
    inboundId: inbound.id,
    address: recipient.address.toLowerCase(),
    kind,
    status: recipient.status,
    action: recipient.action,
    reason: recipient.reason,
    permanent: recipient.permanent,
    diagnostic: recipient.diagnostic ?? null,
    createdAt: now,
  }));
  const event = buildEventInsert(
    deps.db,
    {
      type: kind === 'complaint' ? 'complaint.recorded' : 'bounce.recorded',
      domainId: facts.domainId,
      inboundId: inbound.id,
      data: {
        inboundId: inbound.id,
        originalMessageId: classification.originalMessageId,
        recipients: rows.map(({ address, status, action, reason, permanent, diagnostic }) => ({
          address,
          status,
          action,
          reason,
          permanent,
          diagnostic,
        })),
      },
    },
    now,
  );
  const summary = rows.map((row) => `${row.address} ${row.status ?? ''} ${row.reason ?? ''}`.trim()).join(', ');
  return {
    statements: [...(rows.length > 0 ? [deps.db.insert(bounces).values(rows)] : []), event.statement],
    eventIds: [event.id],
    reason: `${kind} for ${rows.length} recipient(s)${summary ? `: ${summary}` : ''}`,
  };
}
