// Cuts quoted history from a plain-text body: attribution lines, header blocks, separators and `>` quotes.
import { QUOTE_PLACEHOLDER } from '../html/to-text.ts';
import type { HeaderFieldKind } from './client-vocabulary.ts';
import { createKeptLines, type KeptLines, keepLine, keepLineStart, renderKeptLines } from './kept-lines.ts';
import {
  contentLength,
  firstContentCode,
  indexLines,
  isBlankLine,
  isTrimmable,
  type LineIndex,
  viewLine,
} from './line-index.ts';
import { DATE_OR_TIME, EMAIL_ADDRESS, getReplyPatterns, type ReplyPatterns, wordKey } from './patterns.ts';
import type { ReplyRuleOptions } from './provenance.ts';
import { countLinesBeforeSignature } from './signature.ts';

/** Attributions wrap over at most this many lines ("On …, Name <\naddress> wrote:"). */
const MAX_ATTRIBUTION_LINES = 3;
/** An attribution is a short line: longer text that happens to end in "wrote:" is prose. */
const MAX_ATTRIBUTION_LENGTH = 320;
/** A header block ("From:", "Sent:", …) is looked for over this many lines. */
const HEADER_BLOCK_WINDOW = 10;
/** Wrapped values (a long To: list) may continue a header field over this many lines. */
const MAX_HEADER_CONTINUATION_LINES = 3;
/** A header block recognised by its shape alone (labels in an unknown language) needs this many fields. */
const MIN_SHAPE_FIELDS = 3;
/** A one- or two-line `>` snippet glued between text lines is decoration (">>> link <<<"), not a quote. */
const MAX_DECORATION_QUOTE_LINES = 2;
/** Lines longer than this are prose or data, never a quote header: they skip the shape tests (and their cost). */
const MAX_HEADER_LINE_LENGTH = 1000;
/** The attribution verbs (with their colon and dashes) fit in this many final characters of a line. */
const MAX_VERB_TAIL = 48;
/** A colon that ends an attribution is followed by at most this many characters (spaces and dashes). */
const MAX_COLON_TAIL = 12;
/** Forward markers and mobile signatures are short lines (the shortest has six characters). */
const MAX_MARKER_LINE_LENGTH = 80;
const MIN_MARKER_LINE_LENGTH = 6;

/** Invisible direction marks and byte-order marks that clients sprinkle into dates and headers. */
const INVISIBLE_MARKS = /[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** "Label: value" with a label of one to three words: a header field in any language. */
const ANY_FIELD_LINE = /^[\s>]*\*?\s*\p{L}[\p{L}\p{M}.'-]*(?: [\p{L}\p{M}.'-]+){0,2}\s*\*?\s*[:：]\s*\*?(.*)$/u;
/** A title line between dashes ("-------- Оригинално съобщение --------") that may stand above a header block. */
const DASHED_TITLE_LINE = /^[\s>]*[-_=*]{2,}[^\n]{0,60}[-_=*]{2,}\s*$/;

const GREATER_THAN = 62;
const COLON = 58;
const FULLWIDTH_COLON = 0xff1a;
const PLACEHOLDER_CODE = QUOTE_PLACEHOLDER.charCodeAt(0);

type Boundary =
  | { kind: 'cut'; index: number; keptPrefixEnd?: number }
  | { kind: 'attribution'; index: number; length: number }
  | { kind: 'forward'; index: number };

/** The lines under scan and what was learned about them, so that no line is tested twice for the same thing. */
type Scan = {
  lines: LineIndex;
  patterns: ReplyPatterns;
  /** Per line: 0 not yet known, 1 may end an attribution, 2 cannot. */
  mayEndAttribution: Uint8Array;
  /** Per line, what it says as a header field (FIELD_* flags and KIND_BITS), 0 when not yet read. */
  fieldInfo: Uint16Array;
};

/**
 * A line read as a header field, packed in one number: the kinds its label names (From, Sent, …) as KIND_BITS when the
 * label is a known one, whether it has the "Label: value" shape at all, and whether it holds an address and a date.
 */
const KIND_BITS: Record<HeaderFieldKind, number> = { from: 1, sent: 2, to: 4, cc: 8, subject: 16, replyTo: 32 };
const KIND_MASK = 63;
const FIELD_READ = 64;
const FIELD_SHAPE = 128;
const FIELD_ADDRESS = 256;
const FIELD_DATE = 512;

