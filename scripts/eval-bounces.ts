// Scores the bounce classifier on the Sisimai corpus (INDEX.md section 1) and on the project's generated DSNs, twice:
// with every format-specific parser (visible) and leave-one-MTA-family-out (LOMO: each family's reports scored with
// that family's own parsers switched off, so only the generic RFC 3464 / status-code / prose path answers).
// Usage: npm run eval:bounces [-- --verbose] [-- --lomo-failures]
//   corpus: $MAILGATE_BOUNCE_CORPUS or ../shared/corpora/bounces; generated set: worker/bounces/fixtures/generated
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyMessage } from '../worker/bounces/classify.ts';
import { FORMAT_FAMILIES } from '../worker/bounces/formats.ts';
import { isPseudoStatus } from '../worker/bounces/status-codes.ts';
import type { MailClassification } from '../shared/api/bounces.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = process.env.MAILGATE_BOUNCE_CORPUS ?? join(repoRoot, '../shared/corpora/bounces');
const generatedDir = join(repoRoot, 'worker/bounces/fixtures/generated');
const verbose = process.argv.includes('--verbose');
const showLomoFailures = process.argv.includes('--lomo-failures');
/** Sisimai invents this address for ARF reports that name nobody; INDEX.md says not to score it. */
const SYNTHETIC_ARF_ADDRESS = 'undisclosed-recipient-in-headers@libsisimai.org.invalid';

/** One expected failed recipient, in the corpus's shape (the generated set's labels use the same fields). */
type ExpectedRow = {
  recipient: string;
  status: string | null;
  reason: string;
  status_class: string;
  status_is_sisimai_pseudo_code?: boolean;
};
type Case = {
  path: string;
  expected: ExpectedRow[] | string | null;
  duplicate_of?: string;
  same_as_lf_file?: string;
  sha1?: string;
};
/** A scored message: where it lives, its family (the file name's prefix), its expected rows. */
type LabelledMessage = { name: string; family: string; raw: Uint8Array; rows: ExpectedRow[] };

type Tally = { total: number; hits: number };
const tally = (): Tally => ({ total: 0, hits: 0 });
const rate = (t: Tally) => (t.total === 0 ? NaN : t.hits / t.total);

type Score = {
  predicted: Tally;
  expected: Tally;
  status: Tally;
  permanence: Tally;
  reason: Tally;
  vacation: Tally;
  confusions: Map<string, number>;
  failures: Map<string, string[]>;
};
const emptyScore = (): Score => ({
  predicted: tally(),
  expected: tally(),
  status: tally(),
  permanence: tally(),
  reason: tally(),
  vacation: tally(),
  confusions: new Map(),
  failures: new Map(),
});

/** `lhost-postfix-07.eml` → `lhost-postfix`; the generated set names its files `<mta>-<case>.eml`. */
function familyOf(name: string): string {
  return name
    .split('/')
    .pop()!
    .replace(/-\d+\.eml$/, '');
}

/** The format-table family a corpus family belongs to: `lhost-amazonses` → `amazonses`, `rhost-google` → `google`. */
function tableFamilyOf(family: string): string {
  return family.replace(/^[lr]host-/, '');
}

function noteFailure(score: Score, message: LabelledMessage, text: string): void {
  const list = score.failures.get(message.family) ?? [];
  list.push(`${message.name.split('/').pop()}: ${text}`);
  score.failures.set(message.family, list);
}

function scoreMessage(score: Score, message: LabelledMessage, result: MailClassification): void {
  const { rows } = message;
  if (rows.some((row) => row.reason === 'vacation')) {
    // RFC 3834 auto-replies: the product reports kind auto-reply with no recipients by contract.
    score.vacation.total++;
    if (result.kind === 'auto-reply') score.vacation.hits++;
    else noteFailure(score, message, `auto-reply expected, got ${result.kind}`);
    return;
  }
  const predicted = result.kind === 'bounce' || result.kind === 'feedback' ? result.recipients : [];
  score.predicted.total += predicted.length;
  score.expected.total += rows.length;
  const byAddress = new Map(predicted.map((recipient) => [recipient.address.toLowerCase(), recipient]));
  for (const row of rows) {
    const found = byAddress.get(row.recipient.toLowerCase());
    if (!found) {
      noteFailure(
        score,
        message,
        `missed ${row.recipient} (kind ${result.kind}, got ${predicted.map((p) => p.address).join(',') || 'none'})`,
      );
      continue;
    }
    score.expected.hits++;
    if (row.status && !row.status_is_sisimai_pseudo_code && !isPseudoStatus(row.status)) {
      score.status.total++;
      if (found.status === row.status) score.status.hits++;
      else noteFailure(score, message, `status ${found.status} ≠ ${row.status} (${row.recipient})`);
    }
    if (row.status_class === 'permanent' || row.status_class === 'transient') {
      score.permanence.total++;
      if (found.permanent === (row.status_class === 'permanent')) score.permanence.hits++;
      else
        noteFailure(
          score,
          message,
          `permanent=${found.permanent} ≠ ${row.status_class} (${row.recipient}) status ${found.status} diag ${found.diagnostic?.slice(0, 100)}`,
        );
    }
    score.reason.total++;
    if (found.reason === row.reason) score.reason.hits++;
    else {
      const key = `${row.reason} → ${found.reason}`;
      score.confusions.set(key, (score.confusions.get(key) ?? 0) + 1);
      noteFailure(
        score,
        message,
        `reason ${found.reason} ≠ ${row.reason} [${found.status}] ${found.diagnostic?.slice(0, 140) ?? ''}`,
      );
    }
  }
  const expectedSet = new Set(rows.map((row) => row.recipient.toLowerCase()));
  for (const recipient of predicted) {
    if (expectedSet.has(recipient.address.toLowerCase())) score.predicted.hits++;
    else noteFailure(score, message, `extra ${recipient.address}`);
  }
}

