// A D1Database that records every statement (SQL and bound values) the code under test sends, passing each on to
// the real binding: the plan test replays them through EXPLAIN QUERY PLAN.

export type RecordedStatement = { sql: string; params: unknown[] };

const realStatements = new WeakMap<object, { real: D1PreparedStatement; recorded: RecordedStatement }>();

function wrapStatement(
  real: D1PreparedStatement,
  sql: string,
  params: unknown[],
  log: RecordedStatement[],
): D1PreparedStatement {
  const record = () => log.push({ sql, params });
  const wrapped = {
    bind: (...values: unknown[]) => wrapStatement(real.bind(...values), sql, values, log),
    first: (column?: string) => (record(), column === undefined ? real.first() : real.first(column)),
    run: () => (record(), real.run()),
    all: () => (record(), real.all()),
    raw: (options?: { columnNames?: boolean }) => (record(), real.raw(options as { columnNames: true })),
  } as unknown as D1PreparedStatement;
  realStatements.set(wrapped, { real, recorded: { sql, params } });
  return wrapped;
}

export function createRecordingD1(target: D1Database, log: RecordedStatement[]): D1Database {
  return {
    prepare: (sql: string) => wrapStatement(target.prepare(sql), sql, [], log),
    batch: (statements: D1PreparedStatement[]) => {
      const known = statements.map((statement) => {
        const entry = realStatements.get(statement);
        if (!entry) throw new Error('a statement of another database was passed to batch()');
        return entry;
      });
      // A batch runs each statement once: recorded here, not through their own run().
      log.push(...known.map((entry) => entry.recorded));
      return target.batch(known.map((entry) => entry.real));
    },
    exec: (query: string) => (log.push({ sql: query, params: [] }), target.exec(query)),
    dump: () => target.dump(),
    withSession: () => {
      throw new Error('withSession is not used by mailgate');
    },
  } as unknown as D1Database;
}
