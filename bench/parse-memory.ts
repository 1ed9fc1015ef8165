// bench:memory: peak memory (JS heap + ArrayBuffers) above baseline while one 25 MiB message goes through the
// pipeline's in-memory stages (raw read once, part count, parse, classify, reply text, sanitize), for each shape a
// message of that size can take, in Node with the worker's code. The isolate limit in production is 128 MB.
// Usage: npm run bench:memory [-- --json]
import { parseArgs } from 'node:util';
import { classifyMail } from '../worker/bounces/classify.ts';
import { sanitizeHtml } from '../worker/html/sanitize.ts';
import { MAX_MESSAGE_BYTES } from '../worker/inbound/limits.ts';
import { parseMail } from '../worker/inbound/parse.ts';
import { extractReplyText } from '../worker/replies/strip.ts';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });
const MiB = 1024 * 1024;
/** Email Routing's limit less room for the envelope: the largest message that can arrive. */
const TARGET_BYTES = MAX_MESSAGE_BYTES - 64 * 1024;
const TARGET_PEAK_MIB = 64;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc (npm run bench:memory does)');

const HEAD =
  'From: Ann <ann@sender.example>\r\nTo: catchall@example.com\r\nSubject: big\r\nMessage-ID: <big@sender.example>\r\nMIME-Version: 1.0\r\n';

/** `bytes` of base64 body lines (76 characters + CRLF), from a varied byte pattern (no run compresses away). */
function base64Body(bytes: number): string {
  const line = Buffer.from(Array.from({ length: 57 }, (_, i) => (i * 37 + 11) & 0xff)).toString('base64');
  return `${line}\r\n`.repeat(Math.max(1, Math.floor(bytes / 78)));
}

function attachmentPart(name: string, bytes: number): string {
  return `Content-Type: application/pdf; name="${name}"\r\nContent-Disposition: attachment; filename="${name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Body(bytes)}`;
}

function multipart(boundary: string, parts: string[]): string {
  return `Content-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n${parts.map((part) => `--${boundary}\r\n${part}\r\n`).join('')}--${boundary}--\r\n`;
}

const TEXT_PART = 'Content-Type: text/plain; charset=utf-8\r\n\r\nPlease find the files attached.\r\n';

/** The shapes of a 25 MiB message: what the issue names, each filled up to TARGET_BYTES. */
const SHAPES: Record<string, () => string> = {
  'one huge attachment': () => HEAD + multipart('b', [TEXT_PART, attachmentPart('scan.pdf', TARGET_BYTES - 2048)]),
  'many mid-size attachments (50)': () =>
    HEAD +
    multipart('b', [
      TEXT_PART,
      ...Array.from({ length: 50 }, (_, i) => attachmentPart(`part-${i}.pdf`, (TARGET_BYTES - 64 * 1024) / 50)),
    ]),
  'one huge text part': () => {
    const paragraph = 'On the quote for 40 units: the price holds until Friday, and delivery takes two weeks.\r\n';
    return `${HEAD}Content-Type: text/plain; charset=utf-8\r\n\r\n${paragraph.repeat(Math.floor((TARGET_BYTES - 1024) / paragraph.length))}`;
  },
  'one huge html part': () => {
    const paragraph = '<p>On the quote for <b>40 units</b>: the price holds until Friday.</p>\r\n';
    return `${HEAD}Content-Type: text/html; charset=utf-8\r\n\r\n<html><body>${paragraph.repeat(Math.floor((TARGET_BYTES - 1024) / paragraph.length))}</body></html>\r\n`;
  },
  'deep nesting (20 levels, attachments at each)': () => {
    const depth = 20;
    let inner = multipart('n0', [TEXT_PART, attachmentPart('leaf.pdf', (TARGET_BYTES - 64 * 1024) / (depth + 1))]);
    for (let level = 1; level <= depth; level++) {
      inner = multipart(`n${level}`, [
        inner,
        attachmentPart(`level-${level}.pdf`, (TARGET_BYTES - 64 * 1024) / (depth + 1)),
      ]);
    }
    return HEAD + inner;
  },
};

function usedBytes(): number {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/** What the pipeline does in memory with one stored message, in its order. */
async function processInMemory(raw: Uint8Array): Promise<number> {
  const mail = await parseMail(raw);
  await classifyMail({ mail, raw }, { from: 'ann@sender.example', to: 'catchall@example.com' });
  const reply = extractReplyText({ text: mail.text, html: mail.html });
  const html = mail.html ? sanitizeHtml(mail.html) : '';
  return reply.length + html.length + mail.attachments.length;
}

const rows: { shape: string; messageMiB: number; ms: number; peakAboveBaselineMiB: number }[] = [];
for (const [shape, build] of Object.entries(SHAPES)) {
  let message: string | null = build();
  gc();
  const baseline = usedBytes();
  // The worker reads the stored object once (R2 get → arrayBuffer): that copy counts in the peak.
  const raw = new Uint8Array(Buffer.from(message, 'latin1'));
  message = null;
  let peak = usedBytes();
  const sampler = setInterval(() => (peak = Math.max(peak, usedBytes())), 1);
  const started = performance.now();
  await processInMemory(raw);
  peak = Math.max(peak, usedBytes());
  clearInterval(sampler);
  rows.push({
    shape,
    messageMiB: +(raw.byteLength / MiB).toFixed(2),
    ms: Math.round(performance.now() - started),
    peakAboveBaselineMiB: +((peak - baseline) / MiB).toFixed(1),
  });
}

if (values.json) {
  console.log(JSON.stringify(rows));
} else {
  console.log(
    `peak above baseline (JS heap + ArrayBuffers), target < ${TARGET_PEAK_MIB} MiB; the isolate holds 128 MB in all`,
  );
  for (const row of rows) {
    const verdict = row.peakAboveBaselineMiB < TARGET_PEAK_MIB ? 'ok' : 'OVER';
    console.log(
      `${row.shape.padEnd(46)} ${String(row.messageMiB).padStart(6)} MiB  ${String(row.ms).padStart(6)} ms  peak ${String(row.peakAboveBaselineMiB).padStart(6)} MiB  ${verdict}`,
    );
  }
}
