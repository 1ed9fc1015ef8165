// The transactional outbox: event rows built as statements, so they commit in the same batch as what they describe.
import type { Database } from './db.ts';
import { buildChunkedInserts } from './d1-limits.ts';
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
  | 'outgoing.send'
  | 'message.sent'
  | 'message.failed'
  | 'alert.raised';

export type NewEvent = {
  type: EventType;
  domainId: string | null;
  inboundId?: string | null;
  threadId?: string | null;
  data: Record<string, unknown>;
};

function toEventRow(event: NewEvent, at: Date) {
  return {
    id: newId('evt', at.getTime()),
    type: event.type,
    domainId: event.domainId,
    inboundId: event.inboundId ?? null,
    threadId: event.threadId ?? null,
    payload: event.data,
    createdAt: at,
  };
}

export function buildEventInsert(db: Database, event: NewEvent, at: Date) {
  const row = toEventRow(event, at);
  return { id: row.id, statement: db.insert(events).values(row) };
}

/** Several events as multi-row inserts within D1's statement limits (a bounce about 50 recipients raises 51). */
export function buildEventInserts(db: Database, newEvents: NewEvent[], at: Date) {
  const rows = newEvents.map((event) => toEventRow(event, at));
  return {
    ids: rows.map((row) => row.id),
    statements: buildChunkedInserts(rows, (chunk) => db.insert(events).values(chunk)),
  };
}
