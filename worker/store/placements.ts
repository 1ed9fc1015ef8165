// The directory of the control database: which D1 binding holds each domain's data, and whether it is being moved.
import { eq } from 'drizzle-orm';
import type { Database } from './db.ts';
import { domainPlacements } from './schema.ts';

/** The control database's own binding: a domain without a placement row lives there. */
export const CONTROL_BINDING = 'DB';

export type Placement = { binding: string; state: 'active' | 'moving' };

export async function findPlacement(control: Database, domainName: string): Promise<Placement> {
  const row = await control
    .select({ binding: domainPlacements.binding, state: domainPlacements.state })
    .from(domainPlacements)
    .where(eq(domainPlacements.domainName, domainName.toLowerCase()))
    .get();
  return row ?? { binding: CONTROL_BINDING, state: 'active' };
}

export async function savePlacement(
  control: Database,
  domainName: string,
  placement: Placement,
  now: Date,
): Promise<void> {
  const values = { ...placement, updatedAt: now };
  await control
    .insert(domainPlacements)
    .values({ domainName: domainName.toLowerCase(), ...values })
    .onConflictDoUpdate({ target: domainPlacements.domainName, set: values });
}
