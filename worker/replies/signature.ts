// Removes the sender's signature from the end of the new text, where the evidence for one is strong.
import { DASH_SIGN_OFF, type ReplyPatterns, RULE_LINE, SIGNATURE_DELIMITER } from './patterns.ts';

/** A signature or footer longer than this is more likely text that happens to follow a separator. */
const MAX_SIGNATURE_LINES = 20;
/** A dash sign-off ("-Bob") counts only this close to the end (a footer may follow it). */
const MAX_LINES_AFTER_DASH_SIGN_OFF = 8;

/**
 * Cuts at the first strong signature mark: the RFC 3676 §4.3 sig-dash line ("-- "), a rule of underscores
 * that opens a mailing-list footer or disclaimer, or a one-line dash sign-off at the very end ("-Bob").
 * Friendly closings ("Thanks,\nAlex") are the sender's words and stay. Linear: the counts of non-empty lines
 * after each line are computed once, from the end.
 */
export function removeSignature(lines: readonly string[], patterns: ReplyPatterns): string[] {
  const nonEmptyAfter = countNonEmptyAfter(lines);
  const firstText = lines.findIndex((line) => line.trim().length > 0);
  const nextText = indexNextNonEmpty(lines);
  for (let index = 0; index < lines.length; index++) {
    // A signature needs a message above it: a body that is only "-- \nBob" keeps its text.
    if (firstText === -1 || index <= firstText) continue;
    const line = (lines[index] ?? '').replace(/\u00a0/g, ' ');
    const remaining = nonEmptyAfter[index] ?? 0;
    if (patterns.uses('sigDash') && SIGNATURE_DELIMITER.test(line) && remaining <= MAX_SIGNATURE_LINES) {
      return lines.slice(0, index);
    }
    if (patterns.uses('listFooterRule') && RULE_LINE.test(line) && remaining > 0 && remaining <= MAX_SIGNATURE_LINES) {
      return lines.slice(0, index);
    }
    if (
      patterns.uses('dashSignOff') &&
      remaining <= MAX_LINES_AFTER_DASH_SIGN_OFF &&
      DASH_SIGN_OFF.test(line.trim()) &&
      isOnlyFooterAfter(lines, nextText[index + 1] ?? -1)
    ) {
      return lines.slice(0, index);
    }
  }
  return [...lines];
}

/** For each line, how many non-empty lines follow it. */
function countNonEmptyAfter(lines: readonly string[]): number[] {
  const counts = new Array<number>(lines.length).fill(0);
  let count = 0;
  for (let index = lines.length - 1; index >= 0; index--) {
    counts[index] = count;
    if ((lines[index] ?? '').trim().length > 0) count++;
  }
  return counts;
}

/** For each position, the index of the first non-empty line at or after it (-1 when none). */
function indexNextNonEmpty(lines: readonly string[]): number[] {
  const next = new Array<number>(lines.length + 1).fill(-1);
  for (let index = lines.length - 1; index >= 0; index--) {
    next[index] = (lines[index] ?? '').trim().length > 0 ? index : (next[index + 1] ?? -1);
  }
  return next;
}

/** After a dash sign-off there is nothing, or only a footer opened by a rule line. */
function isOnlyFooterAfter(lines: readonly string[], nextTextIndex: number): boolean {
  return nextTextIndex === -1 || RULE_LINE.test(lines[nextTextIndex] ?? '');
}
