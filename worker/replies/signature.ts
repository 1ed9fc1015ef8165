// Finds where the sender's signature starts at the end of the new text, where the evidence for one is strong.
import { isBlankEntry, type KeptLines, readEntry } from './kept-lines.ts';
import type { LineIndex } from './line-index.ts';
import { DASH_SIGN_OFF, type ReplyPatterns, RULE_LINE, SIGNATURE_DELIMITER } from './patterns.ts';

/** A signature or footer longer than this (in non-empty lines) is more likely text that happens to follow a separator. */
const MAX_SIGNATURE_LINES = 20;
/** A dash sign-off ("-Bob") counts only this close to the end (a footer may follow it). */
const MAX_LINES_AFTER_DASH_SIGN_OFF = 8;

const HYPHEN = 45;
const UNDERSCORE = 95;
const EQUALS = 61;

/**
 * Returns how many kept lines stay: the cut is at the first strong signature mark, the RFC 3676 §4.3 sig-dash line
 * ("-- "), a rule of underscores that opens a mailing-list footer or disclaimer, or a one-line dash sign-off at the
 * very end ("-Bob"). Friendly closings ("Thanks,\nAlex") are the sender's words and stay. Only the tail is read:
 * every mark stands at most MAX_SIGNATURE_LINES non-empty lines from the end.
 */
export function countLinesBeforeSignature(kept: KeptLines, lines: LineIndex, patterns: ReplyPatterns): number {
  const tail = readTail(kept, lines);
  let firstText = 0;
  while (firstText < kept.count && isBlankEntry(kept, lines, firstText)) firstText++;
  // A signature needs a message above it: a body that is only "-- \nBob" keeps its text.
  for (let entry = Math.max(firstText + 1, tail.start); entry < kept.count; entry++) {
    // Every mark starts with a dash, an underscore or an equals sign: other lines need no pattern test.
    if (isBlankEntry(kept, lines, entry)) continue;
    const first = lines.text.charCodeAt(lines.contentStart[kept.line[entry]!]!);
    if (first !== HYPHEN && first !== UNDERSCORE && first !== EQUALS) continue;
    const line = readEntry(kept, lines, entry).replace(/\u00a0/g, ' ');
    const remaining = tail.nonEmptyAfter[entry - tail.start]!;
    if (patterns.uses('sigDash') && SIGNATURE_DELIMITER.test(line)) return entry;
    if (patterns.uses('listFooterRule') && RULE_LINE.test(line) && remaining > 0) return entry;
    if (
      patterns.uses('dashSignOff') &&
      remaining <= MAX_LINES_AFTER_DASH_SIGN_OFF &&
      DASH_SIGN_OFF.test(line.trim()) &&
      isOnlyFooterAfter(kept, lines, tail.nextText[entry + 1 - tail.start]!)
    ) {
      return entry;
    }
  }
  return kept.count;
}

/**
 * The kept lines followed by at most MAX_SIGNATURE_LINES non-empty lines (from `start` on), with, for each, how many
 * non-empty lines follow it and the first non-empty line after it (-1 when none): one pass back from the end.
 */
function readTail(kept: KeptLines, lines: LineIndex): { start: number; nonEmptyAfter: number[]; nextText: number[] } {
  const nonEmptyAfter: number[] = [];
  const nextText: number[] = [-1];
  let after = 0;
  let next = -1;
  let entry = kept.count - 1;
  for (; entry >= 0 && after <= MAX_SIGNATURE_LINES; entry--) {
    nonEmptyAfter.push(after);
    if (!isBlankEntry(kept, lines, entry)) {
      after++;
      next = entry;
    }
    nextText.push(next);
  }
  return { start: entry + 1, nonEmptyAfter: nonEmptyAfter.reverse(), nextText: nextText.reverse() };
}

/** After a dash sign-off there is nothing, or only a footer opened by a rule line. */
function isOnlyFooterAfter(kept: KeptLines, lines: LineIndex, nextTextEntry: number): boolean {
  return nextTextEntry === -1 || RULE_LINE.test(readEntry(kept, lines, nextTextEntry));
}
