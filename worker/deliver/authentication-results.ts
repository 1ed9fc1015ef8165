// The RFC 8601 Authentication-Results field mailgate adds when it hands the raw mail to the ERP.
// Only prepended: every stored byte follows unchanged (RFC 8601 5: a verifier adds its field at the top, like a
// Received field), so the ERP still sees the original exactly as it arrived, DKIM signatures intact.

const LF = 0x0a;
const CR = 0x0d;

/** The raw mail's own line break (CRLF on the wire; LF when stored from a Unix mailbox), so the result stays uniform. */
function lineBreakOf(raw: Uint8Array): string {
  const firstLf = raw.indexOf(LF);
  return firstLf > 0 && raw[firstLf - 1] === CR ? '\r\n' : firstLf === -1 ? '\r\n' : '\n';
}

/**
 * `value` is the field body of the verdict (authserv-id first). Its own folds are kept (RFC 5322 2.2.3: a line break
 * followed by white space), written with the mail's line break; a value that is empty yields the raw bytes as is.
 */
export function prependAuthenticationResults(raw: Uint8Array, value: string): Uint8Array {
  const body = value.trim();
  if (!body) return raw;
  const lineBreak = lineBreakOf(raw);
  const folded = body.replace(/\r?\n(?=[ \t])/g, lineBreak).replace(/\r?\n(?![ \t])/g, ' ');
  const field = new TextEncoder().encode(`Authentication-Results: ${folded}${lineBreak}`);
  const joined = new Uint8Array(field.length + raw.length);
  joined.set(field, 0);
  joined.set(raw, field.length);
  return joined;
}
