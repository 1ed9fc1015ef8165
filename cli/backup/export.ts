// Writes an installation's configuration, every stored message (Maildir + manifest), its threads' records and its
// suppression lists into a folder, resumably.
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ThreadDetail } from '../../shared/api/threads.ts';
import {
  CONFIG_FILE,
  MAILDIR,
  MANIFEST_FILE,
  readManifest,
  SUPPRESSIONS_FILE,
  THREADS_FILE,
  type ManifestEntry,
} from './manifest.ts';
import { exportSuppressions } from './suppressions.ts';

export type GatewayReader = {
  /** GET a JSON document (throws with the status and the API's message otherwise). */
  json<T>(path: string): Promise<T>;
  /** GET raw bytes. */
  bytes(path: string): Promise<Buffer>;
};

export function createGatewayReader(origin: string, token: string): GatewayReader {
  const get = async (path: string) => {
    const response = await fetch(new URL(path, origin), { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
    return response;
  };
  return {
    json: async (path) => (await get(path)).json() as never,
    bytes: async (path) => Buffer.from(await (await get(path)).arrayBuffer()),
  };
}

/** Every item of a cursor-paged list (`{items, nextCursor}`, `?before=`). */
export async function* readPages<T>(reader: GatewayReader, path: string): AsyncGenerator<T> {
  for (let before: string | null = null; ; ) {
    const separator = path.includes('?') ? '&' : '?';
    const page: { items: T[]; nextCursor: string | null } = await reader.json(
      `${path}${separator}limit=200${before ? `&before=${encodeURIComponent(before)}` : ''}`,
    );
    yield* page.items;
    if (!page.nextCursor) return;
    before = page.nextCursor;
  }
}

/** A list answer whose items are copied as they are. */
type ItemList = { items: unknown[] };

/** Domains with their settings and rules, aliases, Odoo targets and webhooks (never a secret: keys and signing secrets stay). */
export async function readConfiguration(reader: GatewayReader) {
  const { items: domainList } = await reader.json<{ items: { name: string }[] }>('/api/domains');
  const domains = [];
  for (const { name } of domainList) {
    const settings = await reader.json<Record<string, unknown>>(`/api/domains/${encodeURIComponent(name)}`);
    const { items: rules } = await reader.json<ItemList>(`/api/domains/${encodeURIComponent(name)}/rules`);
    domains.push({ ...settings, rules });
  }
  return {
    version: 1,
    exportedAt: new Date().toISOString(),
    domains,
    aliases: (await reader.json<ItemList>('/api/aliases')).items,
    odooTargets: (await reader.json<ItemList>('/api/odoo-targets')).items,
    webhooks: (await reader.json<ItemList>('/api/webhooks')).items,
  };
}

export type ExportSummary = {
  exported: number;
  alreadyThere: number;
  threads: number;
  /** Suppressed addresses written to suppressions.jsonl (every domain's). */
  suppressions: number;
  bytes: number;
};

type InboundItem = {
  id: string;
  messageId: string | null;
  to: string;
  envelopeFrom: string;
  threadId: string | null;
  status: string;
  route: string | null;
  source: string;
  receivedAt: string;
  sizeBytes: number;
};

/**
 * Each message is written to Maildir/tmp, renamed into Maildir/cur, then its manifest line appended: a crash leaves
 * at worst a file without its line, which the next run writes again. A second run skips what the manifest lists.
 */
export async function exportInstallation(
  reader: GatewayReader,
  out: string,
  onProgress: (done: number) => void,
): Promise<ExportSummary> {
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(out, MAILDIR, sub), { recursive: true });
  writeFileSync(join(out, CONFIG_FILE), `${JSON.stringify(await readConfiguration(reader), null, 2)}\n`);
  const manifestFile = join(out, MANIFEST_FILE);
  const done = new Set([...readManifest(manifestFile).values()].map((entry) => entry.id));
  // A line cut short by a crash is closed, so that the next one starts on its own line (readManifest skips the stub).
  if (
    existsSync(manifestFile) &&
    !readFileSync(manifestFile, 'utf8').endsWith('\n') &&
    statSync(manifestFile).size > 0
  ) {
    appendFileSync(manifestFile, '\n');
  }
  const summary: ExportSummary = { exported: 0, alreadyThere: 0, threads: 0, suppressions: 0, bytes: 0 };
  for await (const item of readPages<InboundItem>(reader, '/api/inbound')) {
    if (done.has(item.id)) {
      summary.alreadyThere++;
      continue;
    }
    const raw = await reader.bytes(`/api/inbound/${item.id}/raw`);
    if (raw.length !== item.sizeBytes)
      throw new Error(`${item.id}: ${raw.length} bytes read, ${item.sizeBytes} stored`);
    const name = `${Math.floor(Date.parse(item.receivedAt) / 1000)}.${item.id}.mailgate:2,S`;
    const temporary = join(out, MAILDIR, 'tmp', name);
    writeFileSync(temporary, raw);
    renameSync(temporary, join(out, MAILDIR, 'cur', name));
    const entry: ManifestEntry = {
      file: `cur/${name}`,
      id: item.id,
      envelopeFrom: item.envelopeFrom,
      envelopeTo: item.to,
      threadId: item.threadId,
      messageId: item.messageId,
      status: item.status,
      route: item.route,
      source: item.source,
      receivedAt: item.receivedAt,
      sizeBytes: raw.length,
      sha256: createHash('sha256').update(raw).digest('hex'),
    };
    appendFileSync(manifestFile, `${JSON.stringify(entry)}\n`);
    summary.exported++;
    summary.bytes += raw.length;
    onProgress(summary.exported + summary.alreadyThere);
  }
  // Threads' ERP records and followers: rewritten whole on every run (one line per thread).
  const threadsFile = join(out, THREADS_FILE);
  const partial = `${threadsFile}.partial`;
  writeFileSync(partial, '');
  for await (const thread of readPages<{ id: string }>(reader, '/api/threads')) {
    const detail = await reader.json<ThreadDetail>(`/api/threads/${thread.id}`);
    appendFileSync(
      partial,
      `${JSON.stringify({ id: detail.id, subject: detail.subject, record: detail.record, followers: detail.followers })}\n`,
    );
    summary.threads++;
  }
  renameSync(partial, threadsFile);
  if (!existsSync(threadsFile)) throw new Error('threads were not written');
  summary.suppressions = await exportSuppressions(reader, join(out, SUPPRESSIONS_FILE));
  return summary;
}
