// Scores reply-text extraction on the replies corpus: A exact, B prefix, C separately, quote leaks, signatures kept,
// each on the visible rules and leave-one-suite-out (LOSO), per source and per language.
// Usage: npm run eval:replies [-- --impl FILE.mjs] [--verbose]
//   MAILGATE_CORPORA_DIR overrides the corpora folder (default: ../shared/corpora from the repo root).
//   --impl loads another implementation exporting extractReplyText({text, html}) (to measure a library the same way;
//   it has no rule provenance, so its LOSO figures equal its visible ones).
// LOSO: every vocabulary entry and structural rule carries its provenance (a client's localization file or
// documented format, or the suite it was learned from). Each case of suite S is scored with every entry learned
// from S switched off (extractReplyText(body, {withoutSuite: S})); documented entries count for every suite.
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import PostalMime from 'postal-mime';
import { convertHtmlToText } from '../worker/html/to-text.ts';
import { countLearnedEntries } from '../worker/replies/patterns.ts';
import type { ReplyRuleOptions } from '../worker/replies/provenance.ts';
import { extractReplyText, type MailBody } from '../worker/replies/strip.ts';
import { guessLanguage } from './reply-language.ts';

type Assertion = { target?: string; op?: string; value?: unknown; flags?: string };
type Fragment = { text: string; quoted: boolean; signature: boolean; hidden: boolean };
type ReplyCase = {
  id: string;
  suite: string;
  input: { path: string; format: string };
  label_quality: 'A' | 'B' | 'C';
  compare: string;
  expected_visible_text?: string;
  expected_html?: string;
  expected_new_text_prefix?: string;
  assertions?: Assertion[];
  reference_fragments?: Fragment[];
  duplicate_of?: string;
};
type Extract = (body: MailBody, options: ReplyRuleOptions) => string | Promise<string>;
type Outcome = {
  replyCase: ReplyCase;
  language: string;
  output: string;
  exact: boolean;
  prefixOk: boolean;
  leakChecked: boolean;
  leaked: string[];
  signatureChecked: boolean;
  signatureKept: boolean;
};

/** Quoted lines shorter than this are too generic ("Hi", "Thanks") to prove a leak. */
const MIN_LEAK_LINE_LENGTH = 12;
/** Signature lines shorter than this ("--", "Bob") prove nothing either. */
const MIN_SIGNATURE_LINE_LENGTH = 4;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = join(process.env['MAILGATE_CORPORA_DIR'] ?? resolve(repoRoot, '../shared/corpora'), 'replies');

const { values } = parseArgs({
  options: { impl: { type: 'string' }, verbose: { type: 'boolean', default: false } },
});

const extract: Extract = values.impl
  ? ((await import(pathToFileURL(resolve(values.impl)).href)) as { extractReplyText: Extract }).extractReplyText
  : extractReplyText;

/** The whitespace normalization of every comparison: line ends trimmed, blank-line runs collapsed, edges trimmed. */
function normalizeWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const removeAllWhitespace = (text: string): string => text.replace(/\s+/gu, '');

async function readBody(replyCase: ReplyCase): Promise<MailBody> {
  const path = join(corpusDir, replyCase.input.path);
  if (path.endsWith('.eml')) {
    const parsed = await PostalMime.parse(await readFile(path));
    return { text: parsed.text ?? null, html: parsed.html ?? null };
  }
  const content = await readFile(path, 'utf8');
  return path.endsWith('.html') ? { html: content } : { text: content };
}

function expectedText(replyCase: ReplyCase): string {
  if (replyCase.expected_html !== undefined) return convertHtmlToText(replyCase.expected_html);
  return replyCase.expected_visible_text ?? '';
}

function compareExact(replyCase: ReplyCase, output: string): boolean {
  const expected = expectedText(replyCase);
  if (/whitespace removed|whitespace-insensitive/i.test(replyCase.compare)) {
    return removeAllWhitespace(output) === removeAllWhitespace(expected);
  }
  return normalizeWhitespace(output) === normalizeWhitespace(expected);
}

/**
 * Quoted lines the reference marks (quoted fragments, `>` lines of the input) that are absent from the expected text.
 * A line the sender also wrote outside the quote (a signature repeated in the quoted history) proves no leak: finding
 * it in the output says nothing about the quote, and a kept signature is counted as such.
 */
