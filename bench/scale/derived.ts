// The bulk form of the schema's derived-table triggers for bench:scale's fill: the search index and the daily counters
// written once, by the same SQL the triggers run per row, over the rows a fill added (tests prove both forms agree).
import type { DatabaseSync } from 'node:sqlite';

/** The tables the fill writes, whose triggers keep the derived tables (search index, daily counters). */
const FILLED_TABLES = [
  'domains',
  'aliases',
  'threads',
  'inbound_emails',
  'messages',
  'thread_refs',
  'thread_followers',
];

/** Every trigger on a filled table this module writes the bulk form of; an unknown one stops a bulk fill. */
const KNOWN_TRIGGERS = new Set([
  'inbound_counts_insert',
  'inbound_counts_delete',
  'inbound_counts_update',
  'messages_search_insert',
  'messages_search_delete',
  'messages_search_update_before',
  'messages_search_update_after',
  'threads_search_insert',
  'threads_search_delete',
  'threads_search_update',
]);

/** Where the filled tables' rowids stood before a fill: the bulk statements cover the rows after these. */
type RowidMarks = { threads: number; inbound: number; messages: number };

type TriggerDefinition = { name: string; sql: string };

/**
 * Drops the filled tables' triggers (inside the caller's transaction) and returns their definitions for
 * `restoreTriggers`. Throws on a trigger whose bulk form `writeDerivedTables` does not write.
 */
export function suspendTriggers(db: DatabaseSync): TriggerDefinition[] {
  const placeholders = FILLED_TABLES.map(() => '?').join(', ');
  const triggers = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (${placeholders}) ORDER BY rowid`,
    )
    .all(...FILLED_TABLES) as TriggerDefinition[];
  const unknown = triggers.filter((trigger) => !KNOWN_TRIGGERS.has(trigger.name)).map((trigger) => trigger.name);
  if (unknown.length > 0)
    throw new Error(
      `bulk fill does not know the trigger(s) ${unknown.join(', ')}: add their bulk form or fill with triggers`,
    );
  for (const trigger of triggers) db.exec(`DROP TRIGGER "${trigger.name}"`);
  return triggers;
}

export function restoreTriggers(db: DatabaseSync, triggers: TriggerDefinition[]): void {
  for (const trigger of triggers) db.exec(trigger.sql);
}

export function readRowidMarks(db: DatabaseSync): RowidMarks {
  const highest = (table: string) =>
    Number((db.prepare(`SELECT coalesce(max(rowid), 0) AS id FROM ${table}`).get() as { id: number }).id);
  return { threads: highest('threads'), inbound: highest('inbound_emails'), messages: highest('messages') };
}

/**
 * What the insert triggers would have written for the rows added since `marks` (a fill only inserts: the update and
 * delete triggers have nothing to do). The search statements are the triggers' own, over a range of rowids instead
 * of one; the counters are the migration's backfill (table-valued functions may not appear in a trigger, so the
 * trigger spells the same two lists as subqueries), added to what the table already holds as the trigger does.
 */
export function writeDerivedTables(db: DatabaseSync, marks: RowidMarks): void {
  db.prepare(
    `INSERT INTO message_search (rowid, subject, participants, body)
     SELECT doc_id, subject, participants, body FROM message_search_source WHERE doc_id > ? ORDER BY doc_id`,
  ).run(marks.messages);
  db.prepare(
    `INSERT INTO thread_search (rowid, subject)
     SELECT rowid, coalesce(subject, '') FROM threads WHERE rowid > ? ORDER BY rowid`,
  ).run(marks.threads);
  db.prepare(
    `INSERT INTO daily_counts (scope, day, counter, value)
     SELECT scope.value, i.created_at / 86400000, counter.value, count(*)
     FROM inbound_emails i,
          json_each(json_array('*', i.domain_id)) AS scope,
          json_each(json_array('received', CASE i.kind WHEN 'bounce' THEN 'bounces' WHEN 'feedback' THEN 'complaints' END)) AS counter
     WHERE i.rowid > ? AND scope.value IS NOT NULL AND counter.value IS NOT NULL
     GROUP BY 1, 2, 3
     ON CONFLICT (scope, day, counter) DO UPDATE SET value = value + excluded.value`,
  ).run(marks.inbound);
}
