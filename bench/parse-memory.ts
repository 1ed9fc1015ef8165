// Benchmark: peak JS heap + ArrayBuffer memory of the processing path (read raw once, parse) for a 25 MiB message,
// in Node with the same code as the worker. The isolate limit in production is 128 MB.
// Usage: npm run bench:memory
import { parseMail } from '../worker/inbound/parse.ts';

const MiB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc (npm run bench:memory does)');

function buildMessage(targetBytes: number): Uint8Array {
  const line = Buffer.alloc(57, 0x5a).toString('base64');
  const lines = Math.floor((targetBytes - 1024) / 78);
  const head =
    'From: a@b.example\r\nTo: catchall@example.com\r\nSubject: big\r\nMIME-Version: 1.0\r\n' +
    'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b\r\n' +
    'Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n';
  return new Uint8Array(Buffer.concat([Buffer.from(head), Buffer.from(`${line}\r\n`.repeat(lines)), Buffer.from('--b--\r\n')]));
}

function used(): number {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

for (const sizeMiB of [1, 10, 25]) {
  gc();
  const baseline = used();
  // The worker reads the stored object once (R2 get → arrayBuffer): that copy is part of the measured peak.
  const raw = buildMessage(sizeMiB * MiB - 64 * 1024);
  let peak = used();
  const sampler = setInterval(() => (peak = Math.max(peak, used())), 1);
  const started = performance.now();
  const mail = await parseMail(raw);
  peak = Math.max(peak, used());
  clearInterval(sampler);
  const elapsedMs = performance.now() - started;
  console.log(
    JSON.stringify({
      messageMiB: +(raw.byteLength / MiB).toFixed(2),
      parseMs: Math.round(elapsedMs),
      attachmentMiB: +((mail.attachments[0]?.content.byteLength ?? 0) / MiB).toFixed(2),
      peakAboveBaselineMiB: +((peak - baseline) / MiB).toFixed(1),
    }),
  );
}
