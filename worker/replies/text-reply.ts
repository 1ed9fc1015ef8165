// Cuts quoted history from a plain-text body: attribution lines, header blocks, separators and `>` quotes.
import { QUOTE_PLACEHOLDER } from '../html/to-text.ts';
import { DANGLING_SEPARATOR, DATE_OR_TIME, EMAIL_ADDRESS, getReplyPatterns, type ReplyPatterns } from './patterns.ts';
import type { ReplyRuleOptions } from './provenance.ts';
import { removeSignature } from './signature.ts';

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
/** Forward markers and mobile signatures are short lines (the shortest has six characters). */
const MAX_MARKER_LINE_LENGTH = 80;
const MIN_MARKER_LINE_LENGTH = 6;

/** Invisible direction marks and byte-order marks that clients sprinkle into dates and headers. */
const INVISIBLE_MARKS = /[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** "Label: value" with a label of one to three words: a header field in any language. */
const ANY_FIELD_LINE = /^[\s>]*\*?\s*\p{L}[\p{L}\p{M}.'-]*(?: [\p{L}\p{M}.'-]+){0,2}\s*\*?\s*[:：]\s*\*?(.*)$/u;
/** A title line between dashes ("-------- Оригинално съобщение --------") that may stand above a header block. */
const DASHED_TITLE_LINE = /^[\s>]*[-_=*]{2,}[^\n]{0,60}[-_=*]{2,}\s*$/;

type Boundary =
  | { kind: 'cut'; index: number; keptPrefix?: string }
  | { kind: 'attribution'; index: number; length: number }
  | { kind: 'forward'; index: number };

/** Returns the new text of a plain-text reply, without quoted history and without the signature. */
export function stripQuotedText(text: string, options: ReplyRuleOptions = {}): string {
  const patterns = getReplyPatterns(options);
  const unified = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  const lines = unified.replace(INVISIBLE_MARKS, '').split('\n');
  const kept = removeSignature(keepNewLines(lines, lines.map(readLine), patterns), patterns);
  return finishText(kept);
}

/**
 * The detection view of a line: non-breaking spaces read as spaces, edges trimmed. Computed once per line; every
 * test below reads these views (`views[i]`), and only the kept output uses the original lines.
 */
function readLine(line: string): string {
  return (line.includes('\u00a0') ? line.replace(/\u00a0/g, ' ') : line).trim();
}

function isEmpty(view: string | undefined): boolean {
  return !view;
}

function isQuoteLine(view: string | undefined): boolean {
  return view !== undefined && (view.startsWith('>') || view === QUOTE_PLACEHOLDER);
}

/**
 * Keeps the lines the sender wrote, following each boundary into quoted history. One pass: every boundary
 * search starts where the previous one ended, so the work is linear in the number of lines.
 */
function keepNewLines(lines: readonly string[], views: readonly string[], patterns: ReplyPatterns): string[] {
  const kept: string[] = [];
  let start = 0;
  while (start < lines.length) {
    const boundary = findFirstBoundary(views, start, patterns);
    if (!boundary) {
      appendUnquoted(kept, lines, views, start, lines.length, patterns);
      break;
    }
    appendUnquoted(kept, lines, views, start, boundary.index, patterns);
    if (boundary.kind === 'forward') {
      // A forwarded message is the content the sender passes on: keep all of it.
      for (let index = boundary.index; index < lines.length; index++) kept.push(lines[index] ?? '');
      break;
    }
    if (boundary.kind === 'cut') {
      if (boundary.keptPrefix) kept.push(boundary.keptPrefix);
      break;
    }
    // An attribution followed by `>` lines: drop both, and keep what the sender wrote after the quote.
    let next = boundary.index + boundary.length;
    while (next < views.length && isEmpty(views[next])) next++;
    if (next >= views.length || !isQuoteLine(views[next])) break;
    while (next < views.length && (isQuoteLine(views[next]) || isEmpty(views[next]) || isWrappedQuoteLine(views, next, patterns))) {
      next++;
    }
    start = next;
  }
  return kept;
}

