// The lines of a reply kept as new text, as ranges of the input, and the reply text built from slices of them.
import { QUOTE_PLACEHOLDER } from '../html/to-text.ts';
import { isTrimmable, lineEnd, type LineIndex } from './line-index.ts';

const PLACEHOLDER_CODE = QUOTE_PLACEHOLDER.charCodeAt(0);

/**
 * Kept lines in order, by line number. The last one may be cut short (`lastEnd`): new text written on the same
 * line before an attribution ("Thanks--- On … wrote:") keeps only that text.
 */
export type KeptLines = { line: Int32Array; count: number; lastEnd: number };

export function createKeptLines(lines: LineIndex): KeptLines {
  return { line: new Int32Array(lines.count), count: 0, lastEnd: -1 };
}

export function keepLine(kept: KeptLines, line: number): void {
  kept.line[kept.count++] = line;
}

/** Keeps the trimmed content of `line` up to `end` (exclusive), as the last kept line. */
export function keepLineStart(kept: KeptLines, lines: LineIndex, line: number, end: number): void {
  let trimmedEnd = end;
  while (trimmedEnd > lines.contentStart[line]! && isTrimmable(lines.text.charCodeAt(trimmedEnd - 1))) trimmedEnd--;
  keepLine(kept, line);
  kept.lastEnd = trimmedEnd;
}

/** Where kept entry `entry` starts in the text (a cut-short line starts at its content). */
export function entryStart(kept: KeptLines, lines: LineIndex, entry: number): number {
  const line = kept.line[entry]!;
  return entry === kept.count - 1 && kept.lastEnd >= 0 ? lines.contentStart[line]! : lines.start[line]!;
}

/** Where kept entry `entry` ends in the text. */
export function entryEnd(kept: KeptLines, lines: LineIndex, entry: number): number {
  return entry === kept.count - 1 && kept.lastEnd >= 0 ? kept.lastEnd : lineEnd(lines, kept.line[entry]!);
}

/** Where the trimmed content of kept entry `entry` ends (its start when it holds only whitespace). */
export function entryContentEnd(kept: KeptLines, lines: LineIndex, entry: number): number {
  const line = kept.line[entry]!;
  const contentEnd = Math.min(lines.contentEnd[line]!, entryEnd(kept, lines, entry));
  return contentEnd > lines.contentStart[line]! ? contentEnd : entryStart(kept, lines, entry);
}

/** Whether kept entry `entry` holds only whitespace. */
export function isBlankEntry(kept: KeptLines, lines: LineIndex, entry: number): boolean {
  const line = kept.line[entry]!;
  return Math.min(lines.contentEnd[line]!, entryEnd(kept, lines, entry)) <= lines.contentStart[line]!;
}

/** The text of kept entry `entry`, as written (not trimmed). */
export function readEntry(kept: KeptLines, lines: LineIndex, entry: number): string {
  return lines.text.slice(entryStart(kept, lines, entry), entryEnd(kept, lines, entry));
}

/** Whether the trimmed content of kept entry `entry` is exactly `content`. */
function entryContentIs(kept: KeptLines, lines: LineIndex, entry: number, content: string): boolean {
  const from = lines.contentStart[kept.line[entry]!]!;
  const to = entryContentEnd(kept, lines, entry);
  return to - from === content.length && lines.text.startsWith(content, from);
}

/** Separator lines ("----", "____", "***") that may stand above a cut-off quote and would be left dangling. */
function isDanglingSeparator(kept: KeptLines, lines: LineIndex, entry: number): boolean {
  const from = lines.contentStart[kept.line[entry]!]!;
  const to = entryContentEnd(kept, lines, entry);
  if (to - from < 2) return false;
  for (let at = from; at < to; at++) {
    const code = lines.text.charCodeAt(at);
    // - _ = * — – ~
    if (code !== 45 && code !== 95 && code !== 61 && code !== 42 && code !== 0x2014 && code !== 0x2013 && code !== 126)
      return false;
  }
  return true;
}

/**
 * The reply text of the first `count` kept entries: line ends trimmed, separators left dangling at the end and the
 * placeholders of removed HTML quotes dropped, at most one blank line in a row, edges trimmed. Runs of lines that
 * stand unchanged and adjacent in the input become one run of it, so the output costs one copy at most.
 */
