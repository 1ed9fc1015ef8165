// A light MIME scanner tuned for delivery reports: headers, multipart splitting and text decoding, nothing more.
import { findHeader, type HeaderField } from '../inbound/header-fields.ts';

/** A report nests at most a few levels (report → message/rfc822 → multipart); deeper is abuse, not a bounce. */
const MAX_PART_DEPTH = 6;
/** Real reports have 2–4 parts; past this many the rest is attachments we never need. */
const MAX_PARTS_PER_MULTIPART = 64;
/** Headers of a report are short; a header block past this size is not worth unfolding in full. */
const MAX_HEADER_BLOCK_CHARS = 64 * 1024;

export type MimeEntity = {
  /** Header fields in order; names lower-cased, values unfolded and trimmed. */
  headers: HeaderField[];
  /** Lower-cased `type/subtype`; `text/plain` when absent (RFC 2045 5.2). */
  contentType: string;
  /** Content-Type parameters, names lower-cased. */
  params: Record<string, string>;
  /** The body as it stands in the message (transfer-encoded), LF line endings. */
  body: string;
  /** Child entities of a multipart; empty otherwise. */
  parts: MimeEntity[];
  /** True when `body` holds raw bytes as latin1 characters and 8-bit text still needs its charset applied. */
  binary: boolean;
};

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns raw message bytes into one string with LF line endings. Valid UTF-8 is decoded as such; anything else is
 * kept byte for byte (latin1) so that a part's own charset can be applied later.
 * CR, LF and CRLF endings all become LF, so every later step sees the same text.
 */
export function readRawText(raw: Uint8Array | string): { text: string; binary: boolean } {
  let text: string;
  let binary = false;
  if (typeof raw === 'string') {
    text = raw;
  } else {
    try {
      text = utf8Decoder.decode(raw);
    } catch {
      text = bytesToBinaryString(raw);
      binary = true;
    }
  }
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  return { text, binary };
}

function bytesToBinaryString(bytes: Uint8Array): string {
  const CHUNK = 8192;
  let out = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return out;
}

function binaryStringToBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}

/** Splits header block from body at the first empty line (RFC 5322 2.1). */
export function splitHeaderBlock(text: string): { headerBlock: string; body: string } {
  if (text.startsWith('\n')) return { headerBlock: '', body: text.slice(1) };
  const end = text.indexOf('\n\n');
  if (end < 0) return { headerBlock: text, body: '' };
  return { headerBlock: text.slice(0, end), body: text.slice(end + 2) };
}

/** Parses a header block into unfolded fields (RFC 5322 2.2.3). Lines that are no field are skipped. */
export function parseHeaderBlock(block: string): HeaderField[] {
  const source = block.length > MAX_HEADER_BLOCK_CHARS ? block.slice(0, MAX_HEADER_BLOCK_CHARS) : block;
  const fields: HeaderField[] = [];
  const lines = source.split('\n');
  let current: HeaderField | null = null;
  for (const line of lines) {
    const first = line.charCodeAt(0);
    if ((first === 32 || first === 9) && current) {
      current.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      current = null;
      continue;
    }
    const key = line.slice(0, colon).trim().toLowerCase();
    if (key.includes(' ')) {
      current = null;
      continue;
    }
    current = { key, value: line.slice(colon + 1).trim() };
    fields.push(current);
  }
  return fields;
}

