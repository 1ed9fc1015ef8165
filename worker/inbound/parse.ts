// Stage `parse(raw) → ParsedMail`: postal-mime over the stored bytes, flattened into the shape the pipeline uses.
import PostalMime, { type Address, type Email } from 'postal-mime';
import { normalizeMessageId, parseMessageIdList } from '../../shared/mail/address.ts';
import {
  MAX_ATTACHMENT_BYTES,
  MAX_HEADER_BYTES,
  MAX_MIME_NESTING_DEPTH,
  MAX_MIME_PARTS,
  MAX_STORED_ATTACHMENTS,
  MAX_WORKING_BODY_CHARS,
} from './limits.ts';
import { normalizeBareCarriageReturns } from './line-ends.ts';
import { countMimeParts } from './mime-parts.ts';

export type Mailbox = { address: string; name?: string };

/**
 * How postal-mime reads every message here: attachments as bytes, within the nesting and header limits. An attached
 * message stays an attachment (never inlined into the text): the bounce classifier reads the original's headers
 * from it, and a forwarded message is kept whole, as it was sent.
 */
export const POSTAL_MIME_OPTIONS = {
  attachmentEncoding: 'arraybuffer',
  forceRfc822Attachments: true,
  maxNestingDepth: MAX_MIME_NESTING_DEPTH,
  maxHeadersSize: MAX_HEADER_BYTES,
} as const;

export type ParsedAttachment = {
  filename: string | null;
  contentType: string;
  disposition: 'attachment' | 'inline' | null;
  contentId: string | null;
  /** The decoded bytes; empty when `storedByReference` (the attachment stays inside the raw message only). */
  content: Uint8Array;
  /** Decoded size in bytes, also when the content was not kept. */
  sizeBytes: number;
  /**
   * Over MAX_ATTACHMENT_BYTES, or past the first MAX_STORED_ATTACHMENTS: not copied out of the raw message (served
   * from the raw bytes instead).
   */
  storedByReference: boolean;
};

export type ParsedMail = {
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  from: Mailbox | null;
  to: Mailbox[];
  cc: Mailbox[];
  replyTo: Mailbox[];
  subject: string | null;
  date: Date | null;
  /** The text and HTML bodies, cut to MAX_WORKING_BODY_CHARS (the raw message keeps them whole). */
  text: string | null;
  html: string | null;
  /** Header fields in order, keys lower-cased. */
  headers: { key: string; value: string }[];
  attachments: ParsedAttachment[];
};

/** The message cannot be read as RFC 5322 mail: it is kept raw and marked failed, never retried. */
export class UnparseableMailError extends Error {
  override name = 'UnparseableMailError';
}

export function flattenAddresses(addresses: Address[] | undefined): Mailbox[] {
  const mailboxes: Mailbox[] = [];
  for (const entry of addresses ?? []) {
    const members = entry.group ?? [entry];
    for (const member of members) {
      if (!member.address) continue;
      mailboxes.push(member.name ? { address: member.address, name: member.name } : { address: member.address });
    }
  }
  return mailboxes;
}

