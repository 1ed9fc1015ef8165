// The state of one scan over a plain-text reply's lines, and the line tests every boundary rule shares.
import { QUOTE_PLACEHOLDER } from '../html/to-text.ts';
import { contentLength, firstContentCode, type LineIndex } from './line-index.ts';
import type { ReplyPatterns } from './patterns.ts';

export const GREATER_THAN = 62;
export const COLON = 58;
export const FULLWIDTH_COLON = 0xff1a;
export const PLACEHOLDER_CODE = QUOTE_PLACEHOLDER.charCodeAt(0);

/** Lines longer than this are prose or data, never a quote header: they skip the shape tests (and their cost). */
export const MAX_HEADER_LINE_LENGTH = 1000;

/** The lines under scan and what was learned about them, so that no line is tested twice for the same thing. */
export type Scan = {
  lines: LineIndex;
  patterns: ReplyPatterns;
  /** Per line: 0 not yet known, 1 may end an attribution, 2 cannot. */
  mayEndAttribution: Uint8Array;
  /** Per line, what it says as a header field (header-block.ts's flags), 0 when not yet read. */
  fieldInfo: Uint16Array;
};

export function createScan(lines: LineIndex, patterns: ReplyPatterns): Scan {
  return {
    lines,
    patterns,
    mayEndAttribution: new Uint8Array(lines.count),
    fieldInfo: new Uint16Array(lines.count),
  };
}

/** A `>` quote line, or the placeholder a removed HTML quote left. */
export function isQuoteLine(lines: LineIndex, index: number): boolean {
  const first = firstContentCode(lines, index);
  return first === GREATER_THAN || (first === PLACEHOLDER_CODE && contentLength(lines, index) === 1);
}

export function isQuoteView(view: string): boolean {
  return view.startsWith('>') || view === QUOTE_PLACEHOLDER;
}
