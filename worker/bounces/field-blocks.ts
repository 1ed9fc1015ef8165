// What postal-mime does not read for a report: the field blocks inside its parts, the text of a part it hands over as
// bytes, the parameters of the top Content-Type (postal-mime keeps that field only as written), an unsplit body.
//
// postal-mime parses the MIME structure and decodes every part's transfer encoding; the classifier starts from its
// result. Three things stay here because postal-mime gives no access to them:
// - the bodies of message/delivery-status (RFC 3464 2.1), message/feedback-report (RFC 5965 3.1) and
//   text/rfc822-headers (RFC 6522 5) are blocks of header-like fields that postal-mime returns as opaque attachment
//   bytes, and so is the header section of an attached message/rfc822 original (a report forces those to
//   attachments): `parseFieldBlock` reads them, and the header blocks a prose bounce quotes in its text;
// - an attachment arrives without its charset parameter: `readPartText` decodes it as UTF-8 (RFC 6532 reports and
//   every ASCII one), else byte for byte;
// - the top Content-Type's `report-type` parameter (RFC 6522 3) says what a report is even when its parts are broken;
// - a multipart whose boundary never occurs gives postal-mime no part at all: its body is read from the raw bytes.
import type { HeaderField } from '../inbound/header-fields.ts';

/** Headers of a report are short; a field block past this size is not worth unfolding in full. */
const MAX_FIELD_BLOCK_CHARS = 64 * 1024;

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
const latin1Decoder = new TextDecoder('latin1');

/** A TextDecoder for a charset label, or null when the label is unknown. */
function findDecoder(charset: string): TextDecoder | null {
  try {
    return new TextDecoder(charset.trim().toLowerCase());
  } catch {
    return null;
  }
}

/**
 * A part's bytes as text with LF line ends: in its charset when it names a known one, else UTF-8 when valid, else one
 * character per byte (nothing can fail).
 */
export function readPartText(bytes: Uint8Array, charset?: string): string {
  let text: string | null = null;
  const decoder = charset ? findDecoder(charset) : null;
  if (decoder) text = decoder.decode(bytes);
  else {
    try {
      text = utf8Decoder.decode(bytes);
    } catch {
      text = latin1Decoder.decode(bytes);
    }
  }
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/**
 * The body of a raw message as text, after its header section: what a multipart whose boundary never occurs holds
 * (a mangled report), which postal-mime drops with the multipart it could not split.
 */
export function readMessageBody(raw: Uint8Array): string {
  return splitHeaderSection(readPartText(raw)).body;
}

/** Splits a header section from the body at the first empty line (RFC 5322 2.1); LF line ends. */
export function splitHeaderSection(text: string): { headerSection: string; body: string } {
  if (text.startsWith('\n')) return { headerSection: '', body: text.slice(1) };
  const end = text.indexOf('\n\n');
  if (end < 0) return { headerSection: text, body: '' };
  return { headerSection: text.slice(0, end), body: text.slice(end + 2) };
}

/**
 * Parses a block of fields into unfolded, trimmed fields (RFC 5322 2.2.3), names lower-cased. Lines that are no field
 * (a name with a space, no colon) end the field before them and are skipped: report bodies mix fields with prose.
 */
export function parseFieldBlock(block: string): HeaderField[] {
  const source = block.length > MAX_FIELD_BLOCK_CHARS ? block.slice(0, MAX_FIELD_BLOCK_CHARS) : block;
  const fields: HeaderField[] = [];
  let current: HeaderField | null = null;
  for (const line of source.split('\n')) {
    const first = line.charCodeAt(0);
    if ((first === 32 || first === 9) && current) {
      current.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    const key = colon > 0 ? line.slice(0, colon).trim().toLowerCase() : '';
    if (key === '' || key.includes(' ')) {
      current = null;
      continue;
    }
    current = { key, value: line.slice(colon + 1).trim() };
    fields.push(current);
  }
  return fields;
}

/** The header fields of an attached message (message/rfc822, message/global): its header section only. */
export function readEmbeddedHeaders(messageText: string): HeaderField[] {
  const start = messageText.startsWith('From ') ? messageText.indexOf('\n') + 1 : 0;
  return parseFieldBlock(splitHeaderSection(start > 0 ? messageText.slice(start) : messageText).headerSection);
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
