// Cuts quoted history from a plain-text body: attribution lines, header blocks, separators and `>` quotes.
import { QUOTE_PLACEHOLDER } from '../html/to-text.ts';
import {
  ATTRIBUTION_ENDING,
  ATTRIBUTION_OPENER,
  CJK_ATTRIBUTION_ENDING,
  DANGLING_SEPARATOR,
  DATE_OR_TIME,
  EMAIL_ADDRESS,
  FORWARD_MARKER,
  FROM_FIELD_LINE,
  INLINE_OTHER_FIELD,
  MOBILE_SIGNATURE,
  ORIGINAL_MESSAGE_SEPARATOR,
  OTHER_FIELD_LINE,
} from './patterns.ts';
import { removeSignature } from './signature.ts';

/** Attributions wrap over at most this many lines ("On …, Name <\naddress> wrote:"). */
const MAX_ATTRIBUTION_LINES = 3;
/** An attribution is a short line: longer text that happens to end in "wrote:" is prose. */
const MAX_ATTRIBUTION_LENGTH = 320;
/** A header block ("From:", "Sent:", …) is looked for over this many lines. */
const HEADER_BLOCK_WINDOW = 10;
/** Wrapped values (a long To: list) may continue a header field over this many lines. */
const MAX_HEADER_CONTINUATION_LINES = 3;
/** A one- or two-line `>` snippet glued between text lines is decoration (">>> link <<<"), not a quote. */
const MAX_DECORATION_QUOTE_LINES = 2;

/** Invisible direction marks and byte-order marks that clients sprinkle into dates and headers. */
const INVISIBLE_MARKS = /[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

type Boundary =
  | { kind: 'cut'; index: number; keptPrefix?: string }
  | { kind: 'attribution'; index: number; length: number }
  | { kind: 'forward'; index: number };

/** Returns the new text of a plain-text reply, without quoted history and without the signature. */
export function stripQuotedText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').replace(INVISIBLE_MARKS, '').split('\n');
  const kept = removeSignature(keepNewLines(lines));
  return finishText(kept);
}

/** The detection view of a line: non-breaking spaces read as spaces, edges trimmed. */
function readLine(line: string | undefined): string {
  return (line ?? '').replace(/\u00a0/g, ' ').trim();
}

function isEmpty(line: string | undefined): boolean {
  return readLine(line).length === 0;
}

function isQuoteLine(line: string | undefined): boolean {
  const plain = readLine(line);
  return plain.startsWith('>') || plain === QUOTE_PLACEHOLDER;
}

/** Keeps the lines the sender wrote, following the first boundary into quoted history. */
function keepNewLines(lines: readonly string[]): string[] {
  const boundary = findFirstBoundary(lines);
  if (!boundary) return removeQuoteBlocks(lines);
  const before = removeQuoteBlocks(lines.slice(0, boundary.index));
  if (boundary.kind === 'forward') {
    // A forwarded message is the content the sender passes on: keep all of it.
    return [...before, ...lines.slice(boundary.index)];
  }
  if (boundary.kind === 'cut') {
    return boundary.keptPrefix ? [...before, boundary.keptPrefix] : before;
  }
  // An attribution followed by `>` lines: drop both, and keep what the sender wrote after the quote.
  let next = boundary.index + boundary.length;
  while (next < lines.length && isEmpty(lines[next])) next++;
  if (next >= lines.length || !isQuoteLine(lines[next])) return before;
  while (next < lines.length && (isQuoteLine(lines[next]) || isEmpty(lines[next]) || isWrappedQuoteLine(lines, next))) {
    next++;
  }
  return [...before, ...keepNewLines(lines.slice(next))];
}

