// The transactional outbox: event rows built as statements, so they commit in the same batch as what they describe.
import type { Database } from './db.ts';
import { newId } from './ids.ts';
import { events } from './schema.ts';

export type EventType =
  | 'message.received'
  | 'thread.created'
  | 'record.requested'
  | 'bounce.recorded'
  | 'recipient.suppressed'
  | 'complaint.recorded'
  | 'inbound.failed'
  | 'inbound.quarantined'
  | 'odoo.handoff'
  | 'alert.raised';

export type NewEvent = {
  type: EventType;
  domainId: string | null;
  inboundId?: string | null;
  threadId?: string | null;
  data: Record<string, unknown>;
};

export function buildEventInsert(db: Database, event: NewEvent, at: Date) {
  const id = newId('evt', at.getTime());
  return {
    id,
    statement: db.insert(events).values({
      id,
      type: event.type,
      domainId: event.domainId,
      inboundId: event.inboundId ?? null,
      threadId: event.threadId ?? null,
      payload: event.data,
      createdAt: at,
    }),
  };
}
