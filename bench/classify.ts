// Throughput of the bounce classifier on one core: messages per second over the bounce corpus, parsed first (postal-mime,
// as the pipeline does) and classified from the parsed mail.
// Usage: npm run bench:bounces   (corpus: $MAILGATE_BOUNCE_CORPUS or ../shared/corpora/bounces)
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyMail, type ParsedMessage } from '../worker/bounces/classify.ts';
import { parseMail } from '../worker/inbound/parse.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = process.env.MAILGATE_BOUNCE_CORPUS ?? join(repoRoot, '../shared/corpora/bounces');
/** Enough passes for the JIT to settle before timing. */
const WARM_UP_ROUNDS = 3;
const TIMED_ROUNDS = 7;
const FOLDERS = ['eml', 'eml-not-bounce', 'eml-err', 'eml-unlabelled-2025'];

if (!existsSync(corpus)) {
  console.error(`no corpus at ${corpus} (set MAILGATE_BOUNCE_CORPUS)`);
  process.exit(2);
}
const messages: ParsedMessage[] = [];
for (const folder of FOLDERS) {
  const dir = join(corpus, folder);
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir).sort())
    if (name.endsWith('.eml')) {
      const raw = new Uint8Array(readFileSync(join(dir, name)));
      const mail = await parseMail(raw).catch(() => null);
      if (mail) messages.push({ mail, raw });
    }
}
const totalBytes = messages.reduce((sum, message) => sum + message.raw.length, 0);
console.log(`corpus: ${corpus}: ${messages.length} messages, ${(totalBytes / 1024 / 1024).toFixed(2)} MiB in memory`);

let sink = 0;
async function runRound(): Promise<number> {
  const start = performance.now();
  for (const message of messages) sink += (await classifyMail(message)).recipients.length;
  return performance.now() - start;
}

for (let i = 0; i < WARM_UP_ROUNDS; i++) await runRound();
const rates: number[] = [];
for (let i = 0; i < TIMED_ROUNDS; i++) {
  const elapsed = await runRound();
  const rate = (messages.length / elapsed) * 1000;
  rates.push(rate);
  console.log(`round ${i + 1}: ${elapsed.toFixed(1)} ms, ${rate.toFixed(0)} messages/s`);
}
rates.sort((a, b) => a - b);
const median = rates[Math.floor(rates.length / 2)]!;
console.log(
  `median ${median.toFixed(0)} messages/s, best ${rates[rates.length - 1]!.toFixed(0)}, worst ${rates[0]!.toFixed(0)} (one core, Node ${process.versions.node}; checksum ${sink})`,
);