function findFirstBoundary(views: readonly string[], from: number, patterns: ReplyPatterns): Boundary | null {
  for (let index = from; index < views.length; index++) {
    const line = views[index] ?? '';
    if (line.length === 0 || line.length > MAX_HEADER_LINE_LENGTH || isQuoteLine(line)) continue;
    // Cheap gates first: most lines are prose, and each pattern below only fits lines of a certain make.
    const mayBeMarkerLine = line.length >= MIN_MARKER_LINE_LENGTH && line.length <= MAX_MARKER_LINE_LENGTH;
    if (mayBeMarkerLine && patterns.forwardMarker.test(line)) return { kind: 'forward', index };
    if (hasDashRun(line) && isOriginalMessageSeparator(line, patterns)) return { kind: 'cut', index };
    if (mayBeMarkerLine && patterns.mobileSignature.test(line)) return { kind: 'cut', index };
    if (hasColon(line) && isHeaderBlockStart(views, index, patterns)) {
      return { kind: 'cut', index: includeDashedTitle(views, index, from) };
    }
    if (patterns.uses('attributionAfterTextOnLine') && line.includes('--')) {
      const inline = splitInlineAttribution(line, patterns);
      if (inline !== null) return { kind: 'cut', index, keptPrefix: inline };
    }
    const length = measureAttribution(views, index, patterns);
    if (length > 0) return { kind: 'attribution', index, length };
  }
  return null;
}

function hasColon(line: string): boolean {
  return line.includes(':') || line.includes('：');
}

function hasDashRun(line: string): boolean {
  return /[-_=*]{2}/.test(line);
}

function isOriginalMessageSeparator(line: string, patterns: ReplyPatterns): boolean {
  return patterns.originalMessageSeparator.test(line) && /[-_=*]{2,}/.test(line);
}

/** A header block right under a dashed title line ("----- Message d'origine -----") takes the title with it. */
function includeDashedTitle(views: readonly string[], index: number, from: number): number {
  let previous = index - 1;
  while (previous >= from && isEmpty(views[previous])) previous--;
  return previous >= from && DASHED_TITLE_LINE.test(views[previous] ?? '') ? previous : index;
}

/**
 * A header block is two or more localized header fields of different kinds (From, Sent/Date, To, Cc, Subject),
 * one of them From or a value with an address or date, as Outlook, Apple Mail (forward style) and webmails
 * write above the quoted message; or, in any language, three or more "Label: value" lines with an address and
 * a date among the values.
 */
function isHeaderBlockStart(views: readonly string[], start: number, patterns: ReplyPatterns): boolean {
  const first = views[start] ?? '';
  const firstKinds = readFieldKinds(first, patterns);
  if (firstKinds?.has('from') && patterns.uses('inlineHeaderFields') && patterns.inlineHeaderField.test(first)) return true;
  if (!firstKinds && !(patterns.uses('headerBlockByShape') && ANY_FIELD_LINE.test(first))) return false;

  const kinds = new Set<string>();
  let knownFields = 0;
  let anyFields = 0;
  let hasAddress = false;
  let hasDate = false;
  let continuation = 0;
  const end = Math.min(views.length, start + HEADER_BLOCK_WINDOW);
  for (let index = start; index < end; index++) {
    const line = views[index] ?? '';
    if (line.length === 0) {
      // One blank line may sit inside a block (a To: list that wrapped), never two.
      if (isEmpty(views[index + 1])) break;
      continue;
    }
    if (line.length > MAX_HEADER_LINE_LENGTH) break;
    const lineKinds = readFieldKinds(line, patterns);
    const shapeMatch = ANY_FIELD_LINE.exec(line);
    if (!lineKinds && !shapeMatch) {
      if (++continuation > MAX_HEADER_CONTINUATION_LINES) break;
      continue;
    }
    continuation = 0;
    anyFields++;
    hasAddress ||= EMAIL_ADDRESS.test(line);
    hasDate ||= DATE_OR_TIME.test(shapeMatch?.[1] ?? line);
    if (lineKinds) {
      knownFields++;
      for (const kind of lineKinds) kinds.add(kind);
    }
    const hasFrom = kinds.has('from');
    if (knownFields >= 2 && kinds.size >= 2 && (hasFrom || hasAddress || hasDate)) return true;
    if (patterns.uses('headerBlockByShape') && anyFields >= MIN_SHAPE_FIELDS && hasAddress && hasDate) return true;
  }
  return false;
}