/** Returns the new text of a plain-text reply, without quoted history and without the signature. */
export function stripQuotedText(text: string, options: ReplyRuleOptions = {}): string {
  const unified = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  const lines = indexLines(unified.replace(INVISIBLE_MARKS, ''));
  const scan: Scan = {
    lines,
    patterns: getReplyPatterns(options),
    mayEndAttribution: new Uint8Array(lines.count),
    fieldInfo: new Uint16Array(lines.count),
  };
  const kept = keepNewLines(scan);
  return renderKeptLines(kept, lines, countLinesBeforeSignature(kept, lines, scan.patterns));
}

function isQuoteLine(lines: LineIndex, index: number): boolean {
  const first = firstContentCode(lines, index);
  return first === GREATER_THAN || (first === PLACEHOLDER_CODE && contentLength(lines, index) === 1);
}

function isQuoteView(view: string): boolean {
  return view.startsWith('>') || view === QUOTE_PLACEHOLDER;
}

/**
 * Keeps the lines the sender wrote, following each boundary into quoted history. One pass: every boundary
 * search starts where the previous one ended, so the work is linear in the number of lines.
 */
function keepNewLines(scan: Scan): KeptLines {
  const { lines } = scan;
  const kept = createKeptLines(lines);
  let start = 0;
  while (start < lines.count) {
    const boundary = findFirstBoundary(scan, start);
    if (!boundary) {
      appendUnquoted(kept, scan, start, lines.count);
      break;
    }
    appendUnquoted(kept, scan, start, boundary.index);
    if (boundary.kind === 'forward') {
      // A forwarded message is the content the sender passes on: keep all of it.
      for (let index = boundary.index; index < lines.count; index++) keepLine(kept, index);
      break;
    }
    if (boundary.kind === 'cut') {
      if (boundary.keptPrefixEnd !== undefined) keepLineStart(kept, lines, boundary.index, boundary.keptPrefixEnd);
      break;
    }
    // An attribution followed by `>` lines: drop both, and keep what the sender wrote after the quote.
    let next = boundary.index + boundary.length;
    while (next < lines.count && isBlankLine(lines, next)) next++;
    if (next >= lines.count || !isQuoteLine(lines, next)) break;
    while (
      next < lines.count &&
      (isQuoteLine(lines, next) || isBlankLine(lines, next) || isWrappedQuoteLine(scan, next))
    ) {
      next++;
    }
    start = next;
  }
  return kept;
}

function findFirstBoundary(scan: Scan, from: number): Boundary | null {
  const { lines, patterns } = scan;
  const { text, contentStart, contentEnd } = lines;
  for (let index = from; index < lines.count; index++) {
    const length = contentEnd[index]! - contentStart[index]!;
    if (length === 0 || length > MAX_HEADER_LINE_LENGTH) continue;
    const firstCode = text.charCodeAt(contentStart[index]!);
    if (firstCode === GREATER_THAN || (firstCode === PLACEHOLDER_CODE && length === 1)) continue;
    // Cheap gates first: most lines are prose, and each pattern below only fits lines of a certain make.
    const mayBeMarkerLine = length >= MIN_MARKER_LINE_LENGTH && length <= MAX_MARKER_LINE_LENGTH;
    const marks = readMarks(lines, index);
    const mayHaveColon = (marks & HAS_COLON) !== 0;
    const mayHaveDashes = (marks & HAS_DASH_RUN) !== 0;
    const mayEnd =
      mayEndAttributionAt(scan, index) || mayEndAttributionAt(scan, index + 1) || mayEndAttributionAt(scan, index + 2);
    if (!mayBeMarkerLine && !mayHaveColon && !mayHaveDashes && !mayEnd) continue;
    const line = viewLine(lines, index);
    if (mayBeMarkerLine && patterns.forwardMarker.test(line)) return { kind: 'forward', index };
    if (mayHaveDashes && isOriginalMessageSeparator(line, patterns)) return { kind: 'cut', index };
    if (mayBeMarkerLine && patterns.mobileSignature.test(line)) return { kind: 'cut', index };
    if (mayHaveColon && isHeaderBlockStart(scan, index)) {
      return { kind: 'cut', index: includeDashedTitle(lines, index, from) };
    }
    if (mayHaveDashes && patterns.uses('attributionAfterTextOnLine')) {
      const prefixLength = measureTextBeforeInlineAttribution(line, patterns);
      if (prefixLength > 0) return { kind: 'cut', index, keptPrefixEnd: contentStart[index]! + prefixLength };
    }
    const attributionLength = mayEnd ? measureAttribution(scan, index) : 0;
    if (attributionLength > 0) return { kind: 'attribution', index, length: attributionLength };
  }
  return null;
}

const HAS_COLON = 1;
const HAS_DASH_RUN = 2;

