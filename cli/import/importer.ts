// Imports archived messages one at a time through the relay ingress, retrying transient failures, counting outcomes.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { ManifestEntry } from '../backup/manifest.ts';
import { buildIngressUrl, postRawMessage, type IngressQuery, type IngressVerdict } from '../ingress-client.ts';
import { readArchivedEnvelope } from './envelope.ts';
import type { ArchivedMessage } from './sources.ts';

export type ImportOptions = {
  url: string;
  token: string;
  domain: string | null;
  deliver: boolean;
  timeoutMs: number;
  /** Waits before each retry of a transient failure (429, 5xx, network); then the import stops, to be run again. */
  retryDelaysMs: number[];
  sleep?: (ms: number) => Promise<void>;
  /** Restoring an export: its manifest, by message file name (envelope, thread, checksum of each message). */
  manifest?: Map<string, ManifestEntry>;
};

export type ImportFailure = { origin: string; reason: string };

export type ImportSummary = {
  imported: number;
  duplicates: number;
  failed: number;
  /** Why each failed message failed (the first 100). */
  failures: ImportFailure[];
};

/** The gateway kept answering "later": stop here; a second run picks up where this one ended (by checksum). */
export class ImportInterruptedError extends Error {}

const MAX_LISTED_FAILURES = 100;

export function createImportSummary(): ImportSummary {
  return { imported: 0, duplicates: 0, failed: 0, failures: [] };
}

function recordFailure(summary: ImportSummary, failure: ImportFailure): void {
  summary.failed++;
  if (summary.failures.length < MAX_LISTED_FAILURES) summary.failures.push(failure);
}

/** The envelope an export recorded, else the one the headers tell. */
function buildQuery(message: ArchivedMessage, options: ImportOptions): IngressQuery {
  const restored = options.manifest?.get(basename(message.origin));
  if (restored) {
    return {
      sender: restored.envelopeFrom,
      recipients: [restored.envelopeTo],
      import: true,
      restoreThread: restored.threadId ?? 'none',
    };
  }
  const envelope = readArchivedEnvelope(message.raw, {
    separatorSender: message.separatorSender,
    domain: options.domain,
  });
  return {
    sender: envelope.sender,
    recipients: envelope.recipient ? [envelope.recipient] : [],
    import: true,
    deliver: options.deliver,
    ...(options.domain ? { domain: options.domain } : {}),
  };
}

/** A message of an export must still be the bytes exported (a damaged backup is reported, never restored). */
function findDamage(message: ArchivedMessage, options: ImportOptions): string | null {
  const restored = options.manifest?.get(basename(message.origin));
  if (!restored) return null;
  const sha256 = createHash('sha256').update(message.raw).digest('hex');
  return sha256 === restored.sha256 ? null : `damaged: its SHA-256 is ${sha256}, the manifest says ${restored.sha256}`;
}

async function sendWithRetries(message: ArchivedMessage, options: ImportOptions): Promise<IngressVerdict> {
  const url = buildIngressUrl(options.url, buildQuery(message, options));
  const sleep = options.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 0; ; attempt++) {
    const verdict = await postRawMessage({
      url,
      token: options.token,
      body: message.raw,
      sizeBytes: message.raw.length,
      timeoutMs: options.timeoutMs,
    });
    if (verdict.kind !== 'transient' || attempt >= options.retryDelaysMs.length) return verdict;
    await sleep(Math.max(options.retryDelaysMs[attempt]!, (verdict.retryAfterSeconds ?? 0) * 1000));
  }
}

/** Sends one message and counts how it ended; throws ImportInterruptedError when the gateway stays unavailable. */
export async function importMessage(
  message: ArchivedMessage,
  options: ImportOptions,
  summary: ImportSummary,
): Promise<void> {
  const damage = findDamage(message, options);
  if (damage) return recordFailure(summary, { origin: message.origin, reason: damage });
  const verdict = await sendWithRetries(message, options);
  if (verdict.kind === 'transient') {
    throw new ImportInterruptedError(
      `${message.origin}: ${verdict.message}${verdict.status ? ` (HTTP ${verdict.status})` : ''}`,
    );
  }
  if (verdict.kind === 'refused') {
    recordFailure(summary, { origin: message.origin, reason: verdict.message });
    return;
  }
  const [result] = verdict.result.accepted;
  if (!result) return recordFailure(summary, { origin: message.origin, reason: 'no recipient accepted it' });
  if (result.duplicate) summary.duplicates++;
  else if (result.status === 'failed')
    recordFailure(summary, { origin: message.origin, reason: `stored, but unreadable (${result.inboundId})` });
  else summary.imported++;
}
