// Header blocks above quoted history ("From: … Sent: … To: … Subject: …"), in known languages or by their shape alone.
import { contentLength, isBlankLine, isTrimmable, type LineIndex, viewLine } from './line-index.ts';
import { DATE_OR_TIME, EMAIL_ADDRESS, type ReplyPatterns } from './patterns.ts';
import type { HeaderFieldKind } from './vocabulary/entries.ts';
import { COLON, FULLWIDTH_COLON, GREATER_THAN, MAX_HEADER_LINE_LENGTH, type Scan } from './quote-scan.ts';

/** A header block ("From:", "Sent:", …) is looked for over this many lines. */
const HEADER_BLOCK_WINDOW = 10;
/** Wrapped values (a long To: list) may continue a header field over this many lines. */
const MAX_HEADER_CONTINUATION_LINES = 3;
/** A header block recognised by its shape alone (labels in an unknown language) needs this many fields. */
const MIN_SHAPE_FIELDS = 3;
/** "Label: value" with a label of one to three words: a header field in any language. */
const ANY_FIELD_LINE = /^[\s>]*\*?\s*\p{L}[\p{L}\p{M}.'-]*(?: [\p{L}\p{M}.'-]+){0,2}\s*\*?\s*[:：]\s*\*?(.*)$/u;

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

/**
 * A header block is two or more localized header fields of different kinds (From, Sent/Date, To, Cc, Subject),
 * one of them From or a value with an address or date, as Outlook, Apple Mail (forward style) and webmails
 * write above the quoted message; or, in any language, three or more "Label: value" lines with an address and
 * a date among the values.
 */
export function isHeaderBlockStart(scan: Scan, start: number): boolean {
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
