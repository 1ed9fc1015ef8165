// One domain's rows between two D1 databases, page by page: copy (an upsert), count in both, delete from the source.
// Plain SQL over the raw bindings: the same statements serve any pair of databases of this schema.

/**
 * Every table that holds a domain's data, parents first, with the condition that picks the domain's rows (`?1` is
 * the domain id). Search documents and daily counters are not copied: the schema's own triggers write them in the
 * target as the rows arrive, and take them back from the source as the rows leave.
 */
const THREADS_OF_DOMAIN = 'SELECT id FROM threads WHERE domain_id = ?1';
const DOMAIN_TABLES: { table: string; where: string }[] = [
  { table: 'domains', where: 'id = ?1' },
  { table: 'aliases', where: 'domain_id = ?1' },
  { table: 'routing_rules', where: 'domain_id = ?1' },
  { table: 'webhook_endpoints', where: 'domain_id = ?1' },
  { table: 'odoo_targets', where: 'domain_id = ?1' },
  { table: 'threads', where: 'domain_id = ?1' },
  { table: 'inbound_emails', where: 'domain_id = ?1' },
  { table: 'messages', where: `thread_id IN (${THREADS_OF_DOMAIN})` },
  { table: 'attachments', where: `message_id IN (SELECT id FROM messages WHERE thread_id IN (${THREADS_OF_DOMAIN}))` },
  { table: 'thread_refs', where: `thread_id IN (${THREADS_OF_DOMAIN})` },
  { table: 'thread_followers', where: `thread_id IN (${THREADS_OF_DOMAIN})` },
  { table: 'contacts', where: 'domain_id = ?1' },
  { table: 'events', where: 'domain_id = ?1' },
  { table: 'deliveries', where: 'event_id IN (SELECT id FROM events WHERE domain_id = ?1)' },
  {
    table: 'delivery_attempts',
    where: 'delivery_id IN (SELECT id FROM deliveries WHERE event_id IN (SELECT id FROM events WHERE domain_id = ?1))',
  },
  { table: 'bounces', where: 'domain_id = ?1' },
  { table: 'suppressions', where: 'domain_id = ?1' },
  { table: 'outgoing_sends', where: 'domain_id = ?1' },
  { table: 'send_counters', where: 'domain_id = ?1' },
  { table: 'alerts', where: 'domain_id = ?1' },
];

/** Rows per copied page: one INSERT per row (a row's columns stay far below D1's 100 bound parameters), one batch. */
const COPY_PAGE_ROWS = 50;
/** Rows per deleting statement: small enough that each statement (and its triggers) stays short. */
const DELETE_PAGE_ROWS = 500;

export type TableCount = { table: string; source: number; target: number };

/** How many tables a move walks: a cursor's `table` is an index into this list. */
export const DOMAIN_TABLE_COUNT = DOMAIN_TABLES.length;

async function readInsertableColumns(db: D1Database, table: string): Promise<string[]> {
  // table_info leaves out generated columns (threads.activity_at), which cannot be written.
  const { results } = await db.prepare(`SELECT name FROM pragma_table_info(?1)`).bind(table).all<{ name: string }>();
  return results.map((row) => row.name);
}

/**
 * Copies one page of a table's rows of the domain (rowid order, after `afterRowid`) and returns the last rowid
 * copied, or null when none is left. An upsert: a row copied before and changed since in the source (a move
 * resumed, a thread that grew) is brought up to date, so running a page again is always safe.
 */
export async function copyDomainPage(
  source: D1Database,
  target: D1Database,
  tableIndex: number,
  domainId: string,
  afterRowid: number,
): Promise<number | null> {
  const spec = DOMAIN_TABLES[tableIndex]!;
  const columns = await readInsertableColumns(source, spec.table);
  const columnList = columns.map((name) => `"${name}"`).join(', ');
  const rows = await source
    .prepare(
      `SELECT rowid, ${columnList} FROM ${spec.table} WHERE (${spec.where}) AND rowid > ?2 ORDER BY rowid LIMIT ${COPY_PAGE_ROWS}`,
    )
    .bind(domainId, afterRowid)
    .raw();
  if (rows.length === 0) return null;
  const upsert = target.prepare(
    `INSERT INTO ${spec.table} (${columnList}) VALUES (${columns.map(() => '?').join(', ')}) ` +
      `ON CONFLICT DO UPDATE SET ${columns.map((name) => `"${name}" = excluded."${name}"`).join(', ')}`,
  );
  await target.batch(rows.map((row) => upsert.bind(...row.slice(1))));
  return Number(rows.at(-1)![0]);
}

/** Each table's count of the domain's rows in both databases (the move flips only when no target count is short). */
export async function countDomainRows(source: D1Database, target: D1Database, domainId: string): Promise<TableCount[]> {
  const [sourceCounts, targetCounts] = await Promise.all([countRows(source, domainId), countRows(target, domainId)]);
  return DOMAIN_TABLES.map(({ table }, index) => ({
    table,
    source: sourceCounts[index]!,
    target: targetCounts[index]!,
  }));
}

/**
 * The table whose copy is stale though no count is short, or -1: a message still being filed when its row was copied
 * (pending or processing in the target) and settled in the source since, by the attempt that began before the move.
 * Such rows are few (attempts in flight), so they travel as one JSON parameter.
 */
export async function findStaleInboundCopy(source: D1Database, target: D1Database, domainId: string): Promise<number> {
  const { results: unsettled } = await target
    .prepare(`SELECT id, status FROM inbound_emails WHERE domain_id = ?1 AND status IN ('pending', 'processing')`)
    .bind(domainId)
    .all<{ id: string; status: string }>();
  if (unsettled.length === 0) return -1;
  const changed = await source
    .prepare(
      `SELECT count(*) AS n FROM inbound_emails AS row JOIN json_each(?2) AS copy ON row.id = copy.value ->> 'id'
       WHERE row.domain_id = ?1 AND row.status <> copy.value ->> 'status'`,
    )
    .bind(domainId, JSON.stringify(unsettled))
    .first<number>('n');
  return changed ? DOMAIN_TABLES.findIndex((spec) => spec.table === 'inbound_emails') : -1;
}

/** One batch of counts, one per table, in DOMAIN_TABLES order. */
async function countRows(db: D1Database, domainId: string): Promise<number[]> {
  const results = await db.batch<{ n: number }>(
    DOMAIN_TABLES.map((spec) =>
      db.prepare(`SELECT count(*) AS n FROM ${spec.table} WHERE ${spec.where}`).bind(domainId),
    ),
  );
  return results.map((result) => result.results[0]?.n ?? 0);
}

/**
 * Deletes one page of a table's rows of the domain from a database it has left; returns how many went. The caller
 * walks the tables children first. The `domains` row itself stays when asked (in the control database it anchors
 * the domain's API tokens and the console's list of domains).
 */
export async function deleteDomainPage(
  db: D1Database,
  tableIndex: number,
  domainId: string,
  options: { keepDomainRow: boolean },
): Promise<number> {
  const spec = DOMAIN_TABLES[tableIndex]!;
  if (spec.table === 'domains' && options.keepDomainRow) return 0;
  const result = await db
    .prepare(
      `DELETE FROM ${spec.table} WHERE rowid IN (SELECT rowid FROM ${spec.table} WHERE ${spec.where} LIMIT ${DELETE_PAGE_ROWS})`,
    )
    .bind(domainId)
    .run();
  return result.meta.changes;
}

export async function findDomainId(db: D1Database, domainName: string): Promise<string | null> {
  return db.prepare('SELECT id FROM domains WHERE name = ?1').bind(domainName.toLowerCase()).first<string>('id');
}