function f1Of(score: Score): number {
  const precision = rate(score.predicted);
  const recall = rate(score.expected);
  return precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
}

/** Scores a set twice: with every parser, and with the message's own family switched off. */
async function scoreSet(messages: LabelledMessage[]): Promise<{
  visible: Score;
  lomo: Score;
  byFamily: Map<string, { visible: Score; lomo: Score }>;
}> {
  const visible = emptyScore();
  const lomo = emptyScore();
  const byFamily = new Map<string, { visible: Score; lomo: Score }>();
  for (const message of messages) {
    const tableFamily = tableFamilyOf(message.family);
    const withAll = await classifyMessage(message.raw);
    const withoutOwn = FORMAT_FAMILIES.has(tableFamily)
      ? await classifyMessage(message.raw, {}, { skipFamilies: new Set([tableFamily]) })
      : withAll;
    const family = byFamily.get(message.family) ?? { visible: emptyScore(), lomo: emptyScore() };
    byFamily.set(message.family, family);
    scoreMessage(visible, message, withAll);
    scoreMessage(family.visible, message, withAll);
    scoreMessage(lomo, message, withoutOwn);
    scoreMessage(family.lomo, message, withoutOwn);
  }
  return { visible, lomo, byFamily };
}

const pct = (value: number) => (Number.isNaN(value) ? '   n/a' : value.toFixed(4));
const counted = (t: Tally) => `${pct(rate(t))} (${t.hits}/${t.total})`.padEnd(20);

function printComparison(title: string, visible: Score, lomo: Score): void {
  console.log(`\n${title}`);
  console.log(`  ${'metric'.padEnd(28)}${'visible'.padEnd(20)}leave-one-MTA-family-out`);
  const line = (label: string, a: string, b: string) => console.log(`  ${label.padEnd(28)}${a.padEnd(20)}${b}`);
  line('recipient precision', counted(visible.predicted), counted(lomo.predicted));
  line('recipient recall', counted(visible.expected), counted(lomo.expected));
  line('recipient F1', pct(f1Of(visible)), pct(f1Of(lomo)));
  line('status exact (no x.0.9xx)', counted(visible.status), counted(lomo.status));
  line('permanent/transient', counted(visible.permanence), counted(lomo.permanence));
  line('reason', counted(visible.reason), counted(lomo.reason));
  if (visible.vacation.total > 0) line('auto-reply (rfc3834)', counted(visible.vacation), counted(lomo.vacation));
}

function printPerFamily(byFamily: Map<string, { visible: Score; lomo: Score }>): void {
  console.log(
    '\nper family (visible | LOMO): recipient F1, status, permanent/transient, reason; * = has its own parser',
  );
  const cell = (t: Tally) => (t.total === 0 ? '   -  ' : pct(rate(t)).slice(0, 6));
  for (const [family, { visible, lomo }] of [...byFamily].sort(
    (a, b) => b[1].visible.expected.total - a[1].visible.expected.total,
  )) {
    const own = FORMAT_FAMILIES.has(tableFamilyOf(family)) ? '*' : ' ';
    const rows = `${visible.expected.total}`.padStart(3);
    const half = (score: Score) =>
      [pct(f1Of(score)).slice(0, 6), cell(score.status), cell(score.permanence), cell(score.reason)].join(' ');
    console.log(`  ${(family + own).padEnd(26)} ${rows} rows  ${half(visible)} | ${half(lomo)}`);
  }
}

