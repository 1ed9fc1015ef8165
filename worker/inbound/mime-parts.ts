// Scans a message's MIME structure by its boundary delimiter lines, before any parser builds it: the part count,
// and the byte range of every large leaf part (what the parse stage may keep out of postal-mime).
import { MAX_MIME_PARTS } from './limits.ts';

/** RFC 2046 5.1.1: the boundary parameter of a multipart Content-Type, quoted or as a token. */
const BOUNDARY_PARAMETER = /boundary[ \t]*=[ \t]*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))/gi;
/** RFC 2046 5.1.1: a delimiter line is "--" and the boundary at the very start of a line. */
const DASH_LINE = /^--([^\r\n]*)/gm;
/** Transport padding: whitespace a delimiter line may carry after the boundary (RFC 2046 5.1.1). */
const TRAILING_PADDING = /[ \t]+$/;
/** A part's header section ends at its first empty line (RFC 5322 2.1); a line of bare CRs reads as empty too. */
const HEADER_SECTION_END = /(?:^|\n)\r*\n/;
/** How much of a part is searched for the end of its header section: far above real part headers. */
const MAX_PART_HEADER_BYTES = 64 * 1024;

/** Text is read a chunk of whole lines at a time: small strings, collected young, never one 25 MiB string. */
const CHUNK_BYTES = 64 * 1024;

/** The bytes as latin1 text (one character per byte), in chunks that end after a line feed: a line is never cut. */
function* readLineChunks(bytes: Uint8Array): Generator<{ text: string; offset: number }> {
  const decoder = new TextDecoder('latin1');
  for (let start = 0; start < bytes.length; ) {
    let end = Math.min(bytes.length, start + CHUNK_BYTES);
    if (end < bytes.length) {
      const lineFeed = bytes.indexOf(0x0a, end - 1);
      end = lineFeed < 0 ? bytes.length : lineFeed + 1;
    }
    yield { text: decoder.decode(bytes.subarray(start, end)), offset: start };
    start = end;
  }
}

/** A leaf part as the raw bytes hold it: its header section and its body, by byte offsets. */
export type MimeLeaf = {
  /** Offset of the part's first header line. */
  start: number;
  /** Offset of the body's first byte (after the empty line that ends the headers). */
  bodyStart: number;
  /** Offset where the body ends: the next delimiter line, or the end of the message. */
  end: number;
  /** The media type, lower-cased (RFC 2045 5.1), from the first Content-Type field. */
  mediaType: string;
  /** The disposition type, lower-cased (RFC 2183), or null without a Content-Disposition field. */
  disposition: string | null;
  /** The transfer encoding, lower-cased (RFC 2045 6.1); '' without the field (7bit). */
  transferEncoding: string;
  /**
   * Whether a line of the body may be a delimiter a parser reads: false only for the body of a message whose header
   * section names no boundary at all (no multipart is open, so no line of it can close or open a part).
   */
  mayHoldDelimiters: boolean;
};

export type MimeStructure = {
  /** Entities: the message itself and every part (one per opening delimiter line of a declared boundary). */
  partCount: number;
  /** Leaf parts whose body is at least the asked size, in the order they appear. */
  largeLeaves: MimeLeaf[];
};

type Delimiter = { start: number; end: number; closing: boolean };
/** Within the part limit a message has at most one opening and one closing delimiter line per part. */
const MAX_RECORDED_DELIMITERS = 2 * (MAX_MIME_PARTS + 1);

/** The value of a header field (folded lines joined), the first one when it repeats, as RFC 2045 parsers read it. */
function readField(headerSection: string, name: string): string | null {
  const match = new RegExp(`^${name}[ \\t]*:([^\\n]*(?:\\n[ \\t][^\\n]*)*)`, 'im').exec(headerSection);
  return match ? match[1]!.replace(/\r?\n/g, '') : null;
}

/** The first token of a structured field's value, lower-cased, comments (RFC 5322 3.2.2) left out. */
function readFirstToken(value: string | null): string | null {
  if (value === null) return null;
  const token = /^[ \t]*([^\s;]+)/.exec(value.replace(/\([^()]*\)/g, ' '));
  return token ? token[1]!.toLowerCase() : null;
}

