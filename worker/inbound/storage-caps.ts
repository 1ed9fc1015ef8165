// What of a parsed message D1 keeps: bodies and header values capped so that every row (a message, an event payload
// that repeats it) stays under D1's 2 MB; the whole message always stays in R2, byte for byte.
import type { Mailbox, ParsedMail } from './parse.ts';

/** The plain-text body and the reply text kept in D1 (and in each event that carries them). */
export const MAX_STORED_TEXT_BYTES = 128 * 1024;
/**
 * The HTML body kept in D1, raw and sanitized: more than Gmail shows of a message before it clips it (102 KB), which
 * is why senders keep mail under that. Each 128 KiB more costs filing about 4–5 ms of CPU (parse, the HTML tree,
 * sanitizing, the reply text: `npm run bench:cpu -- --workerd`), and the free plan allows 10 ms per message. The whole
 * message stays in R2 (GET /api/inbound/:id/raw), and the message says `bodyTruncated`.
 */
export const MAX_STORED_HTML_BYTES = 128 * 1024;
/** A subject is repeated in the inbound row, the thread and up to four times in an event: 16 KiB is far above real ones. */
export const MAX_STORED_SUBJECT_BYTES = 16 * 1024;
/** To and Cc entries kept per message (a company-wide announcement has a thousand). */
export const MAX_STORED_ADDRESSES = 1000;

/**
 * `value` cut so that its JSON encoding takes at most `maxBytes` (the stored column takes no more either), never
 * inside a surrogate pair. Reads at most the characters it keeps: linear in the cap, not in the input. What one
 * UTF-16 code unit costs once JSON-encoded as UTF-8 (RFC 8259 7): quotes and backslashes are escaped, control
 * characters become `\u00XX`, the rest is plain UTF-8; a lone surrogate is escaped as `\uXXXX`. (Costs are worked out
 * inline, with no call or object per character: this runs over every stored body.)
 */
export function capForStorage(value: string, maxBytes: number): { value: string; truncated: boolean } {
  let bytes = 2;
  let index = 0;
  while (index < value.length) {
    const code = value.charCodeAt(index);
    let cost = 1;
    let units = 1;
    if (code === 0x22 || code === 0x5c) cost = 2;
    else if (code < 0x20) cost = 6;
    else if (code < 0x80) cost = 1;
    else if (code < 0x800) cost = 2;
    else if (code >= 0xd800 && code <= 0xdfff) {
      const next = value.charCodeAt(index + 1);
      const paired = code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
      cost = paired ? 4 : 6;
      units = paired ? 2 : 1;
    } else cost = 3;
    if (bytes + cost > maxBytes) return { value: value.slice(0, index), truncated: true };
    bytes += cost;
    index += units;
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
