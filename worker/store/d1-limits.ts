// Keeps every statement inside D1's limits: multi-row inserts and IN (…) lists are split into statements of at most
// 100 bound parameters and 100 KB of SQL, however many rows or values a message brings.

/** D1: at most 100 bound parameters per statement ("too many SQL variables" beyond). */
export const D1_MAX_BOUND_PARAMETERS = 100;
/** D1: at most 100,000 bytes of SQL text per statement (SQLITE_TOOBIG beyond). */
export const D1_MAX_STATEMENT_BYTES = 100_000;
/**
 * D1: a string, BLOB or row is at most 2,000,000 bytes. The values bound to one multi-row statement are kept under
 * it as well, so that one statement never carries more than one row's worth of data.
 */
export const D1_MAX_ROW_BYTES = 2_000_000;

/** Anything drizzle can print without running it: inserts, selects, updates and deletes. */
export type PrintableQuery = { toSQL(): { sql: string; params: unknown[] } };

type Cost = { params: number; sqlBytes: number; valueBytes: number };

const encoder = new TextEncoder();

function byteLength(value: unknown): number {
  if (typeof value === 'string') return encoder.encode(value).byteLength;
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return value.byteLength;
  return 8;
}

export function measureStatement(query: PrintableQuery): Cost {
  const { sql, params } = query.toSQL();
  return {
    params: params.length,
    sqlBytes: encoder.encode(sql).byteLength,
    valueBytes: params.reduce<number>((total, value) => total + byteLength(value), 0),
  };
}

function fits(cost: Cost): boolean {
  return (
    cost.params <= D1_MAX_BOUND_PARAMETERS &&
    cost.sqlBytes <= D1_MAX_STATEMENT_BYTES &&
    cost.valueBytes <= D1_MAX_ROW_BYTES
  );
}

/**
 * One statement per chunk of `rows`, built by `build`, each within D1's limits, rows kept in order. A chunk starts
 * as large as the parameter limit allows (measured on a one-row statement) and is halved until its statement fits
 * (many bytes of SQL or of values); the next chunk starts large again. Each row is printed about once: linear work.
 * A row that does not fit even alone is an error of the caller: it throws.
 */
export function buildChunkedInserts<Row, Query extends PrintableQuery>(
  rows: readonly Row[],
  build: (chunk: Row[]) => Query,
): Query[] {
  if (rows.length === 0) return [];
  const paramsPerRow = Math.max(1, measureStatement(build([rows[0]!])).params);
  const fullChunk = Math.max(1, Math.floor(D1_MAX_BOUND_PARAMETERS / paramsPerRow));
  const statements: Query[] = [];
  for (let start = 0; start < rows.length; ) {
    let count = Math.min(fullChunk, rows.length - start);
    let statement = build(rows.slice(start, start + count));
    let cost = measureStatement(statement);
    while (!fits(cost)) {
      if (count === 1) throw new RangeError(`one row alone exceeds D1's statement limits (${JSON.stringify(cost)})`);
      count = Math.ceil(count / 2);
      statement = build(rows.slice(start, start + count));
      cost = measureStatement(statement);
    }
    statements.push(statement);
    start += count;
  }
  return statements;
}

/**
 * How many values of an IN (…) list fit one statement next to the query's other parameters, measured on the query
 * itself with a one-value list (each further value adds one bound parameter).
 */
export function inListCapacity<Value>(sample: Value, query: (chunk: Value[]) => PrintableQuery): number {
  const others = measureStatement(query([sample])).params - 1;
  const capacity = D1_MAX_BOUND_PARAMETERS - others;
  if (capacity < 1) throw new RangeError(`the query already binds ${others} parameters besides its IN list`);
  return capacity;
}

/** `values` in consecutive chunks of at most `size`. */
export function chunkValues<Value>(values: readonly Value[], size: number): Value[][] {
  const chunks: Value[][] = [];
  for (let start = 0; start < values.length; start += size) chunks.push(values.slice(start, start + size));
  return chunks;
}

/**
 * Runs a select whose IN (…) list is `values` as one statement per chunk (in order, one after another: each is one
 * D1 query of the invocation's budget) and concatenates the rows. No values, no query.
 */
export async function selectInChunks<Value, Row>(
  values: readonly Value[],
  query: (chunk: Value[]) => PrintableQuery & PromiseLike<Row[]>,
): Promise<Row[]> {
  if (values.length === 0) return [];
  const unique = [...new Set(values)];
  const rows: Row[] = [];
  for (const chunk of chunkValues(unique, inListCapacity(unique[0]!, query))) rows.push(...(await query(chunk)));
  return rows;
}