/**
 * The leaf part between `start` and `end`, when its header section can be read and says what it is; `isMessage`
 * for the message itself, whose type defaults to text/plain (RFC 2045 5.2). A part without a Content-Type is not
 * read: its default depends on the enclosing multipart (RFC 2046 5.1.5).
 */
function readLeaf(bytes: Uint8Array, start: number, end: number, isMessage: boolean): MimeLeaf | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(start, Math.min(end, start + MAX_PART_HEADER_BYTES)));
  const headerEnd = HEADER_SECTION_END.exec(head);
  if (!headerEnd || headerEnd.index === 0) return null;
  const headerSection = head.slice(0, headerEnd.index + 1);
  const mediaType = readFirstToken(readField(headerSection, 'content-type')) ?? (isMessage ? 'text/plain' : null);
  if (!mediaType || mediaType.startsWith('multipart/')) return null;
  return {
    start,
    bodyStart: start + headerEnd.index + headerEnd[0].length,
    end,
    mediaType,
    disposition: readFirstToken(readField(headerSection, 'content-disposition')),
    transferEncoding: readFirstToken(readField(headerSection, 'content-transfer-encoding')) ?? '',
    mayHoldDelimiters: !isMessage || /boundary/i.test(headerSection),
  };
}

/** The delimiter lines of every declared boundary, each counted once it has been declared (as a parser meets them). */
function findDelimiters(bytes: Uint8Array): { opening: number; delimiters: Delimiter[] } {
  const boundaries = new Set<string>();
  const delimiters: Delimiter[] = [];
  let opening = 0;
  for (const { text, offset } of readLineChunks(bytes)) {
    for (const match of text.matchAll(BOUNDARY_PARAMETER))
      boundaries.add((match[1] ?? match[2]!).replace(TRAILING_PADDING, ''));
    if (boundaries.size === 0) continue;
    for (const match of text.matchAll(DASH_LINE)) {
      const line = match[1]!.replace(TRAILING_PADDING, '');
      // A closing delimiter ("--boundary--") ends a multipart: it opens no part.
      const closing = !boundaries.has(line) && line.endsWith('--') && boundaries.has(line.slice(0, -2));
      if (!closing && !boundaries.has(line)) continue;
      if (!closing) opening++;
      // Past the part limit the message is refused unparsed: only the count still matters, not the offsets.
      if (delimiters.length >= MAX_RECORDED_DELIMITERS) continue;
      const lineEnd = text.indexOf('\n', match.index);
      delimiters.push({
        start: offset + match.index,
        end: offset + (lineEnd < 0 ? text.length : lineEnd + 1),
        closing,
      });
    }
  }
  return { opening, delimiters };
}

/**
 * How many entities (the message itself and every part) the MIME structure has, and where its large leaf parts
 * lie. Each part opens with a delimiter line whatever headers it has or lacks, so a bomb of 10,000 header-less parts
 * is counted as such, in one linear pass and without parsing anything. A leaf is the bytes between a delimiter line
 * (or the start of the message) and the next one; what follows a closing delimiter is an epilogue, never a leaf.
 */
export function scanMimeStructure(bytes: Uint8Array, options: { minBodyBytes: number }): MimeStructure {
  const { opening, delimiters } = findDelimiters(bytes);
  const largeLeaves: MimeLeaf[] = [];
  // Leaves only from a complete list of delimiter lines: a missing one would join two parts into one leaf.
  if (opening <= MAX_MIME_PARTS && delimiters.length < MAX_RECORDED_DELIMITERS) {
    const starts = [{ offset: 0, afterClosing: false }].concat(
      delimiters.map((delimiter) => ({ offset: delimiter.end, afterClosing: delimiter.closing })),
    );
    for (const [index, { offset, afterClosing }] of starts.entries()) {
      const end = delimiters[index]?.start ?? bytes.length;
      if (afterClosing || end - offset < options.minBodyBytes) continue;
      const leaf = readLeaf(bytes, offset, end, index === 0);
      if (leaf && leaf.end - leaf.bodyStart >= options.minBodyBytes) largeLeaves.push(leaf);
    }
  }
  return { partCount: 1 + opening, largeLeaves };
}

/** How many entities (the message itself and every part) the MIME structure has: see scanMimeStructure. */
export function countMimeParts(bytes: Uint8Array): number {
  return findDelimiters(bytes).opening + 1;
}