function readDate(value: string | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function readDisposition(value: string | null): ParsedAttachment['disposition'] {
  return value === 'inline' || value === 'attachment' ? value : null;
}

function toBytes(content: ArrayBuffer | Uint8Array | string): Uint8Array {
  if (typeof content === 'string') return new TextEncoder().encode(content);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

/**
 * A body cut to MAX_WORKING_BODY_CHARS (never inside a surrogate pair), as a string of its own: a plain slice would
 * keep the whole body alive behind it.
 */
function capWorkingBody(body: string | undefined): string | null {
  if (body === undefined) return null;
  if (body.length <= MAX_WORKING_BODY_CHARS) return body;
  const lastKept = body.charCodeAt(MAX_WORKING_BODY_CHARS - 1);
  const end = lastKept >= 0xd800 && lastKept <= 0xdbff ? MAX_WORKING_BODY_CHARS - 1 : MAX_WORKING_BODY_CHARS;
  return structuredClone(body.slice(0, end));
}

function toParsedMail(email: Email): ParsedMail {
  return {
    messageId: normalizeMessageId(email.messageId),
    inReplyTo: parseMessageIdList(email.inReplyTo)[0] ?? null,
    references: parseMessageIdList(email.references),
    from: flattenAddresses(email.from ? [email.from] : [])[0] ?? null,
    to: flattenAddresses(email.to),
    cc: flattenAddresses(email.cc),
    replyTo: flattenAddresses(email.replyTo),
    subject: email.subject ?? null,
    date: readDate(email.date),
    text: capWorkingBody(email.text),
    html: capWorkingBody(email.html),
    headers: email.headers.map(({ key, value }) => ({ key, value })),
    attachments: email.attachments.map((attachment, index) => {
      const content = toBytes(attachment.content);
      const storedByReference = content.byteLength > MAX_ATTACHMENT_BYTES || index >= MAX_STORED_ATTACHMENTS;
      return {
        filename: attachment.filename,
        contentType: attachment.mimeType || 'application/octet-stream',
        disposition: readDisposition(attachment.disposition),
        contentId: normalizeMessageId(attachment.contentId),
        content: storedByReference ? new Uint8Array(0) : content,
        sizeBytes: content.byteLength,
        storedByReference,
      };
    }),
  };
}

/** How much of the start is inspected to decide whether the bytes begin with a header section. */
const HEADER_PROBE_BYTES = 998;
/** RFC 5322 2.2: a field name is printable US-ASCII except colon, followed by a colon (RFC 5322 3.6.8). */
const FIRST_HEADER_FIELD = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/;
/** An mbox "From " separator line is tolerated before the header section (RFC 4155). */
const MBOX_FROM_LINE = /^From \S/;

/**
 * postal-mime reads almost anything as mail (random bytes with a colon become a "header"), so the pipeline first
 * asks whether the bytes start the way every RFC 5322 message does: with a header field, and no NUL (RFC 5322 2.2).
 */
function describeHeaderProblem(bytes: Uint8Array): string | null {
  const probe = bytes.subarray(0, HEADER_PROBE_BYTES);
  if (probe.length === 0) return 'the message is empty';
  const firstLineEnd = probe.findIndex((byte) => byte === 0x0a || byte === 0x0d);
  const firstLine = new TextDecoder('latin1').decode(probe.subarray(0, firstLineEnd < 0 ? probe.length : firstLineEnd));
  if (firstLine.includes('\0')) return 'the header section contains NUL bytes: this is not an email message';
  if (!FIRST_HEADER_FIELD.test(firstLine) && !MBOX_FROM_LINE.test(firstLine)) {
    return 'no RFC 5322 header field at the start: this is not an email message';
  }
  return null;
}

export async function parseMail(raw: ArrayBuffer | Uint8Array): Promise<ParsedMail> {
  const bytes = raw instanceof Uint8Array ? raw : new Uint8Array(raw);
  const headerProblem = describeHeaderProblem(bytes);
  if (headerProblem) throw new UnparseableMailError(headerProblem);
  const parts = countMimeParts(bytes);
  if (parts > MAX_MIME_PARTS) {
    throw new UnparseableMailError(
      `the message has ${parts} MIME parts, more than the limit of ${MAX_MIME_PARTS}: kept raw, not parsed`,
    );
  }
  let email: Email;
  try {
    email = await PostalMime.parse(normalizeBareCarriageReturns(bytes), POSTAL_MIME_OPTIONS);
  } catch (error) {
    throw new UnparseableMailError(`the MIME structure could not be parsed: ${(error as Error).message}`);
  }
  // RFC 5322 3.6: a message has at least the origination date and From fields; with no header field at all,
  // what arrived is not mail (binary junk, a truncated SMTP transaction).
  if (email.headers.length === 0) {
    throw new UnparseableMailError('no RFC 5322 header fields were found: this is not an email message');
  }
  return toParsedMail(email);
}

/** Key of an attachment kept by reference: its index inside the stored raw message. */
export function attachmentReferenceKey(rawKey: string, index: number): string {
  return `${rawKey}#attachment=${index}`;
}

/** The stored object and the attachment's index that a reference key names, or null for a key of its own object. */
export function parseAttachmentReference(referenceKey: string): { key: string; index: number } | null {
  const match = referenceKey.match(/^(.*)#attachment=(\d+)$/);
  return match ? { key: match[1]!, index: Number(match[2]) } : null;
}

/** Reads an attachment kept by reference back out of the raw message (a download, not the hot path). */
export async function extractAttachmentByReference(
  loadRaw: (rawKey: string) => Promise<ArrayBuffer>,
  referenceKey: string,
): Promise<Uint8Array | null> {
  const reference = parseAttachmentReference(referenceKey);
  if (!reference) return null;
  const raw = normalizeBareCarriageReturns(new Uint8Array(await loadRaw(reference.key)));
  const email = await PostalMime.parse(raw, POSTAL_MIME_OPTIONS);
  const attachment = email.attachments[reference.index];
  return attachment ? toBytes(attachment.content) : null;
}
