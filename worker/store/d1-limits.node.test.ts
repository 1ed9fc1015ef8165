import { inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { drizzle } from 'drizzle-orm/d1';
import {
  buildChunkedInserts,
  chunkValues,
  D1_MAX_BOUND_PARAMETERS,
  D1_MAX_STATEMENT_BYTES,
  inListCapacity,
  measureStatement,
  selectInChunks,
} from './d1-limits.ts';
import { attachments, threadRefs } from './schema.ts';

// Statements are only printed here (toSQL), never run: a binding that is never called is enough.
const db = drizzle({} as Parameters<typeof drizzle>[0]);

function attachmentRow(index: number, filename = `doc-${index}.txt`) {
  return {
    id: `att_${index}`,
    messageId: 'msg_1',
    r2Key: `attachments/inb_1/${index}`,
    filename,
    contentType: 'text/plain',
    sizeBytes: 64,
    contentId: null,
    disposition: 'attachment' as const,
  };
}

describe('buildChunkedInserts', () => {
  it('splits 13 attachment rows (8 parameters each) into statements of at most 100 parameters, in order', () => {
    const rows = Array.from({ length: 13 }, (_, i) => attachmentRow(i));
    const statements = buildChunkedInserts(rows, (chunk) => db.insert(attachments).values(chunk));
    expect(statements).toHaveLength(2);
    for (const statement of statements)
      expect(measureStatement(statement).params).toBeLessThanOrEqual(D1_MAX_BOUND_PARAMETERS);
    const printed = statements.flatMap((statement) =>
      statement.toSQL().params.filter((p) => typeof p === 'string' && p.startsWith('att_')),
    );
    expect(printed).toEqual(rows.map((row) => row.id));
  });

  it('keeps 12 attachment rows in one statement (96 parameters)', () => {
    const rows = Array.from({ length: 12 }, (_, i) => attachmentRow(i));
    expect(buildChunkedInserts(rows, (chunk) => db.insert(attachments).values(chunk))).toHaveLength(1);
  });

  it('cuts by bound bytes too: rows carrying 600 KB each go at most three to a statement, all of them in order', () => {
    const rows = Array.from({ length: 7 }, (_, i) => attachmentRow(i, 'x'.repeat(600_000)));
    const statements = buildChunkedInserts(rows, (chunk) => db.insert(attachments).values(chunk));
    const rowsPerStatement = statements.map((statement) => statement.toSQL().params.length / 8);
    expect(Math.max(...rowsPerStatement)).toBeLessThanOrEqual(3);
    expect(rowsPerStatement.reduce((a, b) => a + b, 0)).toBe(7);
    const ids = statements.flatMap((statement) =>
      statement.toSQL().params.filter((p) => typeof p === 'string' && p.startsWith('att_')),
    );
    expect(ids).toEqual(rows.map((row) => row.id));
  });

  it('keeps the SQL text under 100 KB whatever the row count', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({ threadId: 'thr_1', messageId: `id-${i}@example.com` }));
    const statements = buildChunkedInserts(rows, (chunk) => db.insert(threadRefs).values(chunk).onConflictDoNothing());
    expect(statements.length).toBeGreaterThanOrEqual(60);
    for (const statement of statements) {
      const cost = measureStatement(statement);
      expect(cost.params).toBeLessThanOrEqual(D1_MAX_BOUND_PARAMETERS);
      expect(cost.sqlBytes).toBeLessThanOrEqual(D1_MAX_STATEMENT_BYTES);
    }
  });

  it('builds nothing for no rows, and refuses a row that cannot fit alone', () => {
    expect(
      buildChunkedInserts([], (chunk: { threadId: string; messageId: string }[]) =>
        db.insert(threadRefs).values(chunk),
      ),
    ).toEqual([]);
    const huge = attachmentRow(1, 'y'.repeat(2_100_000));
    expect(() => buildChunkedInserts([huge], (chunk) => db.insert(attachments).values(chunk))).toThrow(RangeError);
  });
});

describe('IN lists', () => {
  it('measures how many values fit next to the query’s other parameters', () => {
    const capacity = inListCapacity('a', (chunk) =>
      db.select().from(threadRefs).where(inArray(threadRefs.messageId, chunk)).limit(1),
    );
    // The LIMIT is bound too.
    expect(capacity).toBe(D1_MAX_BOUND_PARAMETERS - 1);
  });

  it('chunks values in order', () => {
    expect(chunkValues([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('runs one query per chunk of distinct values and concatenates their rows', async () => {
    const seen: string[][] = [];
    const values = Array.from({ length: 250 }, (_, i) => `v${i % 240}`);
    const rows = await selectInChunks(values, (chunk) => {
      const query = db.select().from(threadRefs).where(inArray(threadRefs.messageId, chunk));
      // Stands in for D1: each awaited query answers one row per value of its chunk.
      const answer: PromiseLike<string[]> = {
        then: (resolve) => {
          seen.push(chunk);
          return Promise.resolve(chunk.map((v) => `row:${v}`)).then(resolve);
        },
      };
      return { toSQL: () => query.toSQL(), then: answer.then };
    });
    expect(seen.map((chunk) => chunk.length)).toEqual([100, 100, 40]);
    expect(rows).toHaveLength(240);
    expect(
      await selectInChunks([], () => {
        throw new Error('no query for no values');
      }),
    ).toEqual([]);
  });
});