function printFailures(score: Score, label: string): void {
  console.log(`\nreason confusions, ${label} (expected → got):`);
  for (const [key, count] of [...score.confusions].sort((a, b) => b[1] - a[1])) console.log(`  ${count}× ${key}`);
  console.log(`\nfailures per family, ${label}:`);
  for (const [family, list] of [...score.failures].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`  ${family}: ${list.length}`);
    if (verbose) for (const line of list) console.log(`    ${line}`);
  }
}

// --- the Sisimai corpus -------------------------------------------------------------------------------------------
if (!existsSync(join(corpus, 'expected.json'))) {
  console.error(`no corpus at ${corpus} (set MAILGATE_BOUNCE_CORPUS)`);
  process.exit(2);
}
const cases = (JSON.parse(readFileSync(join(corpus, 'expected.json'), 'utf8')) as { cases: Record<string, Case> })
  .cases;
const readCorpusFile = (path: string) => new Uint8Array(readFileSync(join(corpus, path)));

const corpusMessages: LabelledMessage[] = [];
const seenSha = new Set<string>();
for (const entry of Object.values(cases)) {
  if (!entry.path.startsWith('eml/') || !Array.isArray(entry.expected) || !existsSync(join(corpus, entry.path)))
    continue;
  if (entry.duplicate_of || (entry.sha1 && seenSha.has(entry.sha1))) continue;
  if (entry.sha1) seenSha.add(entry.sha1);
  const rows = entry.expected.filter((row) => row.recipient.toLowerCase() !== SYNTHETIC_ARF_ADDRESS);
  corpusMessages.push({ name: entry.path, family: familyOf(entry.path), raw: readCorpusFile(entry.path), rows });
}
const corpusScores = await scoreSet(corpusMessages);

// Not-bounce files: any bounce or feedback is a false positive.
const notBounce = tally();
for (const entry of Object.values(cases)) {
  if (!entry.path.startsWith('eml-not-bounce/') || !existsSync(join(corpus, entry.path))) continue;
  const result = await classifyMessage(readCorpusFile(entry.path));
  notBounce.total++;
  if (result.kind !== 'bounce' && result.kind !== 'feedback') notBounce.hits++;
}

// Line-ending variants: identical answers to the LF twin.
const lineEndings = tally();
for (const entry of Object.values(cases)) {
  if (!entry.same_as_lf_file || !(entry.path.startsWith('eml-cr/') || entry.path.startsWith('eml-crlf/'))) continue;
  // Part of the corpus is held back: a variant whose twin is absent cannot be compared.
  if (!existsSync(join(corpus, entry.same_as_lf_file)) || !existsSync(join(corpus, entry.path))) continue;
  lineEndings.total++;
  if (
    JSON.stringify(await classifyMessage(readCorpusFile(entry.path))) ===
    JSON.stringify(await classifyMessage(readCorpusFile(entry.same_as_lf_file)))
  )
    lineEndings.hits++;
}

// --- DSNs generated by real MTAs (labelled by construction) ---------------------------------------------------------
type GeneratedLabel = {
  file: string;
  recipients: Array<{ address: string; status: string | null; reason: string; permanent: boolean }>;
};
const generatedMessages: LabelledMessage[] = [];
const labelsPath = join(generatedDir, 'labels.json');
if (existsSync(labelsPath)) {
  const labels = JSON.parse(readFileSync(labelsPath, 'utf8')) as { messages: GeneratedLabel[] };
  for (const label of labels.messages) {
    generatedMessages.push({
      name: label.file,
      family: familyOf(label.file),
      raw: new Uint8Array(readFileSync(join(generatedDir, label.file))),
      rows: label.recipients.map((recipient) => ({
        recipient: recipient.address,
        status: recipient.status,
        reason: recipient.reason,
        status_class: recipient.permanent ? 'permanent' : 'transient',
      })),
    });
  }
}
const generatedScores = await scoreSet(generatedMessages);

console.log(`corpus: ${corpus} (${corpusMessages.length} distinct labelled messages)`);
printComparison('Sisimai corpus', corpusScores.visible, corpusScores.lomo);
console.log(`  ${'not-bounce correct'.padEnd(28)}${counted(notBounce)}`);
console.log(`  ${'CR/CRLF identical'.padEnd(28)}${counted(lineEndings)}`);
if (generatedMessages.length > 0) {
  printComparison(
    `DSNs generated by Postfix/Exim (${generatedMessages.length} messages, ${generatedDir})`,
    generatedScores.visible,
    generatedScores.lomo,
  );
}
printPerFamily(corpusScores.byFamily);
if (generatedMessages.length > 0) printPerFamily(generatedScores.byFamily);
printFailures(corpusScores.visible, 'visible');
if (showLomoFailures) printFailures(corpusScores.lomo, 'LOMO');
if (generatedMessages.length > 0) printFailures(generatedScores.visible, 'generated');
