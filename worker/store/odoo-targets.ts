// Queries of the Odoo targets aggregate: the Odoo databases `odoo` aliases hand raw mail to.
import { eq } from 'drizzle-orm';
import type { Database } from './db.ts';
import { odooTargets } from './schema.ts';

export type OdooTargetRow = typeof odooTargets.$inferSelect;

export async function findOdooTarget(db: Database, id: string): Promise<OdooTargetRow | undefined> {
  const [row] = await db.select().from(odooTargets).where(eq(odooTargets.id, id));
  return row;
}