/** Whether the content of a line holds a colon (ASCII or full-width) and two of "-", "_", "=", "*" in a row, as flags. */
function readMarks(lines: LineIndex, index: number): number {
  const { text } = lines;
  let marks = 0;
  let previousIsDash = false;
  for (let at = lines.contentStart[index]!, to = lines.contentEnd[index]!; at < to; at++) {
    const code = text.charCodeAt(at);
    if (code === COLON || code === FULLWIDTH_COLON) marks |= HAS_COLON;
    const isDash = code === 45 || code === 95 || code === 61 || code === 42;
    if (isDash && previousIsDash) marks |= HAS_DASH_RUN;
    previousIsDash = isDash;
  }
  return marks;
}

function isOriginalMessageSeparator(line: string, patterns: ReplyPatterns): boolean {
  return patterns.originalMessageSeparator.test(line) && /[-_=*]{2,}/.test(line);
}

/** A header block right under a dashed title line ("----- Message d'origine -----") takes the title with it. */
function includeDashedTitle(lines: LineIndex, index: number, from: number): number {
  let previous = index - 1;
  while (previous >= from && isBlankLine(lines, previous)) previous--;
  return previous >= from && DASHED_TITLE_LINE.test(viewLine(lines, previous)) ? previous : index;
}

/**
 * A header block is two or more localized header fields of different kinds (From, Sent/Date, To, Cc, Subject),
 * one of them From or a value with an address or date, as Outlook, Apple Mail (forward style) and webmails
 * write above the quoted message; or, in any language, three or more "Label: value" lines with an address and
 * a date among the values.
 */
function isHeaderBlockStart(scan: Scan, start: number): boolean {
  const { lines, patterns } = scan;
  const first = readFieldLine(scan, start);
  if (
    (first & KIND_BITS.from) !== 0 &&
    patterns.uses('inlineHeaderFields') &&
    patterns.inlineHeaderField.test(viewLine(lines, start))
  ) {
    return true;
  }
  if ((first & KIND_MASK) === 0 && !(patterns.uses('headerBlockByShape') && (first & FIELD_SHAPE) !== 0)) return false;

  let kinds = 0;
  let knownFields = 0;
  let anyFields = 0;
  let hasAddress = false;
  let hasDate = false;
  let continuation = 0;
  const end = Math.min(lines.count, start + HEADER_BLOCK_WINDOW);
  for (let index = start; index < end; index++) {
    const length = contentLength(lines, index);
    if (length === 0) {
      // One blank line may sit inside a block (a To: list that wrapped), never two.
      if (isBlankLine(lines, index + 1)) break;
      continue;
    }
    if (length > MAX_HEADER_LINE_LENGTH) break;
    const field = readFieldLine(scan, index);
    if ((field & (KIND_MASK | FIELD_SHAPE)) === 0) {
      if (++continuation > MAX_HEADER_CONTINUATION_LINES) break;
      continue;
    }
    continuation = 0;
    anyFields++;
    hasAddress ||= (field & FIELD_ADDRESS) !== 0;
    hasDate ||= (field & FIELD_DATE) !== 0;
    if ((field & KIND_MASK) !== 0) {
      knownFields++;
      kinds |= field & KIND_MASK;
    }
    const hasFrom = (kinds & KIND_BITS.from) !== 0;
    if (knownFields >= 2 && countBits(kinds) >= 2 && (hasFrom || hasAddress || hasDate)) return true;
    if (patterns.uses('headerBlockByShape') && anyFields >= MIN_SHAPE_FIELDS && hasAddress && hasDate) return true;
  }
  return false;
}

function countBits(mask: number): number {
  let count = 0;
  for (let rest = mask; rest !== 0; rest &= rest - 1) count++;
  return count;
}

/** What a line says as a header field, read once per line (header blocks are looked for over overlapping windows). */
function readFieldLine(scan: Scan, index: number): number {
  const known = scan.fieldInfo[index]!;
  if (known !== 0) return known;
  let field = FIELD_READ;
  if (mayBeFieldLine(scan.lines, index)) {
    const line = viewLine(scan.lines, index);
    const kinds = readFieldKinds(line, scan.patterns);
    const shapeMatch = ANY_FIELD_LINE.exec(line);
    if (kinds !== 0 || shapeMatch !== null) {
      field |= kinds;
      if (shapeMatch !== null) field |= FIELD_SHAPE;
      if (EMAIL_ADDRESS.test(line)) field |= FIELD_ADDRESS;
      if (DATE_OR_TIME.test(shapeMatch?.[1] ?? line)) field |= FIELD_DATE;
    }
  }
  scan.fieldInfo[index] = field;
  return field;
}

