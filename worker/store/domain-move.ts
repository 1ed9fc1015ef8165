// Copies one domain's rows from one D1 database to another, checks the copy row for row, then deletes the source's.
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
  { table: 'alerts', where: 'domain_id = ?1' },
];

/** Rows per page: one INSERT per row (a row's columns stay far below D1's 100 bound parameters), one batch per page. */
const PAGE_ROWS = 50;

export type TableCount = { table: string; source: number; target: number };

async function readInsertableColumns(db: D1Database, table: string): Promise<string[]> {
  // table_info leaves out generated columns (threads.activity_at), which cannot be written.
  const { results } = await db.prepare(`SELECT name FROM pragma_table_info(?1)`).bind(table).all<{ name: string }>();
  return results.map((row) => row.name);
}

async function copyTable(
  source: D1Database,
  target: D1Database,
  spec: { table: string; where: string },
  domainId: string,
): Promise<void> {
  const columns = await readInsertableColumns(source, spec.table);
  const columnList = columns.map((name) => `"${name}"`).join(', ');
  const insert = target.prepare(
    `INSERT OR IGNORE INTO ${spec.table} (${columnList}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  const page = source.prepare(
    `SELECT rowid, ${columnList} FROM ${spec.table} WHERE (${spec.where}) AND rowid > ?2 ORDER BY rowid LIMIT ${PAGE_ROWS}`,
  );
  for (let after = 0; ; ) {
    const rows = await page.bind(domainId, after).raw();
    if (rows.length === 0) return;
    await target.batch(rows.map((row) => insert.bind(...row.slice(1))));
    after = Number(rows.at(-1)![0]);
  }
}

async function countRows(db: D1Database, spec: { table: string; where: string }, domainId: string): Promise<number> {
  return (
    (await db
      .prepare(`SELECT count(*) AS n FROM ${spec.table} WHERE ${spec.where}`)
      .bind(domainId)
      .first<number>('n')) ?? 0
  );
}

async function deleteTable(db: D1Database, spec: { table: string; where: string }, domainId: string): Promise<void> {
  const remove = db
    .prepare(`DELETE FROM ${spec.table} WHERE rowid IN (SELECT rowid FROM ${spec.table} WHERE ${spec.where} LIMIT 500)`)
    .bind(domainId);
  while ((await remove.run()).meta.changes > 0);
}

/**
 * Copies every row of the domain into the target (idempotent: a move cut short is simply run again) and returns
 * each table's count in both databases. The caller flips the directory only when every count matches.
 */
export async function copyDomainRows(source: D1Database, target: D1Database, domainId: string): Promise<TableCount[]> {
  for (const spec of DOMAIN_TABLES) await copyTable(source, target, spec, domainId);
  const counts: TableCount[] = [];
  for (const spec of DOMAIN_TABLES) {
    counts.push({
      table: spec.table,
      source: await countRows(source, spec, domainId),
      target: await countRows(target, spec, domainId),
    });
  }
  return counts;
}

/**
 * Deletes the domain's rows from a database it has left, children first. The `domains` row itself stays when asked
 * (in the control database it anchors the domain's API tokens and the console's list of domains).
 */
export async function deleteDomainRows(
  db: D1Database,
  domainId: string,
  options: { keepDomainRow: boolean },
): Promise<void> {
  for (const spec of [...DOMAIN_TABLES].reverse()) {
    if (spec.table === 'domains' && options.keepDomainRow) continue;
    await deleteTable(db, spec, domainId);
  }
}

export async function findDomainId(db: D1Database, domainName: string): Promise<string | null> {
  return db.prepare('SELECT id FROM domains WHERE name = ?1').bind(domainName.toLowerCase()).first<string>('id');
}
