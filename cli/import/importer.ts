// Imports archived messages one at a time through the relay ingress, retrying transient failures, counting outcomes.
import { buildIngressUrl, postRawMessage, type IngressVerdict } from '../ingress-client.ts';
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

async function sendWithRetries(message: ArchivedMessage, options: ImportOptions): Promise<IngressVerdict> {
  const envelope = readArchivedEnvelope(message.raw, { separatorSender: message.separatorSender, domain: options.domain });
  const url = buildIngressUrl(options.url, {
    sender: envelope.sender,
    recipients: envelope.recipient ? [envelope.recipient] : [],
    import: true,
    deliver: options.deliver,
    ...(options.domain ? { domain: options.domain } : {}),
  });
  const sleep = options.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 0; ; attempt++) {
    const verdict = await postRawMessage({ url, token: options.token, body: message.raw, sizeBytes: message.raw.length, timeoutMs: options.timeoutMs });
    if (verdict.kind !== 'transient' || attempt >= options.retryDelaysMs.length) return verdict;
    await sleep(Math.max(options.retryDelaysMs[attempt]!, (verdict.retryAfterSeconds ?? 0) * 1000));
  }
}

/** Sends one message and counts how it ended; throws ImportInterruptedError when the gateway stays unavailable. */
export async function importMessage(message: ArchivedMessage, options: ImportOptions, summary: ImportSummary): Promise<void> {
  const verdict = await sendWithRetries(message, options);
  if (verdict.kind === 'transient') {
    throw new ImportInterruptedError(`${message.origin}: ${verdict.message}${verdict.status ? ` (HTTP ${verdict.status})` : ''}`);
  }
  if (verdict.kind === 'refused') {
    recordFailure(summary, { origin: message.origin, reason: verdict.message });
    return;
  }
  const [result] = verdict.result.accepted;
  if (!result) return recordFailure(summary, { origin: message.origin, reason: 'no recipient accepted it' });
  if (result.duplicate) summary.duplicates++;
  else if (result.status === 'failed') recordFailure(summary, { origin: message.origin, reason: `stored, but unreadable (${result.inboundId})` });
  else summary.imported++;
}