function findFirstBoundary(lines: readonly string[]): Boundary | null {
  for (let index = 0; index < lines.length; index++) {
    const line = readLine(lines[index]);
    if (line.length === 0 || isQuoteLine(line)) continue;
    if (FORWARD_MARKER.test(line)) return { kind: 'forward', index };
    if (isOriginalMessageSeparator(line)) return { kind: 'cut', index };
    if (MOBILE_SIGNATURE.test(line)) return { kind: 'cut', index };
    if (isHeaderBlockStart(lines, index)) return { kind: 'cut', index };
    const inline = splitInlineAttribution(line);
    if (inline !== null) return { kind: 'cut', index, keptPrefix: inline };
    const length = measureAttribution(lines, index);
    if (length > 0) return { kind: 'attribution', index, length };
  }
  return null;
}

function isOriginalMessageSeparator(line: string): boolean {
  return ORIGINAL_MESSAGE_SEPARATOR.test(line) && /[-_=*]{2,}/.test(line);
}

/**
 * A header block is at least two header fields in a row, one of them a From field ("From:", "Von:", "De :"),
 * as Outlook, Apple Mail (forward style) and webmails write above the quoted message.
 */
function isHeaderBlockStart(lines: readonly string[], start: number): boolean {
  const first = readLine(lines[start]);
  const isField = (line: string): boolean => FROM_FIELD_LINE.test(line) || OTHER_FIELD_LINE.test(line);
  if (!isField(first)) return false;
  // Some clients put the whole block on one line ("From: bob@example.com Date: Thu, 24 Mar 2016 …").
  if (FROM_FIELD_LINE.test(first) && INLINE_OTHER_FIELD.test(first)) return true;
  let fields = 0;
  let hasFrom = false;
  let continuation = 0;
  const end = Math.min(lines.length, start + HEADER_BLOCK_WINDOW);
  for (let index = start; index < end; index++) {
    const line = readLine(lines[index]);
    if (line.length === 0) {
      // One blank line may sit inside a block (a To: list that wrapped), never two.
      if (isEmpty(lines[index + 1])) break;
      continue;
    }
    if (isField(line)) {
      fields++;
      hasFrom ||= FROM_FIELD_LINE.test(line);
      continuation = 0;
      if (fields >= 2 && hasFrom) return true;
      continue;
    }
    if (++continuation > MAX_HEADER_CONTINUATION_LINES) break;
  }
  return false;
}

/** Returns how many lines the attribution starting at `start` spans, or 0 when there is none. */
function measureAttribution(lines: readonly string[], start: number): number {
  const first = readLine(lines[start]);
  const startsLikeAttribution =
    ATTRIBUTION_OPENER.test(stripDecoration(first)) || /^\d/.test(stripDecoration(first));
  let joined = '';
  for (let length = 1; length <= MAX_ATTRIBUTION_LINES && start + length <= lines.length; length++) {
    const line = readLine(lines[start + length - 1]);
    if (line.length === 0) return 0;
    // Gmail may wrap "<address\n>:" so that the last line looks like a quote.
    if (length > 1 && isQuoteLine(line) && !/^>\s*[:：]$/.test(line)) return 0;
    // A wrapped attribution must start like one, or ordinary prose above it would be swallowed.
    if (length > 1 && !startsLikeAttribution) return 0;
    joined = length === 1 ? line : `${joined}${joined.endsWith('(') || joined.endsWith('<') ? '' : ' '}${line}`;
    if (joined.length > MAX_ATTRIBUTION_LENGTH) return 0;
    if (isAttribution(joined, startsLikeAttribution, () => isQuoteLine(nextNonEmpty(lines, start + length)))) {
      return length;
    }
  }
  return 0;
}

function nextNonEmpty(lines: readonly string[], from: number): string | undefined {
  for (let index = from; index < lines.length; index++) if (!isEmpty(lines[index])) return lines[index];
  return undefined;
}

/** Removes the dashes and stars some clients put around an attribution ("---- John wrote ----"). */
function stripDecoration(line: string): string {
  return line.replace(/^[-*_=\s]+/, '').replace(/[-*_=\s]+$/, '');
}

