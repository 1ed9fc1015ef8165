// Queries of the domains aggregate: the alias domains this installation receives mail for.
import { asc, eq } from 'drizzle-orm';
import type { Database } from './db.ts';
import { newId } from './ids.ts';
import { domains } from './schema.ts';

export type DomainRow = typeof domains.$inferSelect;

export async function findDomainByName(db: Database, name: string): Promise<DomainRow | undefined> {
  const [row] = await db.select().from(domains).where(eq(domains.name, name.toLowerCase()));
  return row;
}

/** The configured domain of an address (its part after the last `@`), if any. */
export async function findDomainByAddress(db: Database, address: string): Promise<DomainRow | undefined> {
  return findDomainByName(db, address.slice(address.lastIndexOf('@') + 1));
}

export async function findDomainById(db: Database, id: string): Promise<DomainRow | undefined> {
  const [row] = await db.select().from(domains).where(eq(domains.id, id));
  return row;
}

export async function listDomains(db: Database): Promise<DomainRow[]> {
  return db.select().from(domains).orderBy(asc(domains.name));
}

/** Creates a domain; returns null when the name is already taken. */
export async function createDomain(
  db: Database,
  input: { name: string; catchall: string; bounce: string },
): Promise<DomainRow | null> {
  const [row] = await db
    .insert(domains)
    .values({ id: newId('dom'), ...input, name: input.name.toLowerCase() })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

export type DomainChange = Partial<Omit<typeof domains.$inferInsert, 'id' | 'name' | 'createdAt'>>;

export async function updateDomain(db: Database, id: string, change: DomainChange): Promise<DomainRow | undefined> {
  const [row] = await db.update(domains).set(change).where(eq(domains.id, id)).returning();
  return row;
}
