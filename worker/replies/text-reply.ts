// Cuts quoted history from a plain-text body: attribution lines, header blocks, separators and `>` quotes.
import { mayEndAttributionAt, measureAttribution, measureTextBeforeInlineAttribution } from './attribution.ts';
import { isHeaderBlockStart } from './header-block.ts';
import { createKeptLines, type KeptLines, keepLine, keepLineStart, renderKeptLines } from './kept-lines.ts';
import { contentLength, firstContentCode, indexLines, isBlankLine, type LineIndex, viewLine } from './line-index.ts';
import { getReplyPatterns, type ReplyPatterns } from './patterns.ts';
import type { ReplyRuleOptions } from './provenance.ts';
import {
  COLON,
  createScan,
  FULLWIDTH_COLON,
  GREATER_THAN,
  isQuoteLine,
  MAX_HEADER_LINE_LENGTH,
  PLACEHOLDER_CODE,
  type Scan,
} from './quote-scan.ts';
import { countLinesBeforeSignature } from './signature.ts';

/** A one- or two-line `>` snippet glued between text lines is decoration (">>> link <<<"), not a quote. */
const MAX_DECORATION_QUOTE_LINES = 2;
/** Forward markers and mobile signatures are short lines (the shortest has six characters). */
const MAX_MARKER_LINE_LENGTH = 80;
const MIN_MARKER_LINE_LENGTH = 6;

/** Invisible direction marks and byte-order marks that clients sprinkle into dates and headers. */
const INVISIBLE_MARKS = /[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** A title line between dashes ("-------- Оригинално съобщение --------") that may stand above a header block. */
const DASHED_TITLE_LINE = /^[\s>]*[-_=*]{2,}[^\n]{0,60}[-_=*]{2,}\s*$/;

type Boundary =
  | { kind: 'cut'; index: number; keptPrefixEnd?: number }
  | { kind: 'attribution'; index: number; length: number }
  | { kind: 'forward'; index: number };

/**
 * Returns the new text of a plain-text reply, without quoted history and without the signature. `endsMessage: false`
 * says the text was cut short: its last lines are not the message's end, so no signature is looked for there.
 */
export function stripQuotedText(
  text: string,
  options: ReplyRuleOptions = {},
  { endsMessage = true }: { endsMessage?: boolean } = {},
): string {
  const unified = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  const lines = indexLines(unified.replace(INVISIBLE_MARKS, ''));
  const scan = createScan(lines, getReplyPatterns(options));
  const kept = keepNewLines(scan);
  return renderKeptLines(kept, lines, endsMessage ? countLinesBeforeSignature(kept, lines, scan.patterns) : kept.count);
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
    // Every marker, separator, header label and inline attribution holds a word: lines without a letter ("--",
    // "____", "12:30") skip those tests (and their regexes).
    const marks = readMarks(lines, index);
    const hasLetter = (marks & HAS_LETTER) !== 0;
    const mayBeMarkerLine = hasLetter && length >= MIN_MARKER_LINE_LENGTH && length <= MAX_MARKER_LINE_LENGTH;
    const mayHaveColon = hasLetter && (marks & HAS_COLON) !== 0;
    const mayHaveDashes = hasLetter && (marks & HAS_DASH_RUN) !== 0;
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
const HAS_LETTER = 4;

/**
 * Whether the content of a line holds a colon (ASCII or full-width), two of "-", "_", "=", "*" in a row, and a letter
 * (an ASCII one, or any character beyond ASCII: it may be one), as flags.
 */
function readMarks(lines: LineIndex, index: number): number {
  const { text } = lines;
  let marks = 0;
  let previousIsDash = false;
  for (let at = lines.contentStart[index]!, to = lines.contentEnd[index]!; at < to; at++) {
    const code = text.charCodeAt(at);
    if (code === COLON || code === FULLWIDTH_COLON) marks |= HAS_COLON;
    else if (code >= 128 || ((code | 32) >= 97 && (code | 32) <= 122)) marks |= HAS_LETTER;
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