function isAttribution(joined: string, startsLikeAttribution: boolean, quoteFollows: () => boolean): boolean {
  const core = stripDecoration(joined);
  const decorated = core.length < joined.length - 1 && /^-{2,}|-{2,}$/.test(joined);
  const endsWithColon = /[:：]$/.test(core);
  const hasEvidence = DATE_OR_TIME.test(core) || EMAIL_ADDRESS.test(core);
  if (ATTRIBUTION_ENDING.test(core) || CJK_ATTRIBUTION_ENDING.test(core)) {
    if (decorated) return true;
    if (endsWithColon) return startsLikeAttribution || hasEvidence || quoteFollows();
    // Without a colon ("On Wed, … <john@doe.com> wrote") only the full shape counts.
    return startsLikeAttribution && hasEvidence;
  }
  // Gmail's date-only form and webmails: "2014-10-17 11:28 GMT+03:00 Postmaster <postmaster@…>:".
  return endsWithColon && EMAIL_ADDRESS.test(core) && DATE_OR_TIME.test(core) && !FROM_FIELD_LINE.test(core);
}

/** "reply--- On Wed, Apr 4, 2012 at 3:59 PM, me@domain.com wrote:" keeps "reply". */
function splitInlineAttribution(line: string): string | null {
  const match = /^(.*?\S)\s*-{2,}\s*(\S.*)$/.exec(line);
  if (!match) return null;
  const [, prefix = '', rest = ''] = match;
  if (!/[\p{L}\p{N}]/u.test(prefix)) return null;
  const core = stripDecoration(rest);
  if (!ATTRIBUTION_OPENER.test(core) || !ATTRIBUTION_ENDING.test(core)) return null;
  return prefix;
}

/**
 * A quoted line that the sender's client wrapped loses its `>` on the continuation: a lone line between two
 * quote lines that is one unbroken token (a URL tail) or closes a bracket the quote line opened belongs to the quote.
 */
function isWrappedQuoteLine(lines: readonly string[], index: number): boolean {
  const line = readLine(lines[index]);
  if (line.length === 0 || isQuoteLine(line)) return false;
  const previous = readLine(lines[index - 1]);
  if (!isQuoteLine(previous) || !isQuoteLine(lines[index + 1])) return false;
  const opened = (text: string, open: string, close: string): number => text.split(open).length - text.split(close).length;
  return !/\s/.test(line) || opened(previous, '(', ')') > 0 || opened(previous, '<', '>') > 1;
}

/** Removes `>` quote blocks (and placeholders of removed HTML quotes) that no attribution introduced. */
function removeQuoteBlocks(lines: readonly string[]): string[] {
  const kept: string[] = [];
  let index = 0;
  while (index < lines.length) {
    if (!isQuoteLine(lines[index])) {
      kept.push(lines[index] ?? '');
      index++;
      continue;
    }
    let end = index;
    while (end < lines.length && (isQuoteLine(lines[end]) || isWrappedQuoteLine(lines, end))) end++;
    const block = lines.slice(index, end);
    const gluedBetweenText =
      index > 0 && !isEmpty(lines[index - 1]) && end < lines.length && !isEmpty(lines[end]);
    const hasPlaceholder = block.some((line) => readLine(line) === QUOTE_PLACEHOLDER);
    if (!hasPlaceholder && gluedBetweenText && block.length <= MAX_DECORATION_QUOTE_LINES) {
      kept.push(...block);
    } else {
      // The blank lines after a removed quote would double the gap between the texts around it.
      while (end < lines.length && isEmpty(lines[end]) && (kept.length === 0 || isEmpty(kept[kept.length - 1]))) end++;
    }
    index = end;
  }
  return kept;
}

/** Trims line ends, drops separators left dangling above a cut, and trims the text. */
function finishText(lines: readonly string[]): string {
  const trimmed = lines.map((line) => line.trimEnd());
  while (trimmed.length > 0) {
    const last = trimmed[trimmed.length - 1] ?? '';
    if (last.trim().length === 0 || DANGLING_SEPARATOR.test(last) || last.trim() === QUOTE_PLACEHOLDER) trimmed.pop();
    else break;
  }
  return trimmed
    .filter((line) => line.trim() !== QUOTE_PLACEHOLDER)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^(?:[ \t]*\n)+/, '');
}
