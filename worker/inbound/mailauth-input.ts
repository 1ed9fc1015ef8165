// What mailauth reads of a message: only the bytes its verdicts depend on, with the line ends it would make itself.
import { Buffer } from 'node:buffer';
import { Readable } from 'node:stream';
import { findBodyStart, hasHeader, readHeaderFields } from './header-fields.ts';
import { normalizeBareCarriageReturns } from './line-ends.ts';

const CR = 0x0d;
const LF = 0x0a;
/** The chunk size mailauth itself writes a buffer in. */
const CHUNK_BYTES = 64 * 1024;

/**
 * Header fields whose signatures cover the body: DKIM-Signature (RFC 6376 3.5, `bh=`) and ARC-Message-Signature
 * (RFC 8617 4.1.2, the same tags). Nothing else mailauth checks (ARC-Seal, From for DMARC) reads the body.
 */
const BODY_SIGNING_FIELDS = ['dkim-signature', 'arc-message-signature'];

/** Whether an LF that no CR precedes occurs (mailauth makes each one CRLF). */
function hasBareLineFeed(bytes: Uint8Array): boolean {
  for (let lf = bytes.indexOf(LF); lf >= 0; lf = bytes.indexOf(LF, lf + 1)) {
    if (bytes[lf - 1] !== CR) return true;
  }
  return false;
}

/** `chunk` with every bare LF made CRLF; `previousByte` is the byte before the chunk in the message. */
export function toCrlfChunk(chunk: Uint8Array, previousByte: number | undefined): Uint8Array {
  const bare: number[] = [];
  for (let lf = chunk.indexOf(LF); lf >= 0; lf = chunk.indexOf(LF, lf + 1)) {
    if ((lf > 0 ? chunk[lf - 1] : previousByte) !== CR) bare.push(lf);
  }
  if (bare.length === 0) return chunk;
  const converted = new Uint8Array(chunk.length + bare.length);
  let read = 0;
  let written = 0;
  for (const lf of bare) {
    converted.set(chunk.subarray(read, lf), written);
    written += lf - read;
    converted[written++] = CR;
    converted[written++] = LF;
    read = lf + 1;
  }
  converted.set(chunk.subarray(read), written);
  return converted;
}

/** The message in chunks with CRLF line ends, made one chunk at a time (never a second copy of a big message). */
function* readAsCrlfChunks(bytes: Uint8Array): Generator<Buffer> {
  for (let start = 0; start < bytes.length; start += CHUNK_BYTES) {
    const chunk = toCrlfChunk(bytes.subarray(start, start + CHUNK_BYTES), start > 0 ? bytes[start - 1] : undefined);
    yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
}

/**
 * The input mailauth's DKIM verifier is given (it also gathers what ARC and DMARC read):
 * - a message whose lines end in a bare CR only (no LF at all) gets LF line ends: mailauth finds the end of the
 *   header section by its LFs and would otherwise read the whole message byte by byte as one header section (about
 *   350 ms of CPU per MB) and find no From;
 * - without a field that signs the body, the header section alone: the body is read only to hash it for such a
 *   signature, and streaming a megabyte through mailauth costs it 10–30 ms of a Worker's CPU for nothing;
 * - otherwise the whole message, with bare LFs made CRLF here in native searches and copies, a chunk at a time:
 *   mailauth does the same rewrite (RFC 5322 2.3: CR and LF occur only together) but a line at a time, which cost
 *   three times the CPU of verifying a CRLF message.
 * The bytes mailauth hashes are the same either way.
 */
export function readMailauthInput(raw: Uint8Array): Uint8Array | Readable {
  const bytes = raw.indexOf(LF) === -1 ? normalizeBareCarriageReturns(raw) : raw;
  const bodyStart = findBodyStart(bytes);
  const headers = readHeaderFields(bytes);
  if (bodyStart !== null && !BODY_SIGNING_FIELDS.some((name) => hasHeader(headers, name))) {
    return bytes.subarray(0, bodyStart);
  }
  if (!hasBareLineFeed(bytes)) return bytes;
  return Readable.from(readAsCrlfChunks(bytes), { objectMode: false });
}
