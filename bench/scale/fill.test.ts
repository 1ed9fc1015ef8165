// The bulk fill writes the same search index and daily counters as the schema's triggers do row by row.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { fillDatabase, type DerivedTablesMode } from './fill.ts';

const folder = mkdtempSync(join(tmpdir(), 'mailgate-fill-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const NOW = Date.UTC(2026, 2, 1);
/** Not a multiple of the thread length: the last thread is a short one. */
const SIZE = 202;

let created = 0;

function createMigratedDatabase(name: string): string {
  const path = join(folder, `${name}-${++created}.sqlite`);
  const db = new DatabaseSync(path);
  for (const file of readdirSync('migrations')
    .filter((entry) => entry.endsWith('.sql'))
    .sort())
    db.exec(readFileSync(join('migrations', file), 'utf8'));
  db.close();
  return path;
}

function fill(mode: DerivedTablesMode): string {
  const path = createMigratedDatabase(mode);
  fillDatabase(path, SIZE, NOW, mode);
  return path;
}

/** The derived tables as rows: counters, every (term, document, column, offset) of both indexes, the triggers. */
function readDerived(path: string) {
  const db = new DatabaseSync(path);
  db.exec(`CREATE VIRTUAL TABLE temp.message_terms USING fts5vocab(main, message_search, instance);
           CREATE VIRTUAL TABLE temp.thread_terms USING fts5vocab(main, thread_search, instance);`);
  const rows = (sql: string) => db.prepare(sql).all();
  const derived = {
    counts: rows('SELECT scope, day, counter, value FROM daily_counts ORDER BY scope, day, counter'),
    messageTerms: rows('SELECT term, doc, col, "offset" FROM temp.message_terms ORDER BY 1, 2, 3, 4'),
    threadTerms: rows('SELECT term, doc, col, "offset" FROM temp.thread_terms ORDER BY 1, 2, 3, 4'),
    triggers: rows("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"),
    journalMode: db.prepare('PRAGMA journal_mode').get(),
    statistics: rows("SELECT name FROM sqlite_master WHERE name LIKE 'sqlite_stat%'"),
  };
  // Each index against its content (rank 1: the content rows are tokenized again and compared).
  db.exec("INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)");
  db.exec("INSERT INTO thread_search (thread_search, rank) VALUES ('integrity-check', 1)");
  db.close();
  return derived;
}

// Filling and reading a few hundred messages takes seconds on a busy machine.
describe('bench:scale fill', { timeout: 60_000 }, () => {
  it('writes in bulk exactly the search index and counters the triggers write row by row', () => {
    const byTriggers = readDerived(fill('triggers'));
    const inBulk = readDerived(fill('bulk'));
    // Non-trivial on both sides: a comparison of two empty tables proves nothing.
    expect(byTriggers.counts.length).toBeGreaterThan(10);
    expect(byTriggers.messageTerms.length).toBeGreaterThan(SIZE * 200);
    expect(byTriggers.threadTerms.length).toBeGreaterThan(SIZE / 4);
    expect(byTriggers.triggers.length).toBeGreaterThan(5);
    expect(inBulk.counts).toEqual(byTriggers.counts);
    expect(inBulk.messageTerms).toEqual(byTriggers.messageTerms);
    expect(inBulk.threadTerms).toEqual(byTriggers.threadTerms);
    expect(inBulk.triggers).toEqual(byTriggers.triggers);
    expect(inBulk.journalMode).toEqual({ journal_mode: 'delete' });
    expect(inBulk.statistics).toEqual([]);
  });

  it('counts every received message once per scope', () => {
    const db = new DatabaseSync(fill('bulk'));
    const total = db
      .prepare("SELECT sum(value) AS n FROM daily_counts WHERE scope = '*' AND counter = 'received'")
      .get();
    const rows = db.prepare('SELECT count(*) AS n FROM inbound_emails').get();
    db.close();
    expect(total).toEqual({ n: SIZE });
    expect(rows).toEqual({ n: SIZE });
  });

  it('refuses a trigger it has no bulk form for, and leaves the database as it was', () => {
    const path = createMigratedDatabase('unknown-trigger');
    const db = new DatabaseSync(path);
    db.exec(
      'CREATE TABLE audit (id TEXT); CREATE TRIGGER messages_audit AFTER INSERT ON messages BEGIN INSERT INTO audit VALUES (new.id); END;',
    );
    db.close();
    expect(() => fillDatabase(path, SIZE, NOW, 'bulk')).toThrow(/messages_audit/);
    const after = new DatabaseSync(path);
    const left = after
      .prepare(
        'SELECT (SELECT count(*) FROM messages) AS messages, (SELECT count(*) FROM sqlite_master WHERE type = ?) AS triggers',
      )
      .get('trigger');
    after.close();
    expect(left).toEqual({ messages: 0, triggers: byTriggerCount() });
  });
});

function byTriggerCount(): number {
  const db = new DatabaseSync(createMigratedDatabase('reference'));
  const { n } = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger'").get() as { n: number };
  db.close();
  return n + 1;
}
