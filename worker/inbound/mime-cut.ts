// What reaches postal-mime: the message with its large leaf parts cut out (attachments) or cut short (inline text),
// each replaced by a marker line, and the markers found again in postal-mime's result.
import type { Email } from 'postal-mime';
import { encodeHex } from '../../shared/crypto/digest.ts';
import { MAX_WORKING_HTML_CHARS, MAX_WORKING_TEXT_CHARS } from './limits.ts';
import type { MimeLeaf } from './mime-parts.ts';

/**
 * A leaf part with a body this large is kept out of postal-mime (which holds a part's raw lines, their decoded
 * chunks, a Blob and the final buffer at once): an attachment is decoded from its byte range when it is stored or
 * served, instead of with everything else.
 */
export const MIN_CUT_BODY_BYTES = 256 * 1024;
/**
 * The most encoded bytes one decoded byte takes (RFC 2045 6): base64 4 per 3, quoted-printable 3 (`=XX`), the
 * identity encodings 1.
 */
function measureEncodingExpansion(leaf: MimeLeaf): number {
  if (leaf.transferEncoding.includes('base64')) return 4 / 3;
  if (leaf.transferEncoding.includes('quoted-printable')) return 3;
  return 1;
}

/**
 * How much of its encoded bytes an inline text or HTML body keeps: at least the working limit's bytes once decoded
 * whatever the transfer encoding (a decoded byte is never less than a stored one: D1's caps count the bytes of the
 * JSON), plus room for the soft line breaks of quoted-printable and base64's lines. Decoding more would only be cut
 * away again (a megabyte of text costs postal-mime about 10 µs per line).
 */
function measureTextHead(leaf: MimeLeaf): number {
  const maxChars = leaf.mediaType === 'text/html' ? MAX_WORKING_HTML_CHARS : MAX_WORKING_TEXT_CHARS;
  return Math.ceil(maxChars * measureEncodingExpansion(leaf)) + 16 * 1024;
}

/** Parts that reach postal-mime whole: the evidence of reports (RFC 3464, RFC 6522, RFC 5965) and calendar data. */
const NEVER_CUT = /^(?:message\/|text\/rfc822-headers$|text\/calendar$|application\/ics$)/;

export type CutPart = {
  leaf: MimeLeaf;
  /** `attachment`: the whole body was cut out; `text`: the body was cut short after its head. */
  kind: 'attachment' | 'text';
  marker: string;
};

export type ReducedMessage = { bytes: Uint8Array<ArrayBuffer>; cuts: CutPart[]; markerPrefix: string };

/** Inline text postal-mime renders into the body (its rule: text/plain or text/html not marked as an attachment). */
function isInlineText(leaf: MimeLeaf): boolean {
  return (leaf.mediaType === 'text/plain' || leaf.mediaType === 'text/html') && leaf.disposition !== 'attachment';
}

/**
 * Whether a line between `from` and `to` starts with "--": such a line may be a delimiter of a boundary the scanner
 * did not see (a parser can read a boundary parameter the scan's pattern does not), so that body is never cut.
 */
function holdsDashLine(bytes: Uint8Array, from: number, to: number): boolean {
  const body = bytes.subarray(from, to);
  for (let dash = body.indexOf(0x2d); dash >= 0; dash = body.indexOf(0x2d, dash + 1)) {
    if (body[dash + 1] === 0x2d && (dash === 0 || body[dash - 1] === 0x0a)) return true;
  }
  return false;
}

/**
 * The marker as the part's transfer encoding carries it, on a line of its own: the whole body of a cut attachment,
 * or the line after a text's head (for base64 after a "=", which ends a unit: postal-mime decodes units apart, so
 * the marker decodes whole after an unaligned head).
 */
function encodeMarker(marker: string, leaf: MimeLeaf, kind: CutPart['kind']): string {
  const base64 = leaf.transferEncoding.includes('base64');
  const line = `${base64 ? btoa(marker) : marker}\r\n`;
  if (kind === 'attachment') return line;
  return base64 ? `=\r\n${line}` : `\r\n${line}`;
}

/** Where the cut-short body of `leaf` ends: after the last whole line of its head. */
function findTextHeadEnd(bytes: Uint8Array, leaf: MimeLeaf): number | null {
  const headBytes = measureTextHead(leaf);
  if (leaf.end - leaf.bodyStart <= headBytes) return null;
  const lastLineFeed = bytes.lastIndexOf(0x0a, leaf.bodyStart + headBytes - 1);
  return lastLineFeed < leaf.bodyStart ? null : lastLineFeed + 1;
}

/**
 * The message postal-mime is given: every large attachment's body replaced by a marker, every large inline text
 * body cut to its head followed by a marker. Null when nothing is cut (the raw bytes go to postal-mime as they are).
 * The markers carry a random nonce, so no sender can write one.
 */
