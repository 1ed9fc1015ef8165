// Scores the bounce classifier against the Sisimai corpus (INDEX.md section 1): recipients, status, class, reason.
// Usage: npm run eval:bounces [-- --verbose]   (corpus: $MAILGATE_BOUNCE_CORPUS or ../shared/corpora/bounces)
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyMessage } from '../worker/bounces/classify.ts';
import { isPseudoStatus } from '../worker/bounces/status-codes.ts';
import type { MailClassification } from '../shared/api/bounces.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = process.env.MAILGATE_BOUNCE_CORPUS ?? join(repoRoot, '../shared/corpora/bounces');
const verbose = process.argv.includes('--verbose');
/** Sisimai invents this address for ARF reports that name nobody; INDEX.md says not to score it. */
const SYNTHETIC_ARF_ADDRESS = 'undisclosed-recipient-in-headers@libsisimai.org.invalid';

type ExpectedRow = { recipient: string; status: string; reason: string; status_class: string; status_is_sisimai_pseudo_code: boolean };
type Case = { path: string; expected: ExpectedRow[] | string | null; duplicate_of?: string; same_as_lf_file?: string; sha1?: string };

if (!existsSync(join(corpus, 'expected.json'))) {
  console.error(`no corpus at ${corpus} (set MAILGATE_BOUNCE_CORPUS)`);
  process.exit(2);
}
const cases = (JSON.parse(readFileSync(join(corpus, 'expected.json'), 'utf8')) as { cases: Record<string, Case> }).cases;

function classifyFile(path: string): MailClassification {
  return classifyMessage(new Uint8Array(readFileSync(join(corpus, path))));
}

function formatOf(path: string): string {
  return path.split('/').pop()!.replace(/-\d+\.eml$/, '');
}

type Tally = { total: number; hits: number };
const tally = (): Tally => ({ total: 0, hits: 0 });
const ratio = (t: Tally) => (t.total === 0 ? 'n/a' : `${(t.hits / t.total).toFixed(4)} (${t.hits}/${t.total})`);

const recipientsExpected = tally();
const recipientsPredicted = tally();
const statusTally = tally();
const classTally = tally();
const reasonTally = tally();
const vacationTally = tally();
const failuresByFormat = new Map<string, string[]>();
const reasonConfusion = new Map<string, number>();
const seenSha = new Set<string>();
const classifications = new Map<string, string>();

function noteFailure(path: string, message: string): void {
  const format = formatOf(path);
  const list = failuresByFormat.get(format) ?? [];
  list.push(`${path.split('/').pop()}: ${message}`);
  failuresByFormat.set(format, list);
}

