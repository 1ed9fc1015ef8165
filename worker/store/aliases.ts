// Queries of the aliases aggregate as the API manages it: the addresses of a domain and what each does.
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from './db.ts';
import { aliases, domains } from './schema.ts';

export type AliasRow = typeof aliases.$inferSelect;
export type NewAlias = typeof aliases.$inferInsert;
export type AliasChange = Partial<Omit<NewAlias, 'id' | 'domainId' | 'localPart' | 'createdAt'>>;
export type NamedAlias = { alias: AliasRow; domainName: string };

/** Aliases by domain name and local part; of one domain, or of all (null). */
export async function listAliases(db: Database, domainId: string | null): Promise<NamedAlias[]> {
  return db
    .select({ alias: aliases, domainName: domains.name })
    .from(aliases)
    .innerJoin(domains, eq(domains.id, aliases.domainId))
    .where(domainId === null ? undefined : eq(aliases.domainId, domainId))
    .orderBy(asc(domains.name), asc(aliases.localPart));
}

export async function findAliasWithDomain(db: Database, id: string): Promise<NamedAlias | undefined> {
  const [row] = await db
    .select({ alias: aliases, domainName: domains.name })
    .from(aliases)
    .innerJoin(domains, eq(domains.id, aliases.domainId))
    .where(eq(aliases.id, id));
  return row;
}

/** An alias of the domain named by its local part (lower case) or, when `localPart` is null, by its id. */
export async function findAliasOfDomain(
  db: Database,
  domainId: string,
  key: { localPart: string } | { id: string },
): Promise<AliasRow | undefined> {
  const match = 'localPart' in key ? eq(aliases.localPart, key.localPart) : eq(aliases.id, key.id);
  const [row] = await db
    .select()
    .from(aliases)
    .where(and(eq(aliases.domainId, domainId), match));
  return row;
}

/** Inserts an alias; undefined when the domain already has one with this local part. */
export async function insertAlias(db: Database, alias: NewAlias): Promise<AliasRow | undefined> {
  const [row] = await db.insert(aliases).values(alias).onConflictDoNothing().returning();
  return row;
}

export async function updateAlias(db: Database, id: string, change: AliasChange): Promise<AliasRow | undefined> {
  const [row] = await db.update(aliases).set(change).where(eq(aliases.id, id)).returning();
  return row;
}

/** True when an alias with this id existed and is gone. */
export async function deleteAlias(db: Database, id: string): Promise<boolean> {
  const rows = await db.delete(aliases).where(eq(aliases.id, id)).returning({ id: aliases.id });
  return rows.length > 0;
}
