// Attribution lines above quoted history ("On <date>, <name> wrote:", in many languages and shapes).
import { contentLength, isBlankLine, isTrimmable, type LineIndex, viewLine } from './line-index.ts';
import { DATE_OR_TIME, EMAIL_ADDRESS, type ReplyPatterns, wordKey } from './patterns.ts';
import { COLON, FULLWIDTH_COLON, isQuoteLine, isQuoteView, type Scan } from './quote-scan.ts';

/** Attributions wrap over at most this many lines ("On …, Name <\naddress> wrote:"). */
const MAX_ATTRIBUTION_LINES = 3;
/** An attribution is a short line: longer text that happens to end in "wrote:" is prose. */
const MAX_ATTRIBUTION_LENGTH = 320;
/** The attribution verbs (with their colon and dashes) fit in this many final characters of a line. */
const MAX_VERB_TAIL = 48;
/** A colon that ends an attribution is followed by at most this many characters (spaces and dashes). */
const MAX_COLON_TAIL = 12;

/** Returns how many lines the attribution starting at `start` spans, or 0 when there is none. */
export function measureAttribution(scan: Scan, start: number): number {
  const { lines, patterns } = scan;
  if (contentLength(lines, start) > MAX_ATTRIBUTION_LENGTH) return 0;
  const first = viewLine(lines, start);
  const opensLikeAttribution = opensLikeAttributionLine(first, patterns);
  // A wrapped attribution starts like one or starts its own paragraph, or prose above it would be swallowed.
  const mayWrap = opensLikeAttribution || start === 0 || isBlankLine(lines, start - 1);
  let joined = '';
  for (let length = 1; length <= MAX_ATTRIBUTION_LINES && start + length <= lines.count; length++) {
    const index = start + length - 1;
    if (isBlankLine(lines, index)) return 0;
    const line = length === 1 ? first : viewLine(lines, index);
    if (length > 1) {
      // A continuation line that opens like an attribution itself starts the real one ("Thanks\nOn … wrote:").
      if (!mayWrap || opensLikeAttributionLine(line, patterns)) return 0;
      if (isQuoteView(line) && !closesWrappedAddress(joined, line, patterns)) return 0;
    }
    joined = length === 1 ? line : `${joined}${joined.endsWith('(') || joined.endsWith('<') ? '' : ' '}${line}`;
    if (joined.length > MAX_ATTRIBUTION_LENGTH) return 0;
    const quoteFollows = (): boolean => isQuoteLine(lines, nextNonBlankLine(lines, start + length));
    if (isAttribution(joined, opensLikeAttribution, quoteFollows, patterns)) return length;
  }
  return 0;
}

/** Whether line `index` may end an attribution (remembered per line: each start looks at the next three lines). */
export function mayEndAttributionAt(scan: Scan, index: number): boolean {
  if (index >= scan.lines.count) return false;
  const known = scan.mayEndAttribution[index];
  if (known !== 0) return known === 1;
  const mayEnd = mayEndAttribution(scan.lines, index, scan.patterns);
  scan.mayEndAttribution[index] = mayEnd ? 1 : 2;
  return mayEnd;
}

/**
 * A line that may end an attribution: a colon near its end (only spaces and dashes after it), or an attribution
 * verb as its last word. Read backwards from the end with no regex, since every line of the text is asked.
 */
function mayEndAttribution(lines: LineIndex, index: number, patterns: ReplyPatterns): boolean {
  const { text } = lines;
  const from = lines.contentStart[index]!;
  const to = lines.contentEnd[index]!;
  if (to - from < 2) return false;
  let at = to;
  while (at > from && text.charCodeAt(at - 1) === 45) at--;
  while (at > from && isTrimmable(text.charCodeAt(at - 1))) at--;
  const beforeTail = text.charCodeAt(at - 1);
  if ((beforeTail === COLON || beforeTail === FULLWIDTH_COLON) && to - (at - 1) <= MAX_COLON_TAIL) return true;
  // The last word: the run of characters before the trailing spaces and "*_=-" decoration, within the tail.
  const tailStart = Math.max(from, to - MAX_VERB_TAIL);
  let wordEnd = to;
  while (wordEnd > tailStart && isDecoration(text.charCodeAt(wordEnd - 1))) wordEnd--;
  let wordStart = wordEnd;
  while (wordStart > tailStart && !isDecoration(text.charCodeAt(wordStart - 1))) wordStart--;
  if (wordStart === wordEnd) return false;
  const firstCode = text.charCodeAt(wordStart);
  const lastCode = text.charCodeAt(wordEnd - 1);
  // Most last words are ruled out by their length and edge characters, without a copy (non-ASCII edges may lowercase
  // to other characters, so they go on to the full test).
  if (
    firstCode < 128 &&
    lastCode < 128 &&
    !patterns.verbLastWordKeys.has(wordKey(wordEnd - wordStart, firstCode, lastCode))
  ) {
    return false;
  }
  const lastWord = text.slice(wordStart, wordEnd).toLowerCase();
  return (
    patterns.verbLastWords.has(lastWord) &&
    patterns.attributionEnding.test(viewLine(lines, index).slice(-MAX_VERB_TAIL))
  );
}