for (const entry of Object.values(cases)) {
  if (!entry.path.startsWith('eml/') || !Array.isArray(entry.expected) || !existsSync(join(corpus, entry.path))) continue;
  const result = classifyFile(entry.path);
  classifications.set(entry.path, JSON.stringify(result));
  if (entry.duplicate_of || (entry.sha1 && seenSha.has(entry.sha1))) continue;
  if (entry.sha1) seenSha.add(entry.sha1);

  const rows = entry.expected.filter((row) => row.recipient.toLowerCase() !== SYNTHETIC_ARF_ADDRESS);
  const vacationRows = rows.filter((row) => row.reason === 'vacation');
  if (vacationRows.length > 0) {
    // RFC 3834 auto-replies: the product reports kind auto-reply with no recipients by contract.
    vacationTally.total++;
    if (result.kind === 'auto-reply') vacationTally.hits++;
    else noteFailure(entry.path, `auto-reply expected, got ${result.kind}`);
    continue;
  }
  const predicted = result.kind === 'bounce' || result.kind === 'feedback' ? result.recipients : [];
  recipientsPredicted.total += predicted.length;
  recipientsExpected.total += rows.length;
  const byAddress = new Map(predicted.map((recipient) => [recipient.address.toLowerCase(), recipient]));
  for (const row of rows) {
    const found = byAddress.get(row.recipient.toLowerCase());
    if (!found) {
      noteFailure(entry.path, `missed ${row.recipient} (kind ${result.kind}, got ${predicted.map((p) => p.address).join(',') || 'none'})`);
      continue;
    }
    recipientsExpected.hits++;
    if (row.status && !row.status_is_sisimai_pseudo_code && !isPseudoStatus(row.status)) {
      statusTally.total++;
      if (found.status === row.status) statusTally.hits++;
      else noteFailure(entry.path, `status ${found.status} ≠ ${row.status} (${row.recipient})`);
    }
    if (row.status_class === 'permanent' || row.status_class === 'transient') {
      classTally.total++;
      if (found.permanent === (row.status_class === 'permanent')) classTally.hits++;
      else noteFailure(entry.path, `permanent=${found.permanent} ≠ ${row.status_class} (${row.recipient}) status ${found.status} diag ${found.diagnostic?.slice(0, 100)}`);
    }
    reasonTally.total++;
    if (found.reason === row.reason) reasonTally.hits++;
    else {
      const key = `${row.reason} → ${found.reason}`;
      reasonConfusion.set(key, (reasonConfusion.get(key) ?? 0) + 1);
      noteFailure(entry.path, `reason ${found.reason} ≠ ${row.reason} [${found.status}] ${found.diagnostic?.slice(0, 140) ?? ''}`);
    }
  }
  const expectedSet = new Set(rows.map((row) => row.recipient.toLowerCase()));
  for (const recipient of predicted) {
    if (expectedSet.has(recipient.address.toLowerCase())) recipientsPredicted.hits++;
    else noteFailure(entry.path, `extra ${recipient.address}`);
  }
}

// Not-bounce files: any bounce or feedback is a false positive.
const notBounce = tally();
for (const entry of Object.values(cases)) {
  if (!entry.path.startsWith('eml-not-bounce/')) continue;
  const result = classifyFile(entry.path);
  notBounce.total++;
  if (result.kind === 'bounce' || result.kind === 'feedback') noteFailure(entry.path, `false positive: ${result.kind}`);
  else notBounce.hits++;
}

// Line-ending variants: identical answers to the LF twin.
const lineEndings = tally();
for (const entry of Object.values(cases)) {
  if (!entry.same_as_lf_file || !(entry.path.startsWith('eml-cr/') || entry.path.startsWith('eml-crlf/'))) continue;
  // Part of the corpus is held back: a variant whose twin is absent cannot be compared.
  if (!existsSync(join(corpus, entry.same_as_lf_file)) || !existsSync(join(corpus, entry.path))) continue;
  const twin = classifications.get(entry.same_as_lf_file) ?? JSON.stringify(classifyFile(entry.same_as_lf_file));
  lineEndings.total++;
  if (JSON.stringify(classifyFile(entry.path)) === twin) lineEndings.hits++;
  else noteFailure(entry.path, 'answer differs from the LF twin');
}

const precision = recipientsPredicted.total ? recipientsPredicted.hits / recipientsPredicted.total : 0;
const recall = recipientsExpected.total ? recipientsExpected.hits / recipientsExpected.total : 0;
const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;

console.log(`corpus: ${corpus}`);
console.log(`recipient precision      ${ratio(recipientsPredicted)}`);
console.log(`recipient recall         ${ratio(recipientsExpected)}`);
console.log(`recipient F1             ${f1.toFixed(4)}`);
console.log(`status exact (no x.0.9xx) ${ratio(statusTally)}`);
console.log(`permanent/transient      ${ratio(classTally)}`);
console.log(`reason                   ${ratio(reasonTally)}`);
console.log(`auto-reply (rfc3834)     ${ratio(vacationTally)}`);
console.log(`not-bounce correct       ${ratio(notBounce)}`);
console.log(`CR/CRLF identical        ${ratio(lineEndings)}`);
console.log('\nreason confusions (expected → got):');
for (const [key, count] of [...reasonConfusion].sort((a, b) => b[1] - a[1])) console.log(`  ${count}× ${key}`);
console.log('\nfailures per format:');
for (const [format, list] of [...failuresByFormat].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`  ${format}: ${list.length}`);
  if (verbose) for (const line of list) console.log(`    ${line}`);
}