function readFieldKinds(line: string, patterns: ReplyPatterns): ReadonlySet<string> | undefined {
  const match = patterns.headerFieldLine.exec(line);
  return match ? patterns.fieldKinds.get((match[1] ?? '').toLowerCase()) : undefined;
}

/** Returns how many lines the attribution starting at `start` spans, or 0 when there is none. */
function measureAttribution(views: readonly string[], start: number, patterns: ReplyPatterns): number {
  const first = views[start] ?? '';
  if (first.length > MAX_ATTRIBUTION_LENGTH) return 0;
  // An attribution's last line ends in a colon or a verb: skip starts whose next views cannot end one.
  let mayEndHere = false;
  for (let offset = 0; offset < MAX_ATTRIBUTION_LINES && !mayEndHere; offset++) {
    mayEndHere = mayEndAttribution(views[start + offset] ?? '', patterns);
  }
  if (!mayEndHere) return 0;
  const opensLikeAttribution = opensLikeAttributionLine(first, patterns);
  // A wrapped attribution starts like one or starts its own paragraph, or prose above it would be swallowed.
  const mayWrap = opensLikeAttribution || start === 0 || isEmpty(views[start - 1]);
  let joined = '';
  for (let length = 1; length <= MAX_ATTRIBUTION_LINES && start + length <= views.length; length++) {
    const line = views[start + length - 1] ?? '';
    if (line.length === 0) return 0;
    if (length > 1) {
      // A continuation line that opens like an attribution itself starts the real one ("Thanks\nOn … wrote:").
      if (!mayWrap || opensLikeAttributionLine(line, patterns)) return 0;
      if (isQuoteLine(line) && !closesWrappedAddress(joined, line, patterns)) return 0;
    }
    joined = length === 1 ? line : `${joined}${joined.endsWith('(') || joined.endsWith('<') ? '' : ' '}${line}`;
    if (joined.length > MAX_ATTRIBUTION_LENGTH) return 0;
    const quoteFollows = (): boolean => isQuoteLine(nextNonEmpty(views, start + length));
    if (isAttribution(joined, opensLikeAttribution, quoteFollows, patterns)) return length;
  }
  return 0;
}

