// The decoded size of a part's body, counted over its encoded bytes without decoding them, as postal-mime decodes.
import type { MimeLeaf } from './mime-parts.ts';

const EQUALS = 0x3d;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

function isBase64Letter(byte: number): boolean {
  return (
    (byte >= 0x41 && byte <= 0x5a) ||
    (byte >= 0x61 && byte <= 0x7a) ||
    (byte >= 0x30 && byte <= 0x39) ||
    byte === 0x2b ||
    byte === 0x2f
  );
}

function isHexDigit(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);
}

/** Bytes a unit of `letters` base64 letters decodes to; a lone trailing letter carries no byte (RFC 4648 4). */
function base64UnitBytes(letters: number): number {
  const usable = letters % 4 === 1 ? letters - 1 : letters;
  const remainder = usable % 4;
  return Math.floor(usable / 4) * 3 + (remainder ? remainder - 1 : 0);
}

/** Base64 (RFC 2045 6.8): letters only count; every run of "=" ends a unit, decoded on its own. */
function countBase64Bytes(body: Uint8Array): number {
  let total = 0;
  let letters = 0;
  for (const byte of body) {
    if (isBase64Letter(byte)) letters++;
    else if (byte === EQUALS) {
      total += base64UnitBytes(letters);
      letters = 0;
    }
  }
  return total + base64UnitBytes(letters);
}

/** The body's lines, each without its line feed and trailing carriage returns (how postal-mime reads lines). */
function* readLines(body: Uint8Array): Generator<Uint8Array> {
  for (let start = 0; start < body.length; ) {
    const lineFeed = body.indexOf(LINE_FEED, start);
    let end = lineFeed < 0 ? body.length : lineFeed;
    while (end > start && body[end - 1] === CARRIAGE_RETURN) end--;
    yield body.subarray(start, end);
    start = lineFeed < 0 ? body.length : lineFeed + 1;
  }
}

/** Quoted-printable (RFC 2045 6.7): "=XX" is one byte, a final "=" joins the next line, other lines end in LF. */
function countQuotedPrintableBytes(body: Uint8Array): number {
  let total = 0;
  for (const line of readLines(body)) {
    const softBreak = line.length > 0 && line[line.length - 1] === EQUALS;
    const length = softBreak ? line.length - 1 : line.length;
    let escapes = 0;
    for (let at = line.indexOf(EQUALS); at >= 0 && at < length; at = line.indexOf(EQUALS, at + 1)) {
      if (at + 2 < length && isHexDigit(line[at + 1]!) && isHexDigit(line[at + 2]!)) {
        escapes++;
        at += 2;
      }
    }
    total += length - 2 * escapes + (softBreak ? 0 : 1);
  }
  return total;
}

/** 7bit, 8bit, binary and unknown encodings pass through: each line and a line feed. */
function countPassThroughBytes(body: Uint8Array): number {
  let total = 0;
  for (const line of readLines(body)) total += line.length + 1;
  return total;
}

/** How many bytes the leaf's body decodes to, by its transfer encoding. */
export function measureDecodedBody(raw: Uint8Array, leaf: MimeLeaf): number {
  const body = raw.subarray(leaf.bodyStart, leaf.end);
  if (leaf.transferEncoding.includes('base64')) return countBase64Bytes(body);
  if (leaf.transferEncoding.includes('quoted-printable')) return countQuotedPrintableBytes(body);
  return countPassThroughBytes(body);
}
