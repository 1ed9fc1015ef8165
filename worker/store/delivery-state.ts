// The delivery state of an outbound message, from the news about it (a DSN or complaint received, an Email Service
// delivery event): stronger news overwrites weaker, never the reverse.
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Database } from './db.ts';
import { messages } from './schema.ts';

export type DeliveryState = 'complained' | 'bounced' | 'delayed' | 'delivered';

/** From strongest to weakest: a complaint is the strongest news about a message; a delay never overwrites a failure. */
const STRENGTH: readonly DeliveryState[] = ['complained', 'bounced', 'delayed', 'delivered'];

export function buildDeliveryStateUpdate(db: Database, messageRowId: string, state: DeliveryState) {
  const weaker = STRENGTH.slice(STRENGTH.indexOf(state) + 1);
  return db
    .update(messages)
    .set({ deliveryState: state })
    .where(
      and(
        eq(messages.id, messageRowId),
        weaker.length > 0 ? or(isNull(messages.deliveryState), inArray(messages.deliveryState, weaker)) : undefined,
      ),
    );
}