function collectQuotedLines(replyCase: ReplyCase, body: MailBody): string[] {
  const expected = normalizeWhitespace(expectedText(replyCase));
  const candidates: string[] = [];
  for (const fragment of replyCase.reference_fragments ?? []) {
    if (fragment.quoted) candidates.push(...fragment.text.split('\n'));
  }
  if (body.text && !body.html) {
    candidates.push(...body.text.split(/\r?\n/).filter((line) => /^\s*>/.test(line)));
  }
  const senderLines = new Set(collectSignatureLines(replyCase));
  return distinctLines(candidates, expected, MIN_LEAK_LINE_LENGTH).filter((line) => !senderLines.has(line));
}

function collectSignatureLines(replyCase: ReplyCase): string[] {
  const expected = normalizeWhitespace(expectedText(replyCase));
  const candidates = (replyCase.reference_fragments ?? [])
    .filter((fragment) => fragment.signature && !fragment.quoted)
    .flatMap((fragment) => fragment.text.split('\n'));
  return distinctLines(candidates, expected, MIN_SIGNATURE_LINE_LENGTH);
}

function distinctLines(candidates: readonly string[], expected: string, minLength: number): string[] {
  const lines = new Set<string>();
  for (const candidate of candidates) {
    const line = candidate.replace(/^[\s>]+/, '').trim();
    if (line.length >= minLength && !expected.includes(line)) lines.add(line);
  }
  return [...lines];
}

function checkNegativeAssertions(replyCase: ReplyCase, output: string): string[] {
  const failures: string[] = [];
  for (const assertion of replyCase.assertions ?? []) {
    if (assertion.target !== 'visible_text' || typeof assertion.value !== 'string') continue;
    if (assertion.op === 'not_contains' && output.includes(assertion.value)) failures.push(assertion.value);
    if (assertion.op === 'not_matches' && new RegExp(assertion.value, assertion.flags ?? '').test(output)) {
      failures.push(assertion.value);
    }
  }
  return failures;
}

async function evaluate(replyCase: ReplyCase, body: MailBody, options: ReplyRuleOptions): Promise<Outcome> {
  const output = await extract(body, options);
  const normalizedOutput = normalizeWhitespace(output);
  const quotedLines = collectQuotedLines(replyCase, body);
  const negativeFailures = checkNegativeAssertions(replyCase, output);
  const leaked = [...quotedLines.filter((line) => normalizedOutput.includes(line)), ...negativeFailures];
  const signatureLines = collectSignatureLines(replyCase);
  const prefix = replyCase.expected_new_text_prefix;
  return {
    replyCase,
    language: guessLanguage(body),
    output,
    exact: compareExact(replyCase, output),
    prefixOk: prefix === undefined || normalizedOutput.startsWith(normalizeWhitespace(prefix)),
    leakChecked: quotedLines.length > 0 || (replyCase.assertions ?? []).some((a) => a.op?.startsWith('not_')),
    leaked,
    signatureChecked: signatureLines.length > 0,
    signatureKept: signatureLines.some((line) => normalizedOutput.includes(line)),
  };
}

