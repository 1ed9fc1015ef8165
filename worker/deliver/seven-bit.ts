// Makes a message 7-bit without changing what it means (RFC 2045 6, RFC 2046 5.1): every leaf part whose body holds
// 8-bit bytes under 7bit/8bit/binary (or no) Content-Transfer-Encoding is re-encoded — text as quoted-printable, or
// base64 when most of it is 8-bit, everything else as base64 — with its charset untouched, so that a reader decodes
// the same text and the same bytes. Only those parts' Content-Transfer-Encoding field changes; multipart structure,
// boundaries, every other header field and the parts already encoded stay byte for byte. message/rfc822 parts
// cannot be encoded themselves (RFC 2045 6.4): their own parts are, and the part becomes 7bit.
// One pass over the bytes per nesting level; never more than the message's size in memory twice.

export type SevenBitResult = { bytes: Uint8Array; reencodedParts: number };

const LF = 0x0a;
const CR = 0x0d;
/** RFC 2046 5.1.1 delimiters are looked for at line starts only; the nesting a mailer writes stays far below this. */
const MAX_DEPTH = 32;

const latin1 = new TextDecoder('latin1');
const ascii = new TextEncoder();

function hasEightBit(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte > 0x7f) return true;
  return false;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** Where the header section ends: the empty line (CRLF CRLF or LF LF), or -1 for an entity with no body. */
function findBodyStart(bytes: Uint8Array): { headerEnd: number; bodyStart: number; newline: string } | null {
  if (bytes[0] === LF) return { headerEnd: 0, bodyStart: 1, newline: '\n' };
  if (bytes[0] === CR && bytes[1] === LF) return { headerEnd: 0, bodyStart: 2, newline: '\r\n' };
  for (let i = 0; i < bytes.length - 1; i += 1) {
    if (bytes[i] !== LF) continue;
    if (bytes[i + 1] === LF) return { headerEnd: i + 1, bodyStart: i + 2, newline: '\n' };
    if (bytes[i + 1] === CR && bytes[i + 2] === LF)
      return { headerEnd: i + 1, bodyStart: i + 3, newline: i > 0 && bytes[i - 1] === CR ? '\r\n' : '\n' };
  }
  return null;
}

type Field = { name: string; value: string; start: number; end: number };

/** The header fields with their byte ranges (a field runs to the end of its last continuation line). */
function readFields(header: Uint8Array): Field[] {
  const text = latin1.decode(header);
  const fields: Field[] = [];
  const lineStart = /(^|\n)(?![ \t])([^:\r\n]+):/g;
  const starts: { index: number; name: string; valueStart: number }[] = [];
  for (let match = lineStart.exec(text); match; match = lineStart.exec(text)) {
    const index = match.index + match[1]!.length;
    starts.push({ index, name: match[2]!.trim().toLowerCase(), valueStart: index + match[2]!.length + 1 });
  }
  starts.forEach((start, position) => {
    const end = position + 1 < starts.length ? starts[position + 1]!.index : text.length;
    fields.push({
      name: start.name,
      value: text
        .slice(start.valueStart, end)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim(),
      start: start.index,
      end,
    });
  });
  return fields;
}

function readParameter(value: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, 'i').exec(value);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

/** RFC 2045 6.8, in lines of 76 characters. */
function encodeBase64Lines(bytes: Uint8Array, newline: string): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const encoded = btoa(binary);
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += 76) lines.push(encoded.slice(i, i + 76));
  return lines.join(newline) + (lines.length > 0 ? newline : '');
}

/**
 * RFC 2045 6.7: line breaks (CRLF or LF) stay hard breaks; a bare CR, '=', 8-bit and control bytes and a space or tab
 * ending a line are written =XX; soft breaks keep every line within 76 characters.
 */
