// Queries of the API tokens aggregate: tokens are found by their SHA-256, never kept in clear.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from './db.ts';
import { apiTokens } from './schema.ts';
import { listWithDomainName, type WithDomainName } from './with-domain-name.ts';

export type TokenRow = typeof apiTokens.$inferSelect;
export type NewToken = typeof apiTokens.$inferInsert;

/** The active (not revoked) token with this hash. */
export async function findActiveTokenByHash(db: Database, tokenHash: string): Promise<TokenRow | undefined> {
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
  return row;
}

/** Every token, newest first, with the name of the domain it is scoped to (null: installation-wide). */
export function listTokens(db: Database): Promise<WithDomainName<TokenRow>[]> {
  return listWithDomainName(db, apiTokens, desc(apiTokens.id));
}

export async function insertToken(db: Database, token: NewToken): Promise<TokenRow | undefined> {
  const [row] = await db.insert(apiTokens).values(token).returning();
  return row;
}

/** Revokes an active token; undefined when there is none with this id. */
export async function revokeToken(db: Database, id: string, now: Date): Promise<TokenRow | undefined> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning();
  return row;
}

export function touchToken(db: Database, id: string, now: Date): Promise<unknown> {
  return db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id)).run();
}
