// Benchmark: a 25 MiB message through a running `wrangler dev` (npm start): wall time and workerd's peak memory.
// Usage: npm start (in another shell), then `npm run bench:large`. Linux only (reads /proc).
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const ORIGIN = process.env.MAILGATE_URL ?? 'http://127.0.0.1:8787';
const MESSAGE_BYTES_TARGET = 25 * 1024 * 1024 - 64 * 1024;

function workerdPids(): number[] {
  const out = execSync('pgrep -x workerd || true', { encoding: 'utf8' }).trim();
  return out ? out.split('\n').map(Number) : [];
}

function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmRSS:\s+(\d+) kB/)?.[1] ?? 0) * 1024;
}

function buildLargeMessage(): Buffer {
  // Base64 lines of 76 characters + CRLF carry 57 bytes each.
  const lines = Math.floor((MESSAGE_BYTES_TARGET - 1024) / 78);
  const line = Buffer.alloc(57, 0x5a).toString('base64');
  const head = [
    'From: Bench <bench@sender.example>',
    'To: catchall@example.com',
    'Subject: 25 MiB benchmark',
    `Message-ID: <large.${Date.now()}@sender.example>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain',
    '',
    'large attachment follows',
    '--b',
    'Content-Type: application/octet-stream; name="scan.bin"',
    'Content-Transfer-Encoding: base64',
    '',
  ].join('\r\n');
  return Buffer.concat([
    Buffer.from(`${head}\r\n`),
    Buffer.from(`${line}\r\n`.repeat(lines)),
    Buffer.from('--b--\r\n'),
  ]);
}

const pids = workerdPids();
if (pids.length === 0) {
  console.error('no workerd process found: start the worker first with `npm start`');
  process.exit(2);
}
const message = buildLargeMessage();
const baseline = pids.reduce((sum, pid) => sum + rssBytes(pid), 0);
let peak = baseline;
const sampler = setInterval(() => {
  peak = Math.max(
    peak,
    pids.reduce((sum, pid) => sum + rssBytes(pid), 0),
  );
}, 20);
const started = performance.now();
const response = await fetch(`${ORIGIN}/cdn-cgi/local/email?from=bench@sender.example&to=catchall@example.com`, {
  method: 'POST',
  body: new Uint8Array(message),
});
const elapsedMs = performance.now() - started;
clearInterval(sampler);
const MiB = 1024 * 1024;
console.log(
  JSON.stringify({
    status: response.status,
    body: await response.text(),
    messageMiB: +(message.length / MiB).toFixed(2),
    elapsedMs: Math.round(elapsedMs),
    workerdRssBaselineMiB: +(baseline / MiB).toFixed(1),
    workerdRssPeakMiB: +(peak / MiB).toFixed(1),
    workerdRssGrowthMiB: +((peak - baseline) / MiB).toFixed(1),
  }),
);
