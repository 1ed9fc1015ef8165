// Finding RFC 3463 enhanced status codes and RFC 5321 reply codes in report fields and free diagnostic text.

/** `5.1.1`, `4.4.7`, `5.7.509` (RFC 3463 2: class.subject.detail, detail up to three digits). */
const ENHANCED_STATUS_PATTERN = /(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.]*\d)/;
/** A reply code as servers write it: at a line or clause start, before a space, dash or enhanced code. */
const REPLY_CODE_PATTERN =
  /(?:^|[\s:;(\[#"'>]|said:?\s)([245][0-5]\d)(?=[\s-](?!\d+\s*(?:bytes|kb|mb|seconds|minutes|hours|days))|$|\.\d)/;

/** The first enhanced status code in a text, or null. `5.00.00`-style zero padding is normalised away. */
export function findEnhancedStatus(text: string | null | undefined): string | null {
  if (!text) return null;
  const match = ENHANCED_STATUS_PATTERN.exec(text);
  if (!match) return null;
  return `${match[1]}.${Number(match[2])}.${Number(match[3])}`;
}

/** The first plausible SMTP reply code in a text, or null. */
export function findReplyCode(text: string | null | undefined): string | null {
  if (!text) return null;
  const match = REPLY_CODE_PATTERN.exec(text);
  return match ? match[1]! : null;
}

/** Sisimai's invented codes (x.0.9xx) carry no information of their own. */
export function isPseudoStatus(status: string): boolean {
  return /^[245]\.0\.9\d\d$/.test(status);
}

/**
 * Whether a failure is permanent: the status class rules (RFC 3463 3.1), else the reply code's first digit
 * (RFC 5321 4.2.1), else the caller's fallback (what the prose of the report said).
 */
export function decidePermanent(status: string | null, replyCode: string | null, fallback: boolean): boolean {
  if (status) return status.startsWith('5');
  if (replyCode) return replyCode.startsWith('5');
  return fallback;
}

/**
 * Picks the status to report. The code inside the remote server's own reply is firsthand, the Status field the
 * reporting MTA's reading of it: the server's code wins while both agree on the class (RFC 3463 3.1), since only the
 * reporting MTA decides whether it keeps retrying (Exim declares 5.0.0 after a 452 4.2.2 it stopped retrying).
 */
export function chooseStatus(fieldStatus: string | null, diagnosticStatus: string | null): string | null {
  if (!fieldStatus) return diagnosticStatus;
  if (!diagnosticStatus) return fieldStatus;
  const diagnosticIsGeneric = /^\d\.0\.0$/.test(diagnosticStatus);
  if (diagnosticStatus[0] === fieldStatus[0] && !diagnosticIsGeneric) return diagnosticStatus;
  return fieldStatus;
}
