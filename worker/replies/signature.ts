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
  const { after: nonEmptyAfter, next: nextText } = indexNonEmptyLines(lines);
  const firstText = nextText[0] ?? -1;
  // A signature needs a message above it: a body that is only "-- \nBob" keeps its text.
  for (let index = firstText + 1; firstText !== -1 && index < lines.length; index++) {
    const raw = lines[index] ?? '';
    // Every mark starts with a dash, an underscore or an equals sign: other lines need no pattern test.
    if (!/^[\s\u00a0]*[-_=]/.test(raw)) continue;
    const line = raw.replace(/\u00a0/g, ' ');
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

/**
 * For each line, how many non-empty lines follow it (`after`), and for each position the index of the first
 * non-empty line at or after it (`next`, -1 when none): one pass from the end.
 */
function indexNonEmptyLines(lines: readonly string[]): { after: Int32Array; next: Int32Array } {
  const after = new Int32Array(lines.length);
  const next = new Int32Array(lines.length + 1).fill(-1);
  let count = 0;
  for (let index = lines.length - 1; index >= 0; index--) {
    after[index] = count;
    const hasText = (lines[index] ?? '').trim().length > 0;
    next[index] = hasText ? index : (next[index + 1] ?? -1);
    if (hasText) count++;
  }
  return { after, next };
}

/** After a dash sign-off there is nothing, or only a footer opened by a rule line. */
function isOnlyFooterAfter(lines: readonly string[], nextTextIndex: number): boolean {
  return nextTextIndex === -1 || RULE_LINE.test(lines[nextTextIndex] ?? '');
}
