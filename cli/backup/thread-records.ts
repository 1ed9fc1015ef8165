// After a restore's messages are in: the ERP record each thread was linked to (threads keep their ids in a restore).
import { existsSync, readFileSync } from 'node:fs';
import type { ImportOptions, ImportSummary } from '../import/importer.ts';
import { createGatewayWriter } from './restore-config.ts';

/** PATCHes every exported thread that had a record; returns how many were linked (failures join the summary's). */
export async function restoreThreadRecords(
  options: ImportOptions,
  threadsFile: string,
  summary: ImportSummary,
): Promise<number> {
  if (!existsSync(threadsFile)) return 0;
  const writer = createGatewayWriter(options.url, options.token);
  let linked = 0;
  for (const line of readFileSync(threadsFile, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const thread = JSON.parse(line) as { id: string; record: { model: string; id: string } | null };
    if (!thread.record) continue;
    const answer = await writer.send('PATCH', `/api/threads/${encodeURIComponent(thread.id)}`, {
      record: thread.record,
    });
    if (answer.status === 200) linked++;
    else {
      summary.failed++;
      summary.failures.push({
        origin: `thread ${thread.id}`,
        reason: `its record was not restored: HTTP ${answer.status} ${answer.json?.error?.message ?? ''}`.trim(),
      });
    }
  }
  return linked;
}
