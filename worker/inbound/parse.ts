// Stage `parse(raw) → ParsedMail`: postal-mime over the stored bytes, flattened into the shape the pipeline uses.
import PostalMime, { type Address, type Email } from 'postal-mime';
import { normalizeMessageId, parseMessageIdList } from '../../shared/mail/address.ts';
import {
  MAX_ATTACHMENT_BYTES,
  MAX_HEADER_BYTES,
  MAX_MIME_NESTING_DEPTH,
  MAX_MIME_PARTS,
  MAX_STORED_ATTACHMENTS,
  MAX_WORKING_HTML_CHARS,
  MAX_WORKING_TEXT_CHARS,
} from './limits.ts';
import { measureDecodedBody } from './decoded-size.ts';
import { normalizeBareCarriageReturns } from './line-ends.ts';
import { MIN_CUT_BODY_BYTES, reduceMessage, restoreCuts } from './mime-cut.ts';
import { scanMimeStructure, type MimeLeaf } from './mime-parts.ts';

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
  /**
   * The decoded bytes; empty when `storedByReference` (the attachment stays inside the raw message only) or when
   * the part was cut out before parsing (`cutRange`: `loadContent` decodes it).
   */
  content: Uint8Array;
  /** Decoded size in bytes, also when the content was not kept. */
  sizeBytes: number;
  /**
   * Over MAX_ATTACHMENT_BYTES, or past the first MAX_STORED_ATTACHMENTS: not copied out of the raw message (served
   * from the raw bytes instead).
   */
  storedByReference: boolean;
  /** The part's bytes in the raw message (headers and body) when it was kept out of postal-mime, else null. */
  cutRange: ByteRange | null;
  /** The decoded bytes: `content`, or for a cut part decoded now from its range of the raw message. */
  loadContent: () => Promise<Uint8Array>;
};

/** A span of the raw message: `length` bytes from `offset`. */
export type ByteRange = { offset: number; length: number };

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
  /** The text and HTML bodies, cut to MAX_WORKING_TEXT_CHARS and MAX_WORKING_HTML_CHARS (the raw message keeps them whole). */
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
 * A body cut to `maxChars` (never inside a surrogate pair). A slice keeps the whole string it was cut from alive
 * behind it, so a body far longer than its cap (a message parsed whole) is copied into a string of its own; a body
 * already cut short to its head before parsing (mime-cut.ts) is barely longer than the slice, and copying it would
 * cost more than it frees.
 */
function capWorkingBody(body: string | undefined, maxChars: number): string | null {
  if (body === undefined) return null;
  if (body.length <= maxChars) return body;
  const lastKept = body.charCodeAt(maxChars - 1);
  const end = lastKept >= 0xd800 && lastKept <= 0xdbff ? maxChars - 1 : maxChars;
  const slice = body.slice(0, end);
  return body.length > 2 * maxChars ? structuredClone(slice) : slice;
}

/** The attachment postal-mime decodes out of a part's own bytes (its headers and body, read as one entity). */
async function decodePart(part: ArrayBuffer | Uint8Array): Promise<Uint8Array | null> {
  const [attachment] = (await PostalMime.parse(part, POSTAL_MIME_OPTIONS)).attachments;
  return attachment ? toBytes(attachment.content) : null;
}

function readAttachment(
  attachment: Email['attachments'][number],
  index: number,
  cut: { raw: Uint8Array; leaf: MimeLeaf } | null,
): ParsedAttachment {
  const described = {
    filename: attachment.filename,
    contentType: attachment.mimeType || 'application/octet-stream',
    disposition: readDisposition(attachment.disposition),
    contentId: normalizeMessageId(attachment.contentId),
  };
  if (cut) {
    const { raw, leaf } = cut;
    const sizeBytes = measureDecodedBody(raw, leaf);
    const cutRange = { offset: leaf.start, length: leaf.end - leaf.start };
    const loadContent = async () => {
      const decoded = await decodePart(raw.slice(leaf.start, leaf.end).buffer);
      if (!decoded) throw new Error(`the part at bytes ${leaf.start}-${leaf.end} no longer decodes to an attachment`);
      return decoded;
    };
    const storedByReference = sizeBytes > MAX_ATTACHMENT_BYTES || index >= MAX_STORED_ATTACHMENTS;
    return { ...described, content: new Uint8Array(0), sizeBytes, storedByReference, cutRange, loadContent };
  }
  const content = toBytes(attachment.content);
  const storedByReference = content.byteLength > MAX_ATTACHMENT_BYTES || index >= MAX_STORED_ATTACHMENTS;
  const kept = storedByReference ? new Uint8Array(0) : content;
  return {
    ...described,
    content: kept,
    sizeBytes: content.byteLength,
    storedByReference,
    cutRange: null,
    loadContent: async () => kept,
  };
}

