// What a hot path's EXPLAIN QUERY PLAN may show: index searches, FTS5 matches, ordered index walks that a LIMIT stops,
// and temporary B-trees only where one is expected (each allowance says why its sort stays small).

/** Tables that grow with the mail: a full SCAN of one of them is O(volume). */
export const GROWING_TABLES = new Set([
  'inbound_emails',
  'threads',
  'messages',
  'thread_refs',
  'thread_followers',
  'attachments',
  'contacts',
  'events',
  'deliveries',
  'delivery_attempts',
  'bounces',
  'suppressions',
  'daily_counts',
  'message_search',
  'thread_search',
]);

export type TempBTreeAllowance = { name: string; sql: RegExp; why: string };

/** The names the SQL gives the growing tables (the table's own name, or its alias): EXPLAIN prints those. */
function growingNames(sql: string): Set<string> {
  const names = new Set<string>();
  for (const match of sql.matchAll(/\b(?:from|join|update|into)\s+"?(\w+)"?(?:\s+(?:as\s+)?"?(\w+)"?)?/gi)) {
    const table = match[1]!.toLowerCase();
    if (!GROWING_TABLES.has(table)) continue;
    names.add(table);
    const alias = match[2]?.toLowerCase();
    if (alias && !/^(where|on|set|values|select|order|group|limit|inner|left|cross|join|using)$/.test(alias))
      names.add(alias);
  }
  return names;
}

/** The problems of one statement's plan; the allowances it used are added to `used`. */
export function findPlanProblems(
  sql: string,
  details: string[],
  allowances: readonly TempBTreeAllowance[],
  used: Set<string>,
): string[] {
  const names = growingNames(sql);
  const limited = /\blimit\b/i.test(sql);
  const problems: string[] = [];
  for (const detail of details) {
    const scan = detail.match(/^SCAN (\w+)(.*)$/);
    if (scan && names.has(scan[1]!.toLowerCase())) {
      const rest = scan[2]!;
      if (/VIRTUAL TABLE INDEX \d+:M/.test(rest)) continue; // an FTS5 MATCH: reads the matching doclists only
      if (/USING (COVERING )?INDEX/.test(rest) && limited) continue; // an ordered index walk that the LIMIT stops
      problems.push(`${detail} (a scan of a growing table)`);
    }
    if (detail.includes('USE TEMP B-TREE')) {
      const allowance = allowances.find((entry) => entry.sql.test(sql));
      if (allowance) used.add(allowance.name);
      else problems.push(`${detail} (no temporary B-tree is expected here)`);
    }
  }
  return problems;
}
