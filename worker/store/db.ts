// The drizzle handle over D1, built once per request in worker/index.ts and passed to the stores.
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