export function reduceMessage(raw: Uint8Array, leaves: MimeLeaf[]): ReducedMessage | null {
  const markerPrefix = `mailgate-cut-${encodeHex(crypto.getRandomValues(new Uint8Array(8)))}-`;
  const encoder = new TextEncoder();
  const pieces: Uint8Array[] = [];
  const cuts: CutPart[] = [];
  let copiedUpTo = 0;
  for (const leaf of leaves) {
    if (NEVER_CUT.test(leaf.mediaType)) continue;
    const kind = isInlineText(leaf) ? 'text' : 'attachment';
    const keptEnd = kind === 'text' ? findTextHeadEnd(raw, leaf) : leaf.bodyStart;
    if (keptEnd === null || (leaf.mayHoldDelimiters && holdsDashLine(raw, keptEnd, leaf.end))) continue;
    const marker = `${markerPrefix}${cuts.length}`;
    pieces.push(raw.subarray(copiedUpTo, keptEnd), encoder.encode(encodeMarker(marker, leaf, kind)));
    copiedUpTo = leaf.end;
    cuts.push({ leaf, kind, marker });
  }
  if (cuts.length === 0) return null;
  pieces.push(raw.subarray(copiedUpTo));
  const bytes = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.byteLength, 0));
  let offset = 0;
  for (const piece of pieces) {
    bytes.set(piece, offset);
    offset += piece.byteLength;
  }
  return { bytes, cuts, markerPrefix };
}

/** Whether `haystack` holds the bytes of `needle` anywhere. */
function includesBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  for (let at = haystack.indexOf(needle[0]!); at >= 0; at = haystack.indexOf(needle[0]!, at + 1)) {
    if (at + needle.length > haystack.length) return false;
    let same = true;
    for (let i = 1; i < needle.length && same; i++) same = haystack[at + i] === needle[i];
    if (same) return true;
  }
  return false;
}

/** The marker an attachment's content consists of (as postal-mime decodes it: maybe with a line feed), or null. */
function readMarker(content: Uint8Array, markerPrefix: string): string | null {
  if (content.byteLength > markerPrefix.length + 16) return null;
  const text = new TextDecoder('latin1').decode(content).replace(/\r?\n$/, '');
  return text.startsWith(markerPrefix) ? text : null;
}

/** A body cut before the first marker, at the last line break before it: what precedes is the body's exact start. */
function cutBeforeMarker(body: string | undefined, markerPrefix: string): string | undefined {
  const at = body?.indexOf(markerPrefix) ?? -1;
  if (body === undefined || at < 0) return body;
  const lineBreak = body.lastIndexOf('\n', at);
  return body.slice(0, lineBreak < 0 ? at : lineBreak);
}

export type RestoredCuts = {
  text: string | undefined;
  html: string | undefined;
  /** For each of postal-mime's attachments, the leaf it was cut from, or null for an attachment decoded whole. */
  cutLeaves: (MimeLeaf | null)[];
};

/**
 * Finds every marker in postal-mime's result of a reduced message: each cut attachment must come back as exactly
 * one attachment holding its marker, each cut-short text in the text or HTML body, and no other attachment may hold
 * a marker (a cut part inside an attached message would change its bytes). Null when the result does not add up:
 * the caller then parses the whole message.
 */
export function restoreCuts(email: Email, reduced: ReducedMessage): RestoredCuts | null {
  const byMarker = new Map(reduced.cuts.map((cut) => [cut.marker, cut]));
  const found = new Set<string>();
  const prefixBytes = new TextEncoder().encode(reduced.markerPrefix);
  const cutLeaves: (MimeLeaf | null)[] = [];
  for (const attachment of email.attachments) {
    const content = attachment.content;
    if (typeof content === 'string') return null;
    const bytes = content instanceof Uint8Array ? content : new Uint8Array(content);
    const marker = readMarker(bytes, reduced.markerPrefix);
    const cut = marker === null ? undefined : byMarker.get(marker);
    if (cut?.kind === 'attachment' && !found.has(cut.marker)) {
      found.add(cut.marker);
      cutLeaves.push(cut.leaf);
    } else if (cut || includesBytes(bytes, prefixBytes)) {
      return null;
    } else {
      cutLeaves.push(null);
    }
  }
  for (const cut of reduced.cuts) {
    if (cut.kind === 'attachment' && !found.has(cut.marker)) return null;
    if (cut.kind === 'text' && !email.text?.includes(cut.marker) && !email.html?.includes(cut.marker)) return null;
  }
  return {
    text: cutBeforeMarker(email.text, reduced.markerPrefix),
    html: cutBeforeMarker(email.html, reduced.markerPrefix),
    cutLeaves,
  };
}
