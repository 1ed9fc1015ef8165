// How this page writes records, read the way a person copies the style of what is already there: quoted TXT
// strings, hostnames with a final dot, `@` for the apex, or hints next to the fields saying so.
import { readCellText, readRecordTable } from '../dom/read-table.ts';
import { parseRecordType } from '../record-text.ts';
import { NEGATION_BEFORE, QUOTES_HINT, TRAILING_DOT_HINT } from './field-words.ts';
import { queryAllDeep, type PageRoot } from './page-roots.ts';
import { RECORD_LIST_COLUMNS } from './record-columns.ts';

export type PageConventions = {
  /** TXT values are written as quoted character-strings (`"v=spf1 …"`), split at 255 octets. */
  quoteTxt: boolean;
  /** MX/CNAME targets are written absolute, with a final dot (zone-file syntax, RFC 1035 5.1). */
  absoluteTargets: boolean;
};

const ABSOLUTE_HOST = /(^|\s)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.$/i;

/**
 * True when a list on the page shows a target with the final dot in any column but the names' (a page listing one
 * record type has no type column: `mail.example.net.` under "Mail server" still says how targets are written).
 */
function listsShowAbsoluteTargets(roots: readonly PageRoot[]): boolean {
  for (const table of queryAllDeep(roots, 'table, [role=table], [role=grid]')) {
    const headerRow = Array.from(table.querySelectorAll('tr, [role=row]')).find((row) =>
      row.querySelector('th, [role=columnheader]'),
    );
    if (!headerRow) continue;
    const nameColumn = Array.from(headerRow.children).findIndex((cell) =>
      RECORD_LIST_COLUMNS.name.test(readCellText(cell).replace(/\s+/g, ' ')),
    );
    for (const row of Array.from(table.querySelectorAll('tr, [role=row]'))) {
      if (row === headerRow || row.querySelector('input, textarea, select')) continue;
      const cells = Array.from(row.children).filter((_cell, index) => index !== nameColumn);
      if (
        cells.some((cell) =>
          readCellText(cell)
            .split('\n')
            .some((line) => ABSOLUTE_HOST.test(line.trim())),
        )
      )
        return true;
    }
  }
  return false;
}

/** True when a help text asks for the final dot (and does not say to leave it out). */
function asksForFinalDot(hint: string): boolean {
  const match = TRAILING_DOT_HINT.exec(hint);
  return match !== null && !NEGATION_BEFORE.test(hint.slice(0, match.index));
}

/**
 * The conventions of the page's records lists; `valueHints` are the texts around the value field (placeholder, help).
 * Targets are absolute when the listed targets end with a dot (a zone-file editor, where a name without it is relative
 * to the zone), or when the value field's example or help says so.
 */
export function readPageConventions(roots: readonly PageRoot[], valueHints: readonly string[]): PageConventions {
  const rows = roots.flatMap((root) => readRecordTable(root, RECORD_LIST_COLUMNS));
  const valuesOf = (...types: string[]) =>
    rows.filter((row) => types.includes(parseRecordType(row.type ?? '') ?? '')).map((row) => row.value ?? '');
  return {
    quoteTxt:
      valuesOf('TXT').some((value) => value.startsWith('"')) ||
      valueHints.some((hint) => QUOTES_HINT.test(hint) || hint.trim().startsWith('"')),
    absoluteTargets:
      listsShowAbsoluteTargets(roots) ||
      valueHints.some((hint) => asksForFinalDot(hint) || ABSOLUTE_HOST.test(hint.trim())),
  };
}