/** Whitespace and the "*_=-" some clients draw around an attribution. */
function isDecoration(code: number): boolean {
  return isTrimmable(code) || code === 42 || code === 95 || code === 61 || code === 45;
}

/** "<address" at the end of the text so far, and a line that starts with the ">" closing it (and is no quote text). */
function closesWrappedAddress(joined: string, line: string, patterns: ReplyPatterns): boolean {
  if (!patterns.uses('wrappedAttributionBracket')) return false;
  return joined.lastIndexOf('<') > joined.lastIndexOf('>') && /^>\s*\S*\s*[:：]?$/.test(line) && line.length <= 80;
}

/** A line that starts with an attribution opener ("On", "Am", "Le", a weekday) or, in date-first forms, a digit. */
function opensLikeAttributionLine(line: string, patterns: ReplyPatterns): boolean {
  const opening = stripDecoration(line);
  return patterns.attributionOpener.test(opening) || (patterns.uses('dateFirstAttribution') && /^\d/.test(opening));
}

function nextNonBlankLine(lines: LineIndex, from: number): number {
  let index = from;
  while (index < lines.count && isBlankLine(lines, index)) index++;
  return index;
}

/** Removes the dashes and stars some clients put around an attribution ("---- John wrote ----"). */
function stripDecoration(line: string): string {
  let from = 0;
  let to = line.length;
  while (from < to && isDecoration(line.charCodeAt(from))) from++;
  while (to > from && isDecoration(line.charCodeAt(to - 1))) to--;
  return from === 0 && to === line.length ? line : line.slice(from, to);
}

function isAttribution(
  joined: string,
  opensLikeAttribution: boolean,
  quoteFollows: () => boolean,
  patterns: ReplyPatterns,
): boolean {
  const core = stripDecoration(joined);
  const decorated = core.length < joined.length - 1 && /^-{2,}|-{2,}$/.test(joined);
  const endsWithColon = /[:：]$/.test(core);
  const hasDate = (): boolean => DATE_OR_TIME.test(core);
  const hasAddress = (): boolean => EMAIL_ADDRESS.test(core);
  if (patterns.attributionEnding.test(core) || patterns.cjkAttributionEnding.test(core)) {
    if (decorated) return true;
    if (endsWithColon) return opensLikeAttribution || hasDate() || hasAddress() || quoteFollows();
    // Without a colon ("On Wed, … <john@doe.com> wrote") only the full shape counts.
    return opensLikeAttribution && (hasDate() || hasAddress());
  }
  if (!endsWithColon || patterns.headerFieldLine.test(core)) return false;
  // Thunderbird's verb-before-name forms ("Am <date> um <time> schrieb <name>:", "Den <date> kl. <time>, skrev <name>:").
  if (patterns.attributionVerbInside.test(core) && (opensLikeAttribution || hasDate())) return true;
  // Verb-first forms without a date ("Ysgrifennodd <name>:", Thunderbird's Welsh authorwrotesingle) right above a quote.
  if (patterns.attributionVerbFirst.test(core) && quoteFollows()) return true;
  // Any language: a date and the sender's address, ending in a colon ("2014-10-17 11:28 GMT+03:00 Bob <bob@…>:").
  if (hasDate() && hasAddress()) return true;
  // Any language: a dated line ending in a colon right above the quote it introduces.
  return patterns.uses('datedLineBeforeQuote') && hasDate() && quoteFollows();
}

/**
 * An attribution glued after the new text on one line ("Thanks--- On <date>, <address> wrote:"): returns the length
 * of the text before it (0 when there is none), which stays.
 */
export function measureTextBeforeInlineAttribution(line: string, patterns: ReplyPatterns): number {
  const dashes = line.indexOf('--');
  if (dashes <= 0) return 0;
  if (!/[\p{L}\p{N}]/u.test(line.slice(0, dashes))) return 0;
  const core = stripDecoration(line.slice(dashes));
  if (!patterns.attributionOpener.test(core) || !patterns.attributionEnding.test(core)) return 0;
  return dashes;
}
