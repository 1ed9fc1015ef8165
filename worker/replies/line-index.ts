// A text's lines as offsets into it, with their trimmed bounds, built in one pass; line views are cut out on demand.

/**
 * The lines of a text without copying it: line `i` spans [start[i], start[i + 1] - 1) and its content (the line
 * trimmed as String.prototype.trim would) spans [contentStart[i], contentEnd[i]). Line breaks are "\n" only: the
 * caller unifies CRLF first.
 */
export type LineIndex = {
  readonly text: string;
  readonly count: number;
  readonly start: Int32Array;
  readonly contentStart: Int32Array;
  readonly contentEnd: Int32Array;
};

/** The characters String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator). */
export function isTrimmable(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** A line break is looked for character by character over this many characters, then by indexOf. */
const SHORT_LINE_SCAN = 16;

/**
 * Indexes the lines of `text` in one pass. Short lines are read character by character (a call per line would cost
 * more than the line); the rest of a longer line is skipped by indexOf, and only its edges are read for the trim.
 */
export function indexLines(text: string): LineIndex {
  let capacity = estimateLineCount(text);
  let start: Int32Array = new Int32Array(capacity + 1);
  let contentStart: Int32Array = new Int32Array(capacity);
  let contentEnd: Int32Array = new Int32Array(capacity);
  let count = 0;
  let lineStart = 0;
  for (;;) {
    let end = -1;
    const scanEnd = Math.min(text.length, lineStart + SHORT_LINE_SCAN);
    for (let at = lineStart; at < scanEnd; at++) {
      if (text.charCodeAt(at) === 10) {
        end = at;
        break;
      }
    }
    if (end === -1) end = scanEnd === text.length ? scanEnd : text.indexOf('\n', scanEnd);
    if (end === -1) end = text.length;
    let first = lineStart;
    while (first < end && isTrimmable(text.charCodeAt(first))) first++;
    let last = end;
    while (last > first && isTrimmable(text.charCodeAt(last - 1))) last--;
    if (count === capacity) {
      capacity *= 2;
      start = grow(start, capacity + 1);
      contentStart = grow(contentStart, capacity);
      contentEnd = grow(contentEnd, capacity);
    }
    start[count] = lineStart;
    contentStart[count] = first;
    contentEnd[count] = last;
    count++;
    if (end >= text.length) break;
    lineStart = end + 1;
  }
  start[count] = text.length + 1;
  return { text, count, start, contentStart, contentEnd };
}

/** Characters read to estimate how many lines a text has. */
const LINE_COUNT_SAMPLE = 4096;

/** The line count the first characters suggest, with a margin: the arrays then rarely grow, and never often. */
function estimateLineCount(text: string): number {
  const sample = Math.min(text.length, LINE_COUNT_SAMPLE);
  let breaks = 1;
  for (let at = 0; at < sample; at++) if (text.charCodeAt(at) === 10) breaks++;
  return Math.max(64, Math.ceil((breaks * 1.25 * text.length) / Math.max(sample, 1)));
}

function grow(array: Int32Array, length: number): Int32Array {
  const grown = new Int32Array(length);
  grown.set(array);
  return grown;
}

/** The end of line `line` (before its "\n"). */
export function lineEnd(lines: LineIndex, line: number): number {
  return (lines.start[line + 1] ?? lines.text.length + 1) - 1;
}

/** Whether line `line` holds only whitespace (lines beyond the text count as empty). */
export function isBlankLine(lines: LineIndex, line: number): boolean {
  return line < 0 || line >= lines.count || lines.contentEnd[line]! <= lines.contentStart[line]!;
}

/** The length of the trimmed content of line `line`. */
export function contentLength(lines: LineIndex, line: number): number {
  return line < 0 || line >= lines.count ? 0 : lines.contentEnd[line]! - lines.contentStart[line]!;
}

/** The first character code of the trimmed content of line `line`, or -1 for a blank line. */
export function firstContentCode(lines: LineIndex, line: number): number {
  return isBlankLine(lines, line) ? -1 : lines.text.charCodeAt(lines.contentStart[line]!);
}

/**
 * The detection view of a line: its trimmed content with non-breaking spaces read as spaces ("" beyond the text).
 * Cut out on demand, so that lines no test looks at are never copied.
 */
export function viewLine(lines: LineIndex, line: number): string {
  if (isBlankLine(lines, line)) return '';
  const view = lines.text.slice(lines.contentStart[line], lines.contentEnd[line]);
  return view.includes('\u00a0') ? view.replace(/\u00a0/g, ' ') : view;
}
