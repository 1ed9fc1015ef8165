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
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/**
 * Indexes the lines of `text`: one pass counts them, one records their bounds. Plain character loops rather than
 * indexOf, which costs a runtime call per line and dominates on texts of many short lines.
 */
export function indexLines(text: string): LineIndex {
  let count = 1;
  for (let at = 0; at < text.length; at++) if (text.charCodeAt(at) === 10) count++;
  const start = new Int32Array(count + 1);
  const contentStart = new Int32Array(count);
  const contentEnd = new Int32Array(count);
  let line = 0;
  let lineStart = 0;
  let first = -1;
  let last = 0;
  for (let at = 0; at <= text.length; at++) {
    const code = at < text.length ? text.charCodeAt(at) : 10;
    if (code === 10) {
      start[line] = lineStart;
      contentStart[line] = first === -1 ? at : first;
      contentEnd[line] = first === -1 ? at : last;
      line++;
      lineStart = at + 1;
      first = -1;
    } else if ((code > 32 && code < 0xa0) || !isTrimmable(code)) {
      if (first === -1) first = at;
      last = at + 1;
    }
  }
  start[count] = text.length + 1;
  return { text, count, start, contentStart, contentEnd };
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
