// Scores reply-text extraction on the replies corpus: A exact, B prefix, C separately, quote leaks, signatures kept.
// Usage: npm run eval:replies [-- --impl FILE.mjs] [--verbose]
//   MAILGATE_CORPORA_DIR overrides the corpora folder (default: ../shared/corpora from the repo root).
//   --impl loads another implementation exporting extractReplyText({text, html}) (to measure a library the same way).
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import PostalMime from 'postal-mime';
import { convertHtmlToText } from '../worker/html/to-text.ts';
import { extractReplyText, type MailBody } from '../worker/replies/strip.ts';

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
type Extract = (body: MailBody) => string | Promise<string>;
type Outcome = {
  replyCase: ReplyCase;
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

/** Quoted lines the reference marks (quoted fragments, `>` lines of the input) that are absent from the expected text. */
function collectQuotedLines(replyCase: ReplyCase, body: MailBody): string[] {
  const expected = normalizeWhitespace(expectedText(replyCase));
  const candidates: string[] = [];
  for (const fragment of replyCase.reference_fragments ?? []) {
    if (fragment.quoted) candidates.push(...fragment.text.split('\n'));
  }
  if (body.text && !body.html) {
    candidates.push(...body.text.split(/\r?\n/).filter((line) => /^\s*>/.test(line)));
  }
  return distinctLines(candidates, expected, MIN_LEAK_LINE_LENGTH);
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

async function evaluate(replyCase: ReplyCase): Promise<Outcome> {
  const body = await readBody(replyCase);
  const output = await extract(body);
  const normalizedOutput = normalizeWhitespace(output);
  const quotedLines = collectQuotedLines(replyCase, body);
  const negativeFailures = checkNegativeAssertions(replyCase, output);
  const leaked = [...quotedLines.filter((line) => normalizedOutput.includes(line)), ...negativeFailures];
  const signatureLines = collectSignatureLines(replyCase);
  const prefix = replyCase.expected_new_text_prefix;
  return {
    replyCase,
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
for (const replyCase of distinctCases) outcomes.push(await evaluate(replyCase));

const ofQuality = (quality: string): Outcome[] => outcomes.filter((o) => o.replyCase.label_quality === quality);
const qualityA = ofQuality('A');
const qualityB = ofQuality('B');
const qualityC = ofQuality('C');

console.log(`replies corpus: ${corpusDir}`);
console.log(`implementation: ${values.impl ?? 'mailgate worker/replies/strip.ts'}`);
console.log(`distinct cases: ${distinctCases.length} (of ${corpus.cases.length}); duplicates skipped`);
console.log('');
console.log(`A exact (main metric):      ${percent(qualityA.filter((o) => o.exact).length, qualityA.length)}`);
console.log(`B new-text prefix:          ${percent(qualityB.filter((o) => o.prefixOk).length, qualityB.length)}`);
console.log(`B exact (reference output): ${percent(qualityB.filter((o) => o.exact).length, qualityB.length)}`);
console.log(`C exact (reference output): ${percent(qualityC.filter((o) => o.exact).length, qualityC.length)}`);
const leakCases = outcomes.filter((o) => o.leakChecked);
const signatureCases = outcomes.filter((o) => o.signatureChecked);
console.log(`quoted text leaked:         ${percent(leakCases.filter((o) => o.leaked.length > 0).length, leakCases.length)} of cases with known quoted lines`);
console.log(`signature kept:             ${percent(signatureCases.filter((o) => o.signatureKept).length, signatureCases.length)} of cases with a reference signature`);
console.log('');
console.log('per source (A exact | B prefix | C exact | leaked):');
for (const suite of [...new Set(outcomes.map((o) => o.replyCase.suite))].sort()) {
  const ofSuite = outcomes.filter((o) => o.replyCase.suite === suite);
  const pick = (quality: string) => ofSuite.filter((o) => o.replyCase.label_quality === quality);
  const leaks = ofSuite.filter((o) => o.leakChecked);
  console.log(
    `  ${suite.padEnd(30)} A ${percent(pick('A').filter((o) => o.exact).length, pick('A').length).padEnd(16)}` +
      ` B ${percent(pick('B').filter((o) => o.prefixOk).length, pick('B').length).padEnd(14)}` +
      ` C ${percent(pick('C').filter((o) => o.exact).length, pick('C').length).padEnd(16)}` +
      ` leaked ${percent(leaks.filter((o) => o.leaked.length > 0).length, leaks.length)}`,
  );
}

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
show('failing A cases:', qualityA.filter((o) => !o.exact));
show('failing B cases (prefix):', qualityB.filter((o) => !o.prefixOk));
if (values.verbose) {
  show('failing C cases:', qualityC.filter((o) => !o.exact));
  show('cases leaking quoted text:', outcomes.filter((o) => o.leaked.length > 0));
  show('cases keeping the signature:', outcomes.filter((o) => o.signatureKept));
}
