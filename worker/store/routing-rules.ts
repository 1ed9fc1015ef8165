// Queries of a domain's routing rules, kept in evaluation order (position, then id).
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Database } from './db.ts';
import { routingRules } from './schema.ts';

export type RoutingRuleRow = typeof routingRules.$inferSelect;
export type NewRoutingRule = Omit<typeof routingRules.$inferInsert, 'position'> & { position?: number | undefined };

/** Positions step by 10, so that a rule can later be put between two others without renumbering. */
const POSITION_STEP = 10;

export async function listRoutingRules(db: Database, domainId: string): Promise<RoutingRuleRow[]> {
  return db
    .select()
    .from(routingRules)
    .where(eq(routingRules.domainId, domainId))
    .orderBy(asc(routingRules.position), asc(routingRules.id));
}

/** Inserts a rule; without a position it goes after the domain's last rule. */
export async function insertRoutingRule(db: Database, rule: NewRoutingRule): Promise<RoutingRuleRow> {
  let position = rule.position;
  if (position === undefined) {
    const [last] = await db
      .select({ position: routingRules.position })
      .from(routingRules)
      .where(eq(routingRules.domainId, rule.domainId))
      .orderBy(desc(routingRules.position))
      .limit(1);
    position = last ? last.position + POSITION_STEP : POSITION_STEP;
  }
  const [row] = await db
    .insert(routingRules)
    .values({ ...rule, position })
    .returning();
  if (!row) throw new Error('inserting a routing rule returned no row');
  return row;
}

/** True when the domain had a rule with this id and it is gone. */
export async function deleteRoutingRule(db: Database, domainId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(routingRules)
    .where(and(eq(routingRules.id, id), eq(routingRules.domainId, domainId)))
    .returning({ id: routingRules.id });
  return rows.length > 0;
}