/** Parses `type/subtype; a=b; c="d"` (RFC 2045 5.1). */
export function parseContentType(value: string | null): { type: string; params: Record<string, string> } {
  if (!value) return { type: 'text/plain', params: {} };
  // RFC 2045 5.1: type "/" subtype, then parameters; senders that forget the ";" before a folded parameter still
  // mean the type to end at the whitespace.
  const typeMatch = /^\s*([^\s;/]+\/[^\s;]+)/.exec(value);
  const semicolon = value.indexOf(';');
  const type =
    (typeMatch ? typeMatch[1]! : (semicolon < 0 ? value : value.slice(0, semicolon)).trim()).toLowerCase() ||
    'text/plain';
  const params: Record<string, string> = {};
  const paramStart = typeMatch ? typeMatch[0].length : semicolon + 1;
  if (semicolon >= 0 || (typeMatch && /=/.test(value.slice(paramStart)))) {
    const paramPattern = /([A-Za-z0-9*_.-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/g;
    const rest = value.slice(paramStart);
    for (let match = paramPattern.exec(rest); match; match = paramPattern.exec(rest)) {
      const name = match[1]!.toLowerCase();
      if (!(name in params)) params[name] = match[2] ?? match[3] ?? '';
    }
  }
  return { type, params };
}

/** Parses a whole message (or an embedded one) into its entity tree. */
export function parseEntity(text: string, binary: boolean, depth = 0): MimeEntity {
  // An mbox "From " separator line may precede the headers.
  const start = text.startsWith('From ') ? text.indexOf('\n') + 1 : 0;
  const { headerBlock, body } = splitHeaderBlock(start > 0 ? text.slice(start) : text);
  const headers = parseHeaderBlock(headerBlock);
  const { type, params } = parseContentType(findHeader(headers, 'content-type'));
  const entity: MimeEntity = { headers, contentType: type, params, body, parts: [], binary };
  if (type.startsWith('multipart/') && params.boundary && depth < MAX_PART_DEPTH) {
    entity.parts = splitMultipart(body, params.boundary).map((part) => parseEntity(part, binary, depth + 1));
  }
  return entity;
}

/** Splits a multipart body at its boundary delimiter lines (RFC 2046 5.1.1); tolerant of a missing close. */
export function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  let position = body.startsWith(delimiter) ? 0 : body.indexOf(`\n${delimiter}`);
  if (position < 0) return parts;
  if (position > 0) position += 1;
  while (position >= 0 && parts.length < MAX_PARTS_PER_MULTIPART) {
    const afterDelimiter = position + delimiter.length;
    if (body.startsWith('--', afterDelimiter)) break;
    const lineEnd = body.indexOf('\n', afterDelimiter);
    if (lineEnd < 0) break;
    const next = body.indexOf(`\n${delimiter}`, lineEnd);
    parts.push(body.slice(lineEnd + 1, next < 0 ? body.length : next));
    position = next < 0 ? -1 : next + 1;
  }
  return parts;
}

/** Every leaf entity in document order, message/rfc822 children included as leaves (not opened). */
export function listLeafParts(entity: MimeEntity): MimeEntity[] {
  if (entity.parts.length === 0) return [entity];
  const leaves: MimeEntity[] = [];
  for (const part of entity.parts) leaves.push(...listLeafParts(part));
  return leaves;
}

/** Decodes the body of a leaf part: transfer encoding (RFC 2045 6) then charset. */
export function decodeBody(entity: MimeEntity): string {
  const encoding = (findHeader(entity.headers, 'content-transfer-encoding') ?? '').toLowerCase();
  const charset = entity.params.charset;
  if (encoding === 'base64') {
    const bytes = decodeBase64(entity.body);
    return bytes ? decodeBytes(bytes, charset) : entity.body;
  }
  if (encoding === 'quoted-printable') {
    return decodeBytes(decodeQuotedPrintable(entity.body), charset);
  }
  return decodeEightBit(entity.body, entity.binary, charset);
}

function decodeEightBit(text: string, binary: boolean, charset: string | undefined): string {
  const wanted = (charset ?? '').toLowerCase();
  // ISO-2022-JP is 7-bit but still needs its decoder; other text only needs work when it holds raw bytes.
  if (wanted.startsWith('iso-2022')) return decodeBytes(binaryStringToBytes(text), charset);
  if (!binary || !/[\x80-\xff]/.test(text)) return text;
  return decodeBytes(binaryStringToBytes(text), charset ?? 'utf-8');
}

const decoderCache = new Map<string, TextDecoder | null>();

function findDecoder(charset: string | undefined): TextDecoder | null {
  const label = (charset ?? 'utf-8').trim().toLowerCase() || 'utf-8';
  let decoder = decoderCache.get(label);
  if (decoder === undefined) {
    try {
      decoder = new TextDecoder(label);
    } catch {
      decoder = null;
    }
    decoderCache.set(label, decoder);
  }
  return decoder;
}

/** Bytes to text in the given charset; unknown charsets degrade to latin1 rather than failing. */
export function decodeBytes(bytes: Uint8Array, charset: string | undefined): string {
  const decoder = findDecoder(charset) ?? findDecoder('utf-8');
  try {
    return decoder ? decoder.decode(bytes) : bytesToBinaryString(bytes);
  } catch {
    return bytesToBinaryString(bytes);
  }
}

export function decodeBase64(text: string): Uint8Array | null {
  const compact = text.replace(/[^A-Za-z0-9+/]/g, '');
  const usable = compact.slice(0, compact.length - (compact.length % 4));
  try {
    return binaryStringToBytes(atob(usable));
  } catch {
    return null;
  }
}

/** RFC 2045 6.7: `=XX` escapes and soft line breaks. */
export function decodeQuotedPrintable(text: string): Uint8Array {
  const unwrapped = text.replace(/=[ \t]*\n/g, '');
  const bytes = new Uint8Array(unwrapped.length);
  let length = 0;
  for (let i = 0; i < unwrapped.length; i++) {
    const code = unwrapped.charCodeAt(i);
    if (code === 61 && i + 2 < unwrapped.length + 0) {
      const hex = parseInt(unwrapped.slice(i + 1, i + 3), 16);
      if (!Number.isNaN(hex) && /^[0-9A-Fa-f]{2}$/.test(unwrapped.slice(i + 1, i + 3))) {
        bytes[length++] = hex;
        i += 2;
        continue;
      }
    }
    bytes[length++] = code & 0xff;
  }
  return bytes.subarray(0, length);
}

/** Decodes RFC 2047 encoded-words in a header value (`=?utf-8?B?…?=`). */
export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return value;
  return value
    .replace(/(=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g, (_, charset: string, encoding: string, data: string) => {
      const cleanCharset = charset.replace(/\*.*$/, '');
      if (encoding.toUpperCase() === 'B') {
        const bytes = decodeBase64(data);
        return bytes ? decodeBytes(bytes, cleanCharset) : data;
      }
      return decodeBytes(decodeQuotedPrintable(data.replace(/_/g, ' ')), cleanCharset);
    });
}
