// Installation-level rows that may be scoped to one domain (API tokens, webhook endpoints, Odoo targets), listed
// with that domain's name: the one query their lists share.
import { eq, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Database } from './db.ts';
import { domains } from './schema.ts';

/** A row with the name of the domain it is scoped to (null: installation-wide). */
export type WithDomainName<Row> = { row: Row; domainName: string | null };

type DomainScopedTable = SQLiteTable & { domainId: SQLiteColumn };

/** Every row of `table` in `order`, each with its domain's name. */
export async function listWithDomainName<Table extends DomainScopedTable>(
  db: Database,
  table: Table,
  order: SQL | SQLiteColumn,
): Promise<WithDomainName<Table['$inferSelect']>[]> {
  return db
    .select({ row: table, domainName: domains.name })
    .from(table)
    .leftJoin(domains, eq(domains.id, table.domainId))
    .orderBy(order) as Promise<WithDomainName<Table['$inferSelect']>[]>;
}
