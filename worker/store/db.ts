// The drizzle handle over D1, built once per request in worker/index.ts and passed to the stores.
import type { BatchItem } from 'drizzle-orm/batch';
import { drizzle } from 'drizzle-orm/d1';
import * as schema from './schema.ts';

export function createDatabase(d1: D1Database) {
  return drizzle(d1, { schema });
}

export type Database = ReturnType<typeof createDatabase>;

/** A statement broke a UNIQUE index: a concurrent writer got there first (the caller decides what that means). */
export function isUniqueViolation(error: unknown): boolean {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    if (/UNIQUE constraint failed/i.test(cause.message)) return true;
  }
  return false;
}

/** One statement of a D1 batch, as drizzle types it (an insert, update or delete built but not run). */
export type Statement = BatchItem<'sqlite'>;

/** Runs the statements as one D1 batch (one implicit transaction: all or none); nothing for an empty list. */
export async function runBatch(db: Database, statements: readonly Statement[]): Promise<void> {
  const [first, ...rest] = statements;
  if (!first) return;
  await db.batch([first, ...rest]);
}
