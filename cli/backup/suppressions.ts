// The suppression lists' part of a backup: every domain's entries written to `suppressions.jsonl`, and put back in
// bulk through `POST /api/suppressions` (reason, source, time and counters kept).
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import {
  MAX_SUPPRESSIONS_PER_REQUEST,
  type AddSuppressionBulk,
  type AddSuppressionsResult,
  type SuppressionJson,
} from '../../shared/api/bounces.ts';
import type { GatewayReader } from './export.ts';
import { readPages } from './export.ts';
import type { GatewayWriter } from './restore-config.ts';

/** One line of `suppressions.jsonl`: the domain and what `POST /api/suppressions` needs to make the entry again. */
export type SuppressionLine = {
  domain: string;
  address: string;
  source: NonNullable<SuppressionJson['source']>;
  reason: string | null;
  suppressedAt: string;
  bounceCount: number;
  firstBounceAt: string | null;
  lastBounceAt: string | null;
  complained: boolean;
};

function toLine(entry: SuppressionJson): SuppressionLine | null {
  if (!entry.domain || !entry.suppressedAt) return null;
  return {
    domain: entry.domain,
    address: entry.address,
    source: entry.source ?? 'manual',
    reason: entry.reason,
    suppressedAt: entry.suppressedAt,
    bounceCount: entry.bounceCount,
    firstBounceAt: entry.firstBounceAt,
    lastBounceAt: entry.lastBounceAt,
    complained: entry.complained,
  };
}

/**
 * Every domain's suppressed addresses, paged through the list API, one line each. Written to a `.partial` file and
 * renamed at the end: a run that dies leaves the previous complete file, and the next run writes it whole again.
 */
export async function exportSuppressions(reader: GatewayReader, file: string): Promise<number> {
  const partial = `${file}.partial`;
  writeFileSync(partial, '');
  let count = 0;
  for await (const entry of readPages<SuppressionJson>(reader, '/api/suppressions')) {
    const line = toLine(entry);
    if (!line) continue;
    appendFileSync(partial, `${JSON.stringify(line)}\n`);
    count++;
  }
  renameSync(partial, file);
  return count;
}

/** The lines of an export's `suppressions.jsonl` (none for an export made before it existed). */
export function readSuppressionLines(file: string): SuppressionLine[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as SuppressionLine);
}

/** A line as `POST /api/suppressions` takes it: its domain goes on the request, a null reason is left out. */
function toNewEntry(line: SuppressionLine): AddSuppressionBulk['entries'][number] {
  const { domain, reason, ...entry } = line;
  return reason ? { ...entry, reason } : entry;
}

export type SuppressionRestoreSummary = { added: number; alreadyThere: number };

/**
 * Puts the lines back, per domain, at most MAX_SUPPRESSIONS_PER_REQUEST per request. An address the gateway already
 * suppresses keeps its entry (`alreadyThere`). A refused request is reported in `failed` and the rest go on.
 */
export async function restoreSuppressions(
  writer: GatewayWriter,
  lines: readonly SuppressionLine[],
  failed: { what: string; reason: string }[],
): Promise<SuppressionRestoreSummary> {
  const summary: SuppressionRestoreSummary = { added: 0, alreadyThere: 0 };
  const byDomain = new Map<string, SuppressionLine[]>();
  for (const line of lines) {
    const own = byDomain.get(line.domain);
    if (own) own.push(line);
    else byDomain.set(line.domain, [line]);
  }
  for (const [domain, entries] of byDomain) {
    for (let start = 0; start < entries.length; start += MAX_SUPPRESSIONS_PER_REQUEST) {
      const chunk = entries.slice(start, start + MAX_SUPPRESSIONS_PER_REQUEST);
      const body: AddSuppressionBulk = {
        domain,
        entries: chunk.map(toNewEntry),
      };
      const answer = await writer.send('POST', '/api/suppressions', body);
      if (answer.status !== 200) {
        failed.push({
          what: `suppressions ${start + 1}–${start + chunk.length} of ${domain}`,
          reason: `HTTP ${answer.status}: ${answer.json?.error?.message ?? 'no message'}`,
        });
        continue;
      }
      const result = answer.json as unknown as AddSuppressionsResult;
      summary.added += result.added + result.replaced;
      summary.alreadyThere += result.alreadyThere;
    }
  }
  return summary;
}
