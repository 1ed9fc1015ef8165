// Columns every table shares: the prefixed id and the creation time.
import { sql } from 'drizzle-orm';
import { integer, text } from 'drizzle-orm/sqlite-core';

/** Rows carry prefixed, time-sortable ids (`inb_…`, `thr_…`): they can be minted before a batch is written. */
export const id = () => text('id').primaryKey();
export const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`);