export function renderKeptLines(kept: KeptLines, lines: LineIndex, count: number): string {
  let end = count;
  while (end > 0) {
    const last = end - 1;
    if (
      isBlankEntry(kept, lines, last) ||
      entryContentIs(kept, lines, last, QUOTE_PLACEHOLDER) ||
      isDanglingSeparator(kept, lines, last)
    ) {
      end--;
    } else {
      break;
    }
  }
  const { text, start: lineStarts, contentStart, contentEnd } = lines;
  // Only the last entry may be cut short: every other entry is a whole line, read straight from the index.
  const wholeLines = kept.lastEnd >= 0 ? Math.min(end, kept.count - 1) : end;
  // Runs as [start, end) pairs: at most one per entry.
  const runs = new Int32Array(2 * end);
  let runCount = 0;
  let runStart = -1;
  let runEnd = -1;
  let written = 0;
  let blankRun = 0;
  for (let entry = 0; entry < end; entry++) {
    let from: number;
    let to: number;
    if (entry < wholeLines) {
      const line = kept.line[entry]!;
      from = lineStarts[line]!;
      const first = contentStart[line]!;
      to = contentEnd[line]! > first ? contentEnd[line]! : from;
      // The placeholder of a removed HTML quote is no text of its own.
      if (to - first === 1 && text.charCodeAt(first) === PLACEHOLDER_CODE) continue;
    } else {
      if (entryContentIs(kept, lines, entry, QUOTE_PLACEHOLDER)) continue;
      from = entryStart(kept, lines, entry);
      to = isBlankEntry(kept, lines, entry) ? from : entryContentEnd(kept, lines, entry);
    }
    if (to === from) {
      if (written === 0 || ++blankRun > 1) continue;
    } else {
      blankRun = 0;
    }
    written++;
    // A line that follows the run directly (one "\n" apart, nothing trimmed in between) extends it.
    if (runStart >= 0 && from === runEnd + 1 && text.charCodeAt(runEnd) === 10) {
      runEnd = to;
      continue;
    }
    if (runStart >= 0) {
      runs[2 * runCount] = runStart;
      runs[2 * runCount + 1] = runEnd;
      runCount++;
    }
    runStart = from;
    runEnd = to;
  }
  if (runStart >= 0) {
    runs[2 * runCount] = runStart;
    runs[2 * runCount + 1] = runEnd;
    runCount++;
  }
  return joinRuns(text, runs, runCount);
}

/** Below this mean length, runs are copied character by character: a slice per tiny run costs more than its text. */
const MIN_MEAN_RUN_FOR_SLICES = 24;
/**
 * Characters per String.fromCharCode call: well under engines' argument limits, and small enough to stay cheap (V8
 * copies the arguments onto the stack: 8,192 at a time took twice as long per character as 1,024).
 */
const COPY_CHUNK = 1024;

/** The runs of `text` joined by "\n": as slices when the runs are long, copied through a buffer when many are tiny. */
function joinRuns(text: string, runs: Int32Array, runCount: number): string {
  let length = Math.max(0, runCount - 1);
  for (let run = 0; run < runCount; run++) length += runs[2 * run + 1]! - runs[2 * run]!;
  if (runCount * MIN_MEAN_RUN_FOR_SLICES <= length) {
    const slices: string[] = [];
    for (let run = 0; run < runCount; run++) slices.push(text.slice(runs[2 * run], runs[2 * run + 1]));
    return slices.join('\n');
  }
  const buffer = new Uint16Array(Math.min(COPY_CHUNK, length));
  const chunks: string[] = [];
  let filled = 0;
  const flushIfFull = (): void => {
    if (filled < buffer.length) return;
    chunks.push(String.fromCharCode.apply(null, buffer as unknown as number[]));
    filled = 0;
  };
  for (let run = 0; run < runCount; run++) {
    if (run > 0) {
      buffer[filled++] = 10;
      flushIfFull();
    }
    let at = runs[2 * run]!;
    const to = runs[2 * run + 1]!;
    while (at < to) {
      const stop = Math.min(to, at + buffer.length - filled);
      for (; at < stop; at++) buffer[filled++] = text.charCodeAt(at);
      flushIfFull();
    }
  }
  if (filled > 0) chunks.push(String.fromCharCode.apply(null, buffer.subarray(0, filled) as unknown as number[]));
  return chunks.join('');
}