const percent = (part: number, whole: number): string =>
  whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}% (${part}/${whole})`;

const corpus = JSON.parse(await readFile(join(corpusDir, 'expected.json'), 'utf8')) as { cases: ReplyCase[] };
const distinctCases = corpus.cases.filter((replyCase) => !replyCase.duplicate_of);
const outcomes: Outcome[] = [];
const losoOutcomes: Outcome[] = [];
for (const replyCase of distinctCases) {
  const body = await readBody(replyCase);
  outcomes.push(await evaluate(replyCase, body, {}));
  losoOutcomes.push(await evaluate(replyCase, body, { withoutSuite: replyCase.suite }));
}

type Figures = {
  aExact: string;
  bPrefix: string;
  bExact: string;
  cExact: string;
  leaked: string;
  signatureKept: string;
};

function summarize(list: readonly Outcome[]): Figures {
  const ofQuality = (quality: string): Outcome[] => list.filter((o) => o.replyCase.label_quality === quality);
  const [a, b, c] = [ofQuality('A'), ofQuality('B'), ofQuality('C')];
  const leakCases = list.filter((o) => o.leakChecked);
  const signatureCases = list.filter((o) => o.signatureChecked);
  return {
    aExact: percent(a.filter((o) => o.exact).length, a.length),
    bPrefix: percent(b.filter((o) => o.prefixOk).length, b.length),
    bExact: percent(b.filter((o) => o.exact).length, b.length),
    cExact: percent(c.filter((o) => o.exact).length, c.length),
    leaked: percent(leakCases.filter((o) => o.leaked.length > 0).length, leakCases.length),
    signatureKept: percent(signatureCases.filter((o) => o.signatureKept).length, signatureCases.length),
  };
}

const visible = summarize(outcomes);
const loso = summarize(losoOutcomes);
const row = (label: string, left: string, right: string): string => `${label.padEnd(28)}${left.padEnd(20)}${right}`;

console.log(`replies corpus: ${corpusDir}`);
console.log(`implementation: ${values.impl ?? 'mailgate worker/replies/strip.ts'}`);
console.log(`distinct cases: ${distinctCases.length} (of ${corpus.cases.length}); duplicates skipped`);
const suites = [...new Set(outcomes.map((o) => o.replyCase.suite))].sort();
if (!values.impl) {
  const learned = suites.map((suite) => `${suite} ${countLearnedEntries(suite)}`).join(', ');
  console.log(`entries learned from each suite (switched off when that suite is scored): ${learned}`);
}
console.log('');
console.log(row('', 'visible', 'leave-one-suite-out'));
console.log(row('A exact (main metric):', visible.aExact, loso.aExact));
console.log(row('B new-text prefix:', visible.bPrefix, loso.bPrefix));
console.log(row('B exact (reference output):', visible.bExact, loso.bExact));
console.log(row('C exact (reference output):', visible.cExact, loso.cExact));
console.log(row('quoted text leaked:', visible.leaked, `${loso.leaked}   (cases with known quoted lines)`));
console.log(
  row('signature kept:', visible.signatureKept, `${loso.signatureKept}   (cases with a reference signature)`),
);

function printBreakdown(title: string, keyOf: (outcome: Outcome) => string): void {
  console.log('');
  console.log(`${title} (visible | LOSO): A exact, B prefix, C exact, leaked, signature kept`);
  const keys = [...new Set(outcomes.map(keyOf))].sort();
  for (const key of keys) {
    const left = summarize(outcomes.filter((o) => keyOf(o) === key));
    const right = summarize(losoOutcomes.filter((o) => keyOf(o) === key));
    const pair = (a: string, b: string): string => (a === b ? a : `${a} | ${b}`);
    console.log(
      `  ${key.padEnd(30)} A ${pair(left.aExact, right.aExact).padEnd(32)} B ${pair(left.bPrefix, right.bPrefix).padEnd(14)}` +
        ` C ${pair(left.cExact, right.cExact).padEnd(30)} leaked ${pair(left.leaked, right.leaked).padEnd(16)}` +
        ` sig ${pair(left.signatureKept, right.signatureKept)}`,
    );
  }
}
printBreakdown('per source', (o) => o.replyCase.suite);
printBreakdown('per language', (o) => o.language);

const show = (label: string, list: Outcome[]): void => {
  if (list.length === 0) return;
  console.log('');
  console.log(label);
  for (const outcome of list) {
    console.log(`  ${outcome.replyCase.id}  (${outcome.replyCase.input.path})`);
    if (values.verbose) {
      console.log(`    expected: ${JSON.stringify(normalizeWhitespace(expectedText(outcome.replyCase)))}`);
      console.log(`    got:      ${JSON.stringify(normalizeWhitespace(outcome.output))}`);
      if (outcome.leaked.length > 0) console.log(`    leaked:   ${JSON.stringify(outcome.leaked.slice(0, 3))}`);
    }
  }
};
const ofQuality = (list: Outcome[], quality: string): Outcome[] =>
  list.filter((o) => o.replyCase.label_quality === quality);
show(
  'failing A cases:',
  ofQuality(outcomes, 'A').filter((o) => !o.exact),
);
show(
  'failing A cases, leave-one-suite-out:',
  ofQuality(losoOutcomes, 'A').filter((o) => !o.exact),
);
show(
  'failing B cases (prefix):',
  ofQuality(outcomes, 'B').filter((o) => !o.prefixOk),
);
if (values.verbose) {
  show(
    'failing C cases:',
    ofQuality(outcomes, 'C').filter((o) => !o.exact),
  );
  show(
    'cases leaking quoted text, leave-one-suite-out:',
    losoOutcomes.filter((o) => o.leaked.length > 0),
  );
  show(
    'cases leaking quoted text:',
    outcomes.filter((o) => o.leaked.length > 0),
  );
  show(
    'cases keeping the signature:',
    outcomes.filter((o) => o.signatureKept),
  );
}