/**
 * Whether a line may start with "Label:": after the quote marks, nothing but letters, spaces and the ". ' - *" that
 * labels and their decoration hold comes before the first colon. A digit, "@", "/" or any other sign there (a log
 * line's clock, a URL, an address) rules it out without a regex. Every known label passes (letters, spaces, "-", ".").
 */
function mayBeFieldLine(lines: LineIndex, index: number): boolean {
  const { text } = lines;
  for (let at = lines.contentStart[index]!, to = lines.contentEnd[index]!; at < to; at++) {
    const code = text.charCodeAt(at);
    if (code === COLON || code === FULLWIDTH_COLON) return true;
    if (code >= 128) continue;
    const isLetter = (code | 32) >= 97 && (code | 32) <= 122;
    if (
      !isLetter &&
      !isTrimmable(code) &&
      code !== GREATER_THAN &&
      code !== 42 &&
      code !== 46 &&
      code !== 39 &&
      code !== 45
    ) {
      return false;
    }
  }
  return false;
}

/** The kinds a line's known header label names, as KIND_BITS (0 when the label is not a known one). */
function readFieldKinds(line: string, patterns: ReplyPatterns): number {
  const match = patterns.headerFieldLine.exec(line);
  let kinds = 0;
  for (const kind of (match && patterns.fieldKinds.get((match[1] ?? '').toLowerCase())) ?? []) kinds |= KIND_BITS[kind];
  return kinds;
}

/** Returns how many lines the attribution starting at `start` spans, or 0 when there is none. */
function measureAttribution(scan: Scan, start: number): number {
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
function mayEndAttributionAt(scan: Scan, index: number): boolean {
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
function measureTextBeforeInlineAttribution(line: string, patterns: ReplyPatterns): number {
  const dashes = line.indexOf('--');
  if (dashes <= 0) return 0;
  if (!/[\p{L}\p{N}]/u.test(line.slice(0, dashes))) return 0;
  const core = stripDecoration(line.slice(dashes));
  if (!patterns.attributionOpener.test(core) || !patterns.attributionEnding.test(core)) return 0;
  return dashes;
}

/**
 * A quoted line that the sender's client wrapped loses its `>` on the continuation: a lone line between two
 * quote lines that is one unbroken token (a URL tail) or closes a bracket the quote line opened belongs to the quote.
 */
function isWrappedQuoteLine(scan: Scan, index: number): boolean {
  const { lines, patterns } = scan;
  if (!patterns.uses('wrappedQuoteContinuation')) return false;
  if (isBlankLine(lines, index) || isQuoteLine(lines, index)) return false;
  if (!isQuoteLine(lines, index - 1) || !isQuoteLine(lines, index + 1)) return false;
  const line = viewLine(lines, index);
  const previous = viewLine(lines, index - 1);
  const opened = (text: string, open: string, close: string): number =>
    text.split(open).length - text.split(close).length;
  return !/\s/.test(line) || opened(previous, '(', ')') > 0 || opened(previous, '<', '>') > 1;
}

/** Keeps lines [from, to) without the `>` quote blocks (and placeholders of removed HTML quotes) no attribution introduced. */
function appendUnquoted(kept: KeptLines, scan: Scan, from: number, to: number): void {
  const { lines, patterns } = scan;
  let index = from;
  while (index < to) {
    if (!isQuoteLine(lines, index)) {
      keepLine(kept, index);
      index++;
      continue;
    }
    let end = index;
    let hasPlaceholder = false;
    while (end < to && (isQuoteLine(lines, end) || isWrappedQuoteLine(scan, end))) {
      hasPlaceholder ||= firstContentCode(lines, end) === PLACEHOLDER_CODE && contentLength(lines, end) === 1;
      end++;
    }
    const gluedBetweenText = index > from && !isBlankLine(lines, index - 1) && end < to && !isBlankLine(lines, end);
    const isDecoration =
      patterns.uses('decorationQuoteLines') &&
      !hasPlaceholder &&
      gluedBetweenText &&
      end - index <= MAX_DECORATION_QUOTE_LINES;
    if (isDecoration) {
      for (let line = index; line < end; line++) keepLine(kept, line);
    } else {
      // The blank lines after a removed quote would double the gap between the texts around it.
      while (end < to && isBlankLine(lines, end) && (kept.count === 0 || isLastKeptBlank(kept, lines))) end++;
    }
    index = end;
  }
}

function isLastKeptBlank(kept: KeptLines, lines: LineIndex): boolean {
  return isBlankLine(lines, kept.line[kept.count - 1]!);
}
