// The directory of the control database: which D1 binding holds each domain's data, and whether it is being moved.
import { eq } from 'drizzle-orm';
import type { Database } from './db.ts';
import { domainPlacements, type MoveCursor } from './schema.ts';

/** The control database's own binding: a domain without a placement row lives there. */
export const CONTROL_BINDING = 'DB';

export type Placement = {
  binding: string;
  state: 'active' | 'moving';
  /** A move under way: the binding being copied into. */
  moveTo?: string | null;
  /** A move that flipped: the binding whose rows of the domain are still being deleted. */
  moveFrom?: string | null;
  moveCursor?: MoveCursor | null;
};

export async function findPlacement(control: Database, domainName: string): Promise<Placement> {
  const row = await control
    .select({
      binding: domainPlacements.binding,
      state: domainPlacements.state,
      moveTo: domainPlacements.moveTo,
      moveFrom: domainPlacements.moveFrom,
      moveCursor: domainPlacements.moveCursor,
    })
    .from(domainPlacements)
    .where(eq(domainPlacements.domainName, domainName.toLowerCase()))
    .get();
  return row ?? { binding: CONTROL_BINDING, state: 'active' };
}

/** Every domain placed outside the control database, with its binding (the probes skip them where they are not). */
export async function listPlacedDomains(control: Database): Promise<{ domainName: string; binding: string }[]> {
  return control
    .select({ domainName: domainPlacements.domainName, binding: domainPlacements.binding })
    .from(domainPlacements);
}

export async function savePlacement(
  control: Database,
  domainName: string,
  placement: Placement,
  now: Date,
): Promise<void> {
  const values = {
    binding: placement.binding,
    state: placement.state,
    moveTo: placement.moveTo ?? null,
    moveFrom: placement.moveFrom ?? null,
    moveCursor: placement.moveCursor ?? null,
    updatedAt: now,
  };
  await control
    .insert(domainPlacements)
    .values({ domainName: domainName.toLowerCase(), ...values })
    .onConflictDoUpdate({ target: domainPlacements.domainName, set: values });
}