function encodeQuotedPrintable(bytes: Uint8Array, newline: string): string {
  const out: string[] = [];
  let line = '';
  const push = (token: string) => {
    if (line.length + token.length > 75) {
      out.push(`${line}=${newline}`);
      line = '';
    }
    line += token;
  };
  const hex = (byte: number) => `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i]!;
    if (byte === LF || (byte === CR && bytes[i + 1] === LF)) {
      if (byte === CR) i += 1;
      out.push(line + newline);
      line = '';
      continue;
    }
    const atLineEnd = i + 1 === bytes.length || bytes[i + 1] === LF || (bytes[i + 1] === CR && bytes[i + 2] === LF);
    const literal = (byte >= 33 && byte <= 126 && byte !== 0x3d) || ((byte === 0x20 || byte === 0x09) && !atLineEnd);
    push(literal ? String.fromCharCode(byte) : hex(byte));
  }
  if (line) out.push(line);
  return out.join('');
}

/** Replaces (or adds) the Content-Transfer-Encoding field of a header section. */
function setTransferEncoding(header: Uint8Array, fields: Field[], encoding: string, newline: string): Uint8Array {
  const line = ascii.encode(`Content-Transfer-Encoding: ${encoding}${newline}`);
  const existing = fields.find((field) => field.name === 'content-transfer-encoding');
  if (existing) return concat([header.subarray(0, existing.start), line, header.subarray(existing.end)]);
  return concat([header, line]);
}

/** The body parts of a multipart body, each with the delimiter line before it; the rest (epilogue) after the last. */
function splitMultipart(
  body: Uint8Array,
  boundary: string,
): { preamble: Uint8Array; parts: { delimiter: Uint8Array; content: Uint8Array }[]; closing: Uint8Array } | null {
  const text = latin1.decode(body);
  const delimiter = `--${boundary}`;
  const lines: { start: number; end: number; closing: boolean }[] = [];
  for (let start = 0; start < text.length; ) {
    const lf = text.indexOf('\n', start);
    const end = lf < 0 ? text.length : lf + 1;
    const content = text
      .slice(start, end)
      .replace(/\r?\n$/, '')
      .replace(/[ \t]+$/, '');
    if (content === delimiter || content === `${delimiter}--`)
      lines.push({ start, end, closing: content.endsWith('--') && content !== delimiter });
    start = end;
  }
  // What follows the first closing delimiter is the epilogue, whatever it looks like.
  const firstClosing = lines.findIndex((line) => line.closing);
  const used = firstClosing >= 0 ? lines.slice(0, firstClosing + 1) : lines;
  if (used.length === 0 || used[0]!.closing) return null;
  // RFC 2046 5.1.1: the line break before a delimiter belongs to the delimiter, not to the part before it.
  const contentEnd = (lineStart: number) =>
    text[lineStart - 1] === '\n' ? (text[lineStart - 2] === '\r' ? lineStart - 2 : lineStart - 1) : lineStart;
  const parts: { delimiter: Uint8Array; content: Uint8Array }[] = [];
  used.forEach((line, index) => {
    if (line.closing) return;
    const next = used[index + 1];
    const stop = next ? contentEnd(next.start) : body.length;
    parts.push({
      delimiter: body.subarray(contentEnd(line.start), line.end),
      content: body.subarray(line.end, Math.max(line.end, stop)),
    });
  });
  const last = used[used.length - 1]!;
  const closing = last.closing ? body.subarray(contentEnd(last.start)) : new Uint8Array(0);
  return { preamble: body.subarray(0, contentEnd(used[0]!.start)), parts, closing };
}

function convertEntity(bytes: Uint8Array, depth: number, counter: { parts: number }): Uint8Array {
  const split = findBodyStart(bytes);
  if (!split || depth > MAX_DEPTH) return bytes;
  const header = bytes.subarray(0, split.bodyStart);
  const body = bytes.subarray(split.bodyStart);
  const fields = readFields(bytes.subarray(0, split.headerEnd));
  const contentType = fields.find((field) => field.name === 'content-type')?.value ?? 'text/plain';
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  const encoding = (fields.find((field) => field.name === 'content-transfer-encoding')?.value ?? '7bit').toLowerCase();
  const identity = encoding === '7bit' || encoding === '8bit' || encoding === 'binary';
  if (!identity || !hasEightBit(body)) return bytes;
  if (mediaType.startsWith('multipart/')) {
    const boundary = readParameter(contentType, 'boundary');
    const multipart = boundary ? splitMultipart(body, boundary) : null;
    if (!multipart) return bytes;
    const chunks: Uint8Array[] = [header, multipart.preamble];
    for (const part of multipart.parts) chunks.push(part.delimiter, convertEntity(part.content, depth + 1, counter));
    chunks.push(multipart.closing);
    return concat(chunks);
  }
  if (mediaType === 'message/rfc822' || mediaType === 'message/global') {
    const inner = convertEntity(body, depth + 1, counter);
    return hasEightBit(inner)
      ? concat([header, inner])
      : concat([
          setTransferEncoding(header.subarray(0, split.headerEnd), fields, '7bit', split.newline),
          header.subarray(split.headerEnd),
          inner,
        ]);
  }
  counter.parts += 1;
  const eightBit = body.reduce((count, byte) => count + (byte > 0x7f ? 1 : 0), 0);
  // Text stays readable as quoted-printable unless most bytes would become three characters each.
  const quoted = mediaType.startsWith('text/') && eightBit * 3 < body.length;
  const encoded = quoted ? encodeQuotedPrintable(body, split.newline) : encodeBase64Lines(body, split.newline);
  const newHeader = setTransferEncoding(
    header.subarray(0, split.headerEnd),
    fields,
    quoted ? 'quoted-printable' : 'base64',
    split.newline,
  );
  return concat([newHeader, header.subarray(split.headerEnd), ascii.encode(encoded)]);
}

export function convertToSevenBit(raw: Uint8Array): SevenBitResult {
  const counter = { parts: 0 };
  const bytes = convertEntity(raw, 0, counter);
  return { bytes, reencodedParts: counter.parts };
}
