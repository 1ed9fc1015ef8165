// Queries of the Odoo targets aggregate: the Odoo databases `odoo` aliases hand raw mail to.
import { asc, eq } from 'drizzle-orm';
import type { Database } from './db.ts';
import { odooTargets } from './schema.ts';
import { listWithDomainName, type WithDomainName } from './with-domain-name.ts';

export type OdooTargetRow = typeof odooTargets.$inferSelect;
export type NewOdooTarget = typeof odooTargets.$inferInsert;

export async function findOdooTarget(db: Database, id: string): Promise<OdooTargetRow | undefined> {
  const [row] = await db.select().from(odooTargets).where(eq(odooTargets.id, id));
  return row;
}

/** Every target by name, with the name of the domain whose aliases it serves. */
export function listOdooTargets(db: Database): Promise<WithDomainName<OdooTargetRow>[]> {
  return listWithDomainName(db, odooTargets, asc(odooTargets.name));
}

export async function insertOdooTarget(db: Database, target: NewOdooTarget): Promise<OdooTargetRow> {
  const [row] = await db.insert(odooTargets).values(target).returning();
  if (!row) throw new Error('inserting an Odoo target returned no row');
  return row;
}

/** True when a target with this id existed and is gone. */
export async function deleteOdooTarget(db: Database, id: string): Promise<boolean> {
  const rows = await db.delete(odooTargets).where(eq(odooTargets.id, id)).returning({ id: odooTargets.id });
  return rows.length > 0;
}
