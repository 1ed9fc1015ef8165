// Counts a message's MIME parts by their boundary delimiter lines, before any parser builds them.

/** RFC 2046 5.1.1: the boundary parameter of a multipart Content-Type, quoted or as a token. */
const BOUNDARY_PARAMETER = /boundary[ \t]*=[ \t]*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))/gi;
/** RFC 2046 5.1.1: a delimiter line is "--" and the boundary at the very start of a line. */
const DASH_LINE = /^--([^\r\n]*)/gm;
/** Transport padding: whitespace a delimiter line may carry after the boundary (RFC 2046 5.1.1). */
const TRAILING_PADDING = /[ \t]+$/;

/**
 * How many entities (the message itself and every part) the MIME structure has: one, plus one per opening delimiter
 * line of any boundary the message declares. Each part opens with such a line whatever headers it has or lacks, so
 * a bomb of 10,000 header-less parts is counted as such, in one linear pass and without parsing anything.
 */
export function countMimeParts(bytes: Uint8Array): number {
  const text = new TextDecoder('latin1').decode(bytes);
  const boundaries = new Set<string>();
  for (const match of text.matchAll(BOUNDARY_PARAMETER)) boundaries.add((match[1] ?? match[2]!).replace(TRAILING_PADDING, ''));
  if (boundaries.size === 0) return 1;
  let parts = 1;
  for (const match of text.matchAll(DASH_LINE)) {
    // A closing delimiter ("--boundary--") ends a multipart: it opens no part.
    if (boundaries.has(match[1]!.replace(TRAILING_PADDING, ''))) parts++;
  }
  return parts;
}
