// Reads a records list shown as an HTML table or an ARIA table/grid into rows keyed by column role.

export type ColumnPatterns = {
  type: RegExp;
  name: RegExp;
  value: RegExp;
  ttl?: RegExp;
  priority?: RegExp;
};
export type ColumnKey = keyof ColumnPatterns;
export type RawRow = Partial<Record<ColumnKey, string>>;

const HEADER_CELL = 'th, [role=columnheader]';
const BODY_CELL = 'td, [role=cell], [role=gridcell], [role=rowheader]';
const ROW = 'tr, [role=row]';

/** Text of a cell with `<br>` and block children as line breaks (a Route 53 cell lists one value per line). */
export function readCellText(cell: Element): string {
  const clone = cell.cloneNode(true) as Element;
  for (const hidden of Array.from(clone.querySelectorAll('[hidden], [aria-hidden=true], button, [role=button]')))
    hidden.remove();
  for (const br of Array.from(clone.querySelectorAll('br'))) br.replaceWith('\n');
  for (const block of Array.from(clone.querySelectorAll('div, p, li'))) block.append('\n');
  return (clone.textContent ?? '')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

function mapColumns(headers: Element[], columns: ColumnPatterns): Map<number, ColumnKey> {
  const byIndex = new Map<number, ColumnKey>();
  const keys = Object.keys(columns) as ColumnKey[];
  headers.forEach((header, index) => {
    const text = readCellText(header).replace(/\s+/g, ' ');
    const key = keys.find((k) => columns[k]?.test(text) && ![...byIndex.values()].includes(k));
    if (key) byIndex.set(index, key);
  });
  return byIndex;
}

/**
 * Every row of every table under `root` whose header row names at least a type, a name and a value column.
 * Rows are returned as raw text per column; turning them into records is the adapter's job.
 */
export function readRecordTable(root: ParentNode, columns: ColumnPatterns): RawRow[] {
  const tables = Array.from(root.querySelectorAll('table, [role=table], [role=grid]'));
  const rows: RawRow[] = [];
  for (const table of tables) {
    const headerCells = Array.from(table.querySelectorAll(HEADER_CELL));
    const columnByIndex = mapColumns(headerCells, columns);
    const found = new Set(columnByIndex.values());
    if (!found.has('type') || !found.has('name') || !found.has('value')) continue;
    for (const row of Array.from(table.querySelectorAll(ROW))) {
      if (row.closest('table, [role=table], [role=grid]') !== table) continue;
      const cells = Array.from(row.children).filter((child) => child.matches(`${BODY_CELL}, ${HEADER_CELL}`));
      if (cells.some((cell) => cell.matches(HEADER_CELL)) && !cells.some((cell) => cell.matches(BODY_CELL))) continue;
      if (cells.length === 0 || row.querySelector('input, textarea, select, [role=combobox]')) continue;
      const raw: RawRow = {};
      cells.forEach((cell, index) => {
        const key = columnByIndex.get(index);
        if (key) raw[key] = readCellText(cell);
      });
      if (raw.type && raw.value !== undefined) rows.push(raw);
    }
  }
  return rows;
}
