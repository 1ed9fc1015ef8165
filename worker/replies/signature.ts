// Removes the sender's signature from the end of the new text, where the evidence for one is strong.
import { DASH_SIGN_OFF, RULE_LINE, SIGNATURE_DELIMITER } from './patterns.ts';

/** A signature or footer longer than this is more likely text that happens to follow a separator. */
const MAX_SIGNATURE_LINES = 20;
/** A dash sign-off ("-Bob") counts only this close to the end (a footer may follow it). */
const MAX_LINES_AFTER_DASH_SIGN_OFF = 8;

/**
 * Cuts at the first strong signature mark: the RFC 3676 §4.3 sig-dash line ("-- "), a rule of underscores
 * that opens a mailing-list footer or disclaimer, or a one-line dash sign-off at the very end ("-Bob").
 * Friendly closings ("Thanks,\nAlex") are the sender's words and stay.
 */
export function removeSignature(lines: readonly string[]): string[] {
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] ?? '').replace(/\u00a0/g, ' ');
    const remaining = countNonEmpty(lines, index + 1);
    if (SIGNATURE_DELIMITER.test(line) && remaining <= MAX_SIGNATURE_LINES && hasTextBefore(lines, index)) {
      return lines.slice(0, index);
    }
    if (RULE_LINE.test(line) && remaining > 0 && remaining <= MAX_SIGNATURE_LINES && hasTextBefore(lines, index)) {
      return lines.slice(0, index);
    }
    if (
      DASH_SIGN_OFF.test(line.trim()) &&
      remaining <= MAX_LINES_AFTER_DASH_SIGN_OFF &&
      isOnlyFooterAfter(lines, index + 1) &&
      hasTextBefore(lines, index)
    ) {
      return lines.slice(0, index);
    }
  }
  return [...lines];
}

function countNonEmpty(lines: readonly string[], from: number): number {
  let count = 0;
  for (let index = from; index < lines.length; index++) if ((lines[index] ?? '').trim().length > 0) count++;
  return count;
}

/** A signature needs a message above it: a body that is only "-- \nBob" keeps its text. */
function hasTextBefore(lines: readonly string[], index: number): boolean {
  return lines.slice(0, index).some((line) => line.trim().length > 0);
}

/** After a dash sign-off there is nothing, or only a footer opened by a rule line. */
function isOnlyFooterAfter(lines: readonly string[], from: number): boolean {
  for (let index = from; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line.trim().length === 0) continue;
    return RULE_LINE.test(line);
  }
  return true;
}
