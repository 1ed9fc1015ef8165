// What of a parsed message D1 keeps: bodies and header values capped so that every row (a message, an event payload
// that repeats it) stays under D1's 2 MB; the whole message always stays in R2, byte for byte.
import type { Mailbox, ParsedMail } from './parse.ts';

/** The plain-text body and the reply text kept in D1 (and in each event that carries them). */
export const MAX_STORED_TEXT_BYTES = 128 * 1024;
/** The HTML body kept in D1, raw and sanitized. */
export const MAX_STORED_HTML_BYTES = 256 * 1024;
/** A subject is repeated in the inbound row, the thread and up to four times in an event: 16 KiB is far above real ones. */
export const MAX_STORED_SUBJECT_BYTES = 16 * 1024;
/** To and Cc entries kept per message (a company-wide announcement has a thousand). */
export const MAX_STORED_ADDRESSES = 1000;

/**
 * The bytes one UTF-16 code unit costs once JSON-encoded as UTF-8 (RFC 8259 7): quotes and backslashes are escaped,
 * control characters become `\u00XX`, the rest is plain UTF-8. A lone surrogate is escaped as `\uXXXX`.
 */
function jsonCost(code: number, next: number): { bytes: number; units: number } {
  if (code === 0x22 || code === 0x5c) return { bytes: 2, units: 1 };
  if (code < 0x20) return { bytes: 6, units: 1 };
  if (code < 0x80) return { bytes: 1, units: 1 };
  if (code < 0x800) return { bytes: 2, units: 1 };
  if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) return { bytes: 4, units: 2 };
  if (code >= 0xd800 && code <= 0xdfff) return { bytes: 6, units: 1 };
  return { bytes: 3, units: 1 };
}

/**
 * `value` cut so that its JSON encoding takes at most `maxBytes` (the stored column takes no more either), never
 * inside a surrogate pair. Reads at most the characters it keeps: linear in the cap, not in the input.
 */
export function capForStorage(value: string, maxBytes: number): { value: string; truncated: boolean } {
  let bytes = 2;
  let index = 0;
  while (index < value.length) {
    const code = value.charCodeAt(index);
    // Printable ASCII other than `"` and `\` (nearly every character of mail) costs one byte: no call, no object.
    if (code >= 0x20 && code < 0x7f && code !== 0x22 && code !== 0x5c) {
      if (bytes + 1 > maxBytes) return { value: value.slice(0, index), truncated: true };
      bytes += 1;
      index += 1;
      continue;
    }
    const cost = jsonCost(code, value.charCodeAt(index + 1));
    if (bytes + cost.bytes > maxBytes) return { value: value.slice(0, index), truncated: true };
    bytes += cost.bytes;
    index += cost.units;
  }
  return { value, truncated: false };
}

function capNullable(value: string | null, maxBytes: number): { value: string | null; truncated: boolean } {
  return value === null ? { value, truncated: false } : capForStorage(value, maxBytes);
}

function capMailbox(mailbox: Mailbox): Mailbox {
  const address = capForStorage(mailbox.address, 1024).value;
  return mailbox.name === undefined ? { address } : { address, name: capForStorage(mailbox.name, 1024).value };
}

export type StoredMail = Pick<ParsedMail, 'subject' | 'text' | 'html' | 'from' | 'to' | 'cc'> & {
  /** Something was cut: the full message is the raw one in R2. */
  truncated: boolean;
};

/** The parts of `mail` that D1 stores, each within its cap. */
export function fitForStorage(mail: ParsedMail): StoredMail {
  const subject = capNullable(mail.subject, MAX_STORED_SUBJECT_BYTES);
  const text = capNullable(mail.text, MAX_STORED_TEXT_BYTES);
  const html = capNullable(mail.html, MAX_STORED_HTML_BYTES);
  const to = mail.to.slice(0, MAX_STORED_ADDRESSES).map(capMailbox);
  const cc = mail.cc.slice(0, MAX_STORED_ADDRESSES).map(capMailbox);
  return {
    subject: subject.value,
    text: text.value,
    html: html.value,
    from: mail.from ? capMailbox(mail.from) : null,
    to,
    cc,
    truncated:
      subject.truncated || text.truncated || html.truncated || to.length < mail.to.length || cc.length < mail.cc.length,
  };
}
