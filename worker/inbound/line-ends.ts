// Bare CR line ends made LF before parsing: postal-mime splits lines at LF only, and some MTAs (old Mac mail systems,
// AOL's bounces) end lines with CR alone, which would leave the whole message one header line.

const CR = 0x0d;
const LF = 0x0a;

/**
 * The same bytes with every CR that no LF follows turned into LF (RFC 5322 2.3 allows CR only as part of CRLF, so
 * nothing a sender meant is lost). Returns the input itself when it has no bare CR: the common case costs one scan.
 */
export function normalizeBareCarriageReturns(bytes: Uint8Array): Uint8Array {
  let index = bytes.indexOf(CR);
  while (index >= 0 && bytes[index + 1] === LF) index = bytes.indexOf(CR, index + 2);
  if (index < 0) return bytes;
  const normalized = bytes.slice();
  for (; index < normalized.length; index++) {
    if (normalized[index] === CR && normalized[index + 1] !== LF) normalized[index] = LF;
  }
  return normalized;
}