function toParsedMail(
  email: Email,
  cuts: { raw: Uint8Array; leaves: (MimeLeaf | null)[]; text: string | undefined; html: string | undefined } | null,
): ParsedMail {
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
    text: capWorkingBody(cuts ? cuts.text : email.text, MAX_WORKING_TEXT_CHARS),
    html: capWorkingBody(cuts ? cuts.html : email.html, MAX_WORKING_HTML_CHARS),
    headers: email.headers.map(({ key, value }) => ({ key, value })),
    attachments: email.attachments.map((attachment, index) => {
      const leaf = cuts?.leaves[index] ?? null;
      return readAttachment(attachment, index, leaf && cuts ? { raw: cuts.raw, leaf } : null);
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

/** The whole buffer behind a view that covers it (postal-mime copies any view it is given), else the view. */
function asWholeBuffer(bytes: Uint8Array): ArrayBuffer | Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes;
}

async function runPostalMime(input: ArrayBuffer | Uint8Array): Promise<Email> {
  try {
    return await PostalMime.parse(input, POSTAL_MIME_OPTIONS);
  } catch (error) {
    throw new UnparseableMailError(`the MIME structure could not be parsed: ${(error as Error).message}`);
  }
}

/**
 * Parses the stored bytes. Large leaf parts never reach postal-mime whole (mime-cut.ts): an attachment's body is cut
 * out and decoded from its byte range when it is stored or served, an inline text keeps the head the text stages
 * read. When postal-mime's result does not show every cut where it was made, the whole message is parsed instead.
 */
export async function parseMail(raw: ArrayBuffer | Uint8Array): Promise<ParsedMail> {
  const stored = raw instanceof Uint8Array ? raw : new Uint8Array(raw);
  const headerProblem = describeHeaderProblem(stored);
  if (headerProblem) throw new UnparseableMailError(headerProblem);
  // Same length as stored (a bare CR becomes LF in place): the byte ranges found here hold in the stored bytes too.
  const bytes = normalizeBareCarriageReturns(stored);
  const structure = scanMimeStructure(bytes, { minBodyBytes: MIN_CUT_BODY_BYTES });
  if (structure.partCount > MAX_MIME_PARTS) {
    throw new UnparseableMailError(
      `the message has ${structure.partCount} MIME parts, more than the limit of ${MAX_MIME_PARTS}: kept raw, not parsed`,
    );
  }
  const reduced = reduceMessage(bytes, structure.largeLeaves);
  let email = await runPostalMime(reduced ? reduced.bytes.buffer : asWholeBuffer(bytes));
  const restored = reduced ? restoreCuts(email, reduced) : null;
  if (reduced && !restored) email = await runPostalMime(asWholeBuffer(bytes));
  // RFC 5322 3.6: a message has at least the origination date and From fields; with no header field at all,
  // what arrived is not mail (binary junk, a truncated SMTP transaction).
  if (email.headers.length === 0) {
    throw new UnparseableMailError('no RFC 5322 header fields were found: this is not an email message');
  }
  return toParsedMail(email, restored ? { raw: bytes, leaves: restored.cutLeaves, ...restored } : null);
}

/** The parsed mail, or why the bytes are not mail: the caller keeps them raw and marks them failed. */
export async function tryParseMail(
  raw: ArrayBuffer | Uint8Array,
): Promise<{ mail: ParsedMail } | { unreadable: string }> {
  try {
    return { mail: await parseMail(raw) };
  } catch (error) {
    if (error instanceof UnparseableMailError) return { unreadable: error.message };
    throw error;
  }
}

/**
 * Key of an attachment kept by reference: its index inside the stored raw message, and the byte range of its part
 * when it is known (a download then reads only that range).
 */
export function attachmentReferenceKey(rawKey: string, index: number, range?: ByteRange | null): string {
  return range
    ? `${rawKey}#attachment=${index}&bytes=${range.offset}+${range.length}`
    : `${rawKey}#attachment=${index}`;
}

/** The stored object, the attachment's index and its part's range that a reference key names; null for an own object. */
export function parseAttachmentReference(
  referenceKey: string,
): { key: string; index: number; range: ByteRange | null } | null {
  const match = referenceKey.match(/^(.*)#attachment=(\d+)(?:&bytes=(\d+)\+(\d+))?$/);
  if (!match) return null;
  const range = match[3] === undefined ? null : { offset: Number(match[3]), length: Number(match[4]) };
  return { key: match[1]!, index: Number(match[2]), range };
}

/**
 * Reads an attachment kept by reference back out of the raw message (a download, not the hot path): from its part's
 * range alone when the key has one, else by parsing the whole message.
 */
export async function extractAttachmentByReference(
  loadRaw: (rawKey: string, range?: ByteRange) => Promise<ArrayBuffer>,
  referenceKey: string,
): Promise<Uint8Array | null> {
  const reference = parseAttachmentReference(referenceKey);
  if (!reference) return null;
  if (reference.range) {
    const part = normalizeBareCarriageReturns(new Uint8Array(await loadRaw(reference.key, reference.range)));
    return decodePart(asWholeBuffer(part));
  }
  const raw = normalizeBareCarriageReturns(new Uint8Array(await loadRaw(reference.key)));
  const email = await PostalMime.parse(asWholeBuffer(raw), POSTAL_MIME_OPTIONS);
  const attachment = email.attachments[reference.index];
  return attachment ? toBytes(attachment.content) : null;
}
