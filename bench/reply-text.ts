// CPU per MB of reply-text extraction (quotes and signature) and of the signature stage alone, on sizes and adversarial
// shapes, and the worst real message.
// Usage: npm run bench:replies   (real messages: .eml/.txt/.html under $MAILGATE_CORPORA_DIR or ../shared/corpora)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import PostalMime from 'postal-mime';
import { createKeptLines, keepLine, renderKeptLines } from '../worker/replies/kept-lines.ts';
import { indexLines } from '../worker/replies/line-index.ts';
import { getReplyPatterns } from '../worker/replies/patterns.ts';
import { countLinesBeforeSignature } from '../worker/replies/signature.ts';
import { extractReplyText, MAX_REPLY_SCAN_CHARS, type MailBody } from '../worker/replies/strip.ts';
import { stripQuotedText } from '../worker/replies/text-reply.ts';
import { buildReplyInput, REPLY_INPUT_SHAPES } from './reply-inputs.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corporaDir = process.env['MAILGATE_CORPORA_DIR'] ?? resolve(repoRoot, '../shared/corpora');
const SIZES = [62 * 1024, 500 * 1024, 1024 * 1024, 2 * 1024 * 1024];
const RUNS = 5;

/** Median CPU milliseconds of `runs` calls (user + system time of this process, so waiting is not counted). */
function measureCpu(work: () => unknown, runs = RUNS): number {
  work(); // warm-up: the JIT and the pattern cache
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const before = process.cpuUsage();
    work();
    const used = process.cpuUsage(before);
    samples.push((used.user + used.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? 0;
}

const mib = (chars: number): string => `${(chars / 1024 / 1024).toFixed(2)} MB`;
console.log(
  `reply extraction, plain text (median CPU of 5 runs): extractReplyText within its budget (${MAX_REPLY_SCAN_CHARS / 1024} Ki characters), and the scan alone on the whole text (stripQuotedText)`,
);
console.log(
  `${'shape'.padEnd(26)}${'size'.padEnd(10)}${'ms'.padStart(9)}${'scan ms'.padStart(10)}${'scan ms/MB'.padStart(12)}`,
);
for (const shape of REPLY_INPUT_SHAPES) {
  for (const size of SIZES) {
    const text = buildReplyInput(shape, size);
    const ms = measureCpu(() => extractReplyText({ text }));
    const scanMs = measureCpu(() => stripQuotedText(text));
    console.log(
      `${shape.padEnd(26)}${mib(text.length).padEnd(10)}${ms.toFixed(1).padStart(9)}${scanMs.toFixed(1).padStart(10)}${(scanMs / (text.length / 1024 / 1024)).toFixed(1).padStart(12)}`,
    );
  }
}

/** The signature stage as extraction runs it on text with no quote: find the cut, render the lines above it. */
function removeSignature(text: string): string {
  const lines = indexLines(text);
  const kept = createKeptLines(lines);
  for (let line = 0; line < lines.count; line++) keepLine(kept, line);
  return renderKeptLines(kept, lines, countLinesBeforeSignature(kept, lines, getReplyPatterns()));
}

const SIGNATURE_SIZE = 2 * 1024 * 1024;
console.log('');
console.log(`signature removal alone, ${mib(SIGNATURE_SIZE)} (line index, cut, rendered text; median CPU of 5 runs)`);
console.log(`${'shape'.padEnd(26)}${'ms'.padStart(9)}${'ms per MB'.padStart(12)}`);
for (const shape of REPLY_INPUT_SHAPES) {
  const text = buildReplyInput(shape, SIGNATURE_SIZE);
  const ms = measureCpu(() => removeSignature(text));
  console.log(
    `${shape.padEnd(26)}${ms.toFixed(1).padStart(9)}${(ms / (text.length / 1024 / 1024)).toFixed(1).padStart(12)}`,
  );
}

/** Every message body of the corpora, as the worker would see it. */
async function readCorpusBodies(): Promise<{ name: string; body: MailBody }[]> {
  const bodies: { name: string; body: MailBody }[] = [];
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  if (!existsSync(corporaDir)) return bodies;
  for (const path of walk(corporaDir)) {
    if (path.endsWith('.eml')) {
      try {
        const parsed = await PostalMime.parse(readFileSync(path));
        bodies.push({ name: path, body: { text: parsed.text ?? null, html: parsed.html ?? null } });
      } catch {
        // A message postal-mime cannot parse never reaches reply extraction.
      }
    } else if (path.includes('/replies/') && (path.endsWith('.txt') || path.endsWith('.html'))) {
      const content = readFileSync(path, 'utf8');
      bodies.push({ name: path, body: path.endsWith('.html') ? { html: content } : { text: content } });
    }
  }
  return bodies;
}

const bodies = await readCorpusBodies();
if (bodies.length > 0) {
  const timings = bodies.map(({ name, body }) => ({ name, ms: measureCpu(() => extractReplyText(body), 3) }));
  timings.sort((a, b) => b.ms - a.ms);
  const median = timings[Math.floor(timings.length / 2)]!.ms;
  console.log('');
  console.log(
    `real messages (${corporaDir}): ${timings.length}, median ${median.toFixed(2)} ms, over 10 ms: ${timings.filter((t) => t.ms > 10).length}`,
  );
  for (const { name, ms } of timings.slice(0, 3))
    console.log(`worst: ${ms.toFixed(2)} ms  ${name.slice(corporaDir.length + 1)}`);
} else {
  console.log(`\nno corpora at ${corporaDir}: real-message figures skipped`);
}
