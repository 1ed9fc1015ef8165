// Counts a message's MIME parts by their boundary delimiter lines, before any parser builds them.

/** RFC 2046 5.1.1: the boundary parameter of a multipart Content-Type, quoted or as a token. */
const BOUNDARY_PARAMETER = /boundary[ \t]*=[ \t]*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))/gi;
/** RFC 2046 5.1.1: a delimiter line is "--" and the boundary at the very start of a line. */
const DASH_LINE = /^--([^\r\n]*)/gm;
/** Transport padding: whitespace a delimiter line may carry after the boundary (RFC 2046 5.1.1). */
const TRAILING_PADDING = /[ \t]+$/;

/** Text is read a chunk of whole lines at a time, so that a 25 MiB message never becomes one 25 MiB string. */
const CHUNK_BYTES = 1024 * 1024;

/** The bytes as latin1 text, in chunks that end after a line feed (or at the end): a line is never cut. */
function* readLineChunks(bytes: Uint8Array): Generator<string> {
  const decoder = new TextDecoder('latin1');
  for (let start = 0; start < bytes.length; ) {
    let end = Math.min(bytes.length, start + CHUNK_BYTES);
    if (end < bytes.length) {
      const lineFeed = bytes.indexOf(0x0a, end - 1);
      end = lineFeed < 0 ? bytes.length : lineFeed + 1;
    }
    yield decoder.decode(bytes.subarray(start, end));
    start = end;
  }
}

/**
 * How many entities (the message itself and every part) the MIME structure has: one, plus one per opening delimiter
 * line of any boundary the message declares. Each part opens with such a line whatever headers it has or lacks, so
 * a bomb of 10,000 header-less parts is counted as such, in one linear pass and without parsing anything.
 */
export function countMimeParts(bytes: Uint8Array): number {
  const boundaries = new Set<string>();
  const dashLines: string[] = [];
  for (const text of readLineChunks(bytes)) {
    for (const match of text.matchAll(BOUNDARY_PARAMETER))
      boundaries.add((match[1] ?? match[2]!).replace(TRAILING_PADDING, ''));
    for (const match of text.matchAll(DASH_LINE)) dashLines.push(match[1]!.replace(TRAILING_PADDING, ''));
  }
  if (boundaries.size === 0) return 1;
  // A closing delimiter ("--boundary--") ends a multipart: it opens no part.
  return 1 + dashLines.filter((line) => boundaries.has(line)).length;
}
