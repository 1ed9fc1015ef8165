// The one header model (postal-mime's shape: keys lower-cased, values unfolded), its lookups, and the reading of raw
// bytes' header section into it without a MIME parser (authentication runs on raw bytes).
import { MAX_HEADER_BYTES } from './limits.ts';

export type HeaderField = { key: string; value: string };

/** The value of the first field named `name` (lower-case), or null. */
export function findHeader(headers: readonly HeaderField[], name: string): string | null {
  for (const field of headers) if (field.key === name) return field.value;
  return null;
}

/** Whether a field named `name` (lower-case) is present. */
export function hasHeader(headers: readonly HeaderField[], name: string): boolean {
  return headers.some((field) => field.key === name);
}

/** Where the header section ends (RFC 5322 2.1: the first empty line), or the end of the budget. */
function findHeaderEnd(raw: Uint8Array, limit: number): number {
  const end = Math.min(raw.length, limit);
  for (let index = 0; index < end; index++) {
    if (raw[index] !== 0x0a) continue;
    if (raw[index + 1] === 0x0a) return index;
    if (raw[index + 1] === 0x0d && raw[index + 2] === 0x0a) return index;
  }
  return end;
}

/**
 * Where the body starts: after the empty line that ends the header section (RFC 5322 2.1), or null when none is found
 * within the header budget.
 */
export function findBodyStart(raw: Uint8Array): number | null {
  const end = findHeaderEnd(raw, MAX_HEADER_BYTES);
  if (raw[end] !== 0x0a) return null;
  return end + (raw[end + 1] === 0x0d ? 3 : 2);
}

/**
 * The header fields in order, keys lower-cased, values unfolded (RFC 5322 2.2.3) and trimmed. Bytes are read as
 * latin1 so that no input can make decoding throw; lines that are not fields are skipped.
 */
export function readHeaderFields(raw: Uint8Array): HeaderField[] {
  const text = new TextDecoder('latin1').decode(raw.subarray(0, findHeaderEnd(raw, MAX_HEADER_BYTES)));
  const fields: HeaderField[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^[ \t]/.test(line)) {
      const last = fields.at(-1);
      if (last) last.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    fields.push({ key: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() });
  }
  return fields;
}
