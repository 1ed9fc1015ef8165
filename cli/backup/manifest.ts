// The manifest of an export (`manifest.jsonl` beside its Maildir): one line per stored message, what a restore needs.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';

export const manifestEntrySchema = z.object({
  /** The message file, relative to the export's Maildir (`cur/<name>`). */
  file: z.string(),
  /** The inbound row it was exported from. */
  id: z.string(),
  envelopeFrom: z.string(),
  envelopeTo: z.string(),
  /** The thread it was filed in; null when it was filed nowhere (refused, triage, bounce…). */
  threadId: z.string().nullable(),
  messageId: z.string().nullable(),
  status: z.string(),
  route: z.string().nullable(),
  source: z.string(),
  receivedAt: z.string(),
  sizeBytes: z.number(),
  /** SHA-256 (hex) of the file: the same checksum the gateway keeps. */
  sha256: z.string(),
});
export type ManifestEntry = z.infer<typeof manifestEntrySchema>;

export const MANIFEST_FILE = 'manifest.jsonl';
export const CONFIG_FILE = 'config.json';
export const THREADS_FILE = 'threads.jsonl';
export const SUPPRESSIONS_FILE = 'suppressions.jsonl';
export const MAILDIR = 'Maildir';

/** The entries of a manifest, keyed by message file name; complete lines only (a line cut by a crash is ignored). */
export function readManifest(file: string): Map<string, ManifestEntry> {
  const entries = new Map<string, ManifestEntry>();
  if (!existsSync(file)) return entries;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      continue;
    }
    const entry = manifestEntrySchema.safeParse(json);
    if (entry.success) entries.set(basename(entry.data.file), entry.data);
  }
  return entries;
}

/** An export's manifest for a path given to import-mbox: the export folder itself, or its Maildir. */
export function findManifestFor(path: string): string | null {
  for (const candidate of [join(path, MANIFEST_FILE), join(dirname(path), MANIFEST_FILE)]) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}