/** A line that may end an attribution: a colon at its end, or an attribution verb in its last characters. */
function mayEndAttribution(line: string, patterns: ReplyPatterns): boolean {
  if (line.length < 2) return false;
  const tail = line.slice(-MAX_VERB_TAIL);
  if (/[:：]\s*-*$/.test(tail.slice(-12))) return true;
  const lastWord = /([^\s*_=-]+)[\s*_=-]*$/.exec(tail)?.[1]?.toLowerCase() ?? '';
  return patterns.verbLastWords.has(lastWord) && patterns.attributionEnding.test(tail);
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

function nextNonEmpty(views: readonly string[], from: number): string | undefined {
  for (let index = from; index < views.length; index++) if (!isEmpty(views[index])) return views[index];
  return undefined;
}

/** Removes the dashes and stars some clients put around an attribution ("---- John wrote ----"). */
function stripDecoration(line: string): string {
  return line.replace(/^[-*_=\s]+/, '').replace(/[-*_=\s]+$/, '');
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
  const hasDate = DATE_OR_TIME.test(core);
  const hasAddress = EMAIL_ADDRESS.test(core);
  if (patterns.attributionEnding.test(core) || patterns.cjkAttributionEnding.test(core)) {
    if (decorated) return true;
    if (endsWithColon) return opensLikeAttribution || hasDate || hasAddress || quoteFollows();
    // Without a colon ("On Wed, … <john@doe.com> wrote") only the full shape counts.
    return opensLikeAttribution && (hasDate || hasAddress);
  }
  if (!endsWithColon || patterns.headerFieldLine.test(core)) return false;
  // Thunderbird's verb-before-name forms ("Am <date> um <time> schrieb <name>:", "Den <date> kl. <time>, skrev <name>:").
  if (patterns.attributionVerbInside.test(core) && (opensLikeAttribution || hasDate)) return true;
  // Any language: a date and the sender's address, ending in a colon ("2014-10-17 11:28 GMT+03:00 Bob <bob@…>:").
  if (hasDate && hasAddress) return true;
  // Any language: a dated line ending in a colon right above the quote it introduces.
  return patterns.uses('datedLineBeforeQuote') && hasDate && quoteFollows();
}

/** An attribution glued after the new text on one line ("Thanks--- On <date>, <address> wrote:") keeps the text. */
function splitInlineAttribution(line: string, patterns: ReplyPatterns): string | null {
  const dashes = line.indexOf('--');
  if (dashes <= 0) return null;
  const prefix = line.slice(0, dashes).trimEnd();
  if (!/[\p{L}\p{N}]/u.test(prefix)) return null;
  const core = stripDecoration(line.slice(dashes));
  if (!patterns.attributionOpener.test(core) || !patterns.attributionEnding.test(core)) return null;
  return prefix;
}

/**
 * A quoted line that the sender's client wrapped loses its `>` on the continuation: a lone line between two
 * quote lines that is one unbroken token (a URL tail) or closes a bracket the quote line opened belongs to the quote.
 */
function isWrappedQuoteLine(views: readonly string[], index: number, patterns: ReplyPatterns): boolean {
  if (!patterns.uses('wrappedQuoteContinuation')) return false;
  const line = views[index] ?? '';
  if (line.length === 0 || isQuoteLine(line)) return false;
  const previous = views[index - 1] ?? '';
  if (!isQuoteLine(previous) || !isQuoteLine(views[index + 1])) return false;
  const opened = (text: string, open: string, close: string): number => text.split(open).length - text.split(close).length;
  return !/\s/.test(line) || opened(previous, '(', ')') > 0 || opened(previous, '<', '>') > 1;
}

/** Appends lines [from, to) without the `>` quote blocks (and placeholders of removed HTML quotes) no attribution introduced. */
function appendUnquoted(
  kept: string[],
  lines: readonly string[],
  views: readonly string[],
  from: number,
  to: number,
  patterns: ReplyPatterns,
): void {
  let index = from;
  while (index < to) {
    if (!isQuoteLine(views[index])) {
      kept.push(lines[index] ?? '');
      index++;
      continue;
    }
    let end = index;
    let hasPlaceholder = false;
    while (end < to && (isQuoteLine(views[end]) || isWrappedQuoteLine(views, end, patterns))) {
      hasPlaceholder ||= views[end] === QUOTE_PLACEHOLDER;
      end++;
    }
    const gluedBetweenText = index > from && !isEmpty(views[index - 1]) && end < to && !isEmpty(views[end]);
    const isDecoration =
      patterns.uses('decorationQuoteLines') && !hasPlaceholder && gluedBetweenText && end - index <= MAX_DECORATION_QUOTE_LINES;
    if (isDecoration) {
      for (let line = index; line < end; line++) kept.push(lines[line] ?? '');
    } else {
      // The blank lines after a removed quote would double the gap between the texts around it.
      while (end < to && isEmpty(views[end]) && (kept.length === 0 || !kept[kept.length - 1]?.trim())) end++;
    }
    index = end;
  }
}

/**
 * Trims line ends, drops separators left dangling above a cut and the placeholders of removed HTML quotes, keeps at
 * most one blank line in a row, and trims the text. One pass over the lines.
 */
function finishText(lines: readonly string[]): string {
  let end = lines.length;
  while (end > 0) {
    const last = lines[end - 1] ?? '';
    const plain = last.trim();
    if (plain.length === 0 || plain === QUOTE_PLACEHOLDER || DANGLING_SEPARATOR.test(last)) end--;
    else break;
  }
  const out: string[] = [];
  let blankRun = 0;
  for (let index = 0; index < end; index++) {
    const line = trimLineEnd(lines[index] ?? '');
    if (line.includes(QUOTE_PLACEHOLDER) && line.trim() === QUOTE_PLACEHOLDER) continue;
    if (line.length === 0) {
      if (out.length === 0 || ++blankRun > 1) continue;
    } else {
      blankRun = 0;
    }
    out.push(line);
  }
  return out.join('\n');
}

/** Trims the end of a line, without copying the (common) line that ends in a visible character. */
function trimLineEnd(line: string): string {
  const last = line.charCodeAt(line.length - 1);
  return last === 32 || last === 9 || last === 0xa0 || last === 0x3000 || (last >= 0x2000 && last <= 0x200a) ? line.trimEnd() : line;
}
