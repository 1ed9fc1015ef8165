// Cloudflare Email Service's documented limits and header rules, checked before a message is queued so that the
// caller gets a clear 400/413 at once instead of a refusal days later from the outbox. Source: the Email Service
// documentation, "Limits" (email content limits) and "Email headers" (platform-controlled headers, allowlist,
// header limits, validation rules).
import { listRecipients, type OutgoingDraft } from './draft.ts';

/** "Recipients (to, cc, bcc): 50 per email, combined across all recipient fields". */
export const MAX_RECIPIENTS = 50;
/** "Subject line: 998 characters (RFC 5322 compliant)". */
export const MAX_SUBJECT_CHARS = 998;
/** "Total message size: 5 MiB, including attachments" (25 MiB only to verified destination addresses). */
export const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;
/** "Max header value length: 2,048 bytes". */
export const MAX_HEADER_VALUE_BYTES = 2048;
/** "Max header name length: 100 bytes". */
export const MAX_HEADER_NAME_BYTES = 100;
/** "Total custom headers payload: 16 KB", counted as name + ": " + value + CRLF; read as 16,000 to stay on the safe side. */
export const MAX_CUSTOM_HEADERS_BYTES = 16_000;
/** "Max allowlisted (non-X) custom headers: 20". */
export const MAX_ALLOWLISTED_HEADERS = 20;

/** Set by the Email Service itself ("You cannot set or override them": E_HEADER_NOT_ALLOWED). */
const PLATFORM_CONTROLLED = new Set([
  'date',
  'message-id',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'dkim-signature',
  'return-path',
  'received',
  'feedback-id',
  'tls-required',
  'tls-report-domain',
  'tls-report-submitter',
  'cfbl-address',
  'cfbl-feedback-id',
]);
/** Set through the message's own fields, never as headers (E_HEADER_USE_API_FIELD). */
const API_FIELDS = new Set(['from', 'to', 'cc', 'bcc', 'subject', 'reply-to']);
/** The allowlist, with the values the documentation pins down (null: any non-empty value). */
const ALLOWLISTED: ReadonlyMap<string, ReadonlySet<string> | null> = new Map([
  ['in-reply-to', null],
  ['references', null],
  ['list-unsubscribe', null],
  ['list-unsubscribe-post', new Set(['List-Unsubscribe=One-Click'])],
  ['list-id', null],
  ['list-archive', null],
  ['list-help', null],
  ['list-owner', null],
  ['list-post', null],
  ['list-subscribe', null],
  ['precedence', new Set(['bulk', 'list', 'junk'])],
  ['auto-submitted', new Set(['auto-generated', 'auto-replied', 'auto-notified'])],
  ['content-language', null],
  ['keywords', null],
  ['comments', null],
  ['importance', new Set(['high', 'normal', 'low'])],
  ['priority', new Set(['normal', 'non-urgent', 'urgent'])],
  ['sensitivity', new Set(['personal', 'private', 'company-confidential'])],
  ['organization', null],
  ['require-recipient-valid-since', null],
  ['expires', null],
  ['reply-by', null],
  ['archived-at', null],
]);
const ALLOWLISTED_NAME = /^[A-Za-z0-9-]+$/;
const X_HEADER_NAME = /^X-[A-Za-z0-9_-]+$/i;
/** "Must contain <https://...> and/or <mailto:...> URI(s). HTTP (non-TLS) URIs are rejected." */
const LIST_UNSUBSCRIBE = /^\s*<(?:https:|mailto:)[^<>]+>(?:\s*,\s*<(?:https:|mailto:)[^<>]+>)*\s*$/i;

export type HeaderKind = 'platform' | 'api-field' | 'allowlisted' | 'custom' | 'not-allowed';

export function classifyHeader(name: string): HeaderKind {
  const key = name.toLowerCase();
  if (PLATFORM_CONTROLLED.has(key) || key.startsWith('arc-')) return 'platform';
  if (API_FIELDS.has(key)) return 'api-field';
  if (ALLOWLISTED.has(key)) return 'allowlisted';
  if (X_HEADER_NAME.test(name)) return 'custom';
  return 'not-allowed';
}

const utf8Length = (text: string) => new TextEncoder().encode(text).byteLength;

/** Why the Email Service would refuse this header, or null when it takes it. */
export function describeHeaderProblem(name: string, value: string): string | null {
  const kind = classifyHeader(name);
  if (kind === 'platform') return `the header ${name} is set by the Email Service itself and cannot be given`;
  if (kind === 'api-field') return `the header ${name} must be given as its own field, not in headers`;
  if (kind === 'not-allowed')
    return `the header ${name} is not on the Email Service's allowlist (custom headers start with X-)`;
  if (utf8Length(name) > MAX_HEADER_NAME_BYTES)
    return `the header name ${name.slice(0, 40)}… is longer than ${MAX_HEADER_NAME_BYTES} bytes`;
  if (kind === 'allowlisted' && !ALLOWLISTED_NAME.test(name))
    return `the header name ${name} may hold only letters, digits and "-"`;
  if (value.trim() === '') return `the header ${name} is empty`;
  if (/[\r\n]/.test(value))
    return `the header ${name} contains a line break (the Email Service folds long values itself)`;
  if (utf8Length(value) > MAX_HEADER_VALUE_BYTES)
    return `the header ${name} is longer than ${MAX_HEADER_VALUE_BYTES} bytes`;
  const key = name.toLowerCase();
  const allowed = ALLOWLISTED.get(key);
  if (allowed && !allowed.has(key === 'list-unsubscribe-post' ? value.trim() : value.trim().toLowerCase())) {
    return `the header ${name} takes one of: ${[...allowed].join(', ')}`;
  }
  if (key === 'list-unsubscribe' && !LIST_UNSUBSCRIBE.test(value)) {
    return `the header ${name} must hold <https://…> and/or <mailto:…> URIs`;
  }
  return null;
}

/** The whole set's limits: the count of allowlisted (non-X) headers and the payload of all of them. */
export function describeHeaderSetProblem(headers: Record<string, string>): string | null {
  const entries = Object.entries(headers);
  const allowlisted = entries.filter(([name]) => classifyHeader(name) === 'allowlisted').length;
  if (allowlisted > MAX_ALLOWLISTED_HEADERS) {
    return `${allowlisted} allowlisted headers: the Email Service takes at most ${MAX_ALLOWLISTED_HEADERS} (X- headers aside)`;
  }
  const payload = entries.reduce((sum, [name, value]) => sum + utf8Length(name) + 2 + utf8Length(value) + 2, 0);
  if (payload > MAX_CUSTOM_HEADERS_BYTES) {
    return `the custom headers take ${payload} bytes: the Email Service takes at most ${MAX_CUSTOM_HEADERS_BYTES}`;
  }
  return null;
}

/** RFC 2045 6.8: base64 turns 3 bytes into 4 characters, in lines of at most 76 characters plus CRLF. */
function base64EncodedBytes(bytes: number): number {
  const characters = Math.ceil(bytes / 3) * 4;
  return characters + Math.ceil(characters / 76) * 2;
}

/** Room for the headers the Email Service writes (Date, Message-ID, DKIM-Signature, MIME boundaries, …). */
const ENVELOPE_OVERHEAD_BYTES = 4 * 1024;

/**
 * The message's size once encoded, from above: text and HTML as quoted-printable at worst (RFC 2045 6.7, each
 * non-ASCII byte becomes three characters), attachments as base64.
 */
export function estimateEncodedBytes(draft: OutgoingDraft): number {
  const quotedPrintable = (text: string | null) => {
    if (text === null) return 0;
    const bytes = new TextEncoder().encode(text);
    let size = 0;
    for (const byte of bytes) size += byte > 0x7e || byte === 0x3d ? 3 : 1;
    return size + Math.ceil(size / 76) * 3;
  };
  const headers = Object.entries(draft.headers).reduce(
    (sum, [name, value]) => sum + utf8Length(name) + utf8Length(value) + 4,
    0,
  );
  const addresses = listRecipients(draft).reduce(
    (sum, mailbox) => sum + utf8Length(mailbox.address) + utf8Length(mailbox.name ?? '') + 6,
    0,
  );
  const attachments = draft.attachments.reduce(
    (sum, attachment) => sum + base64EncodedBytes(attachment.content.byteLength) + 300,
    0,
  );
  return (
    ENVELOPE_OVERHEAD_BYTES +
    utf8Length(draft.subject) * 3 +
    addresses +
    headers +
    quotedPrintable(draft.text) +
    quotedPrintable(draft.html) +
    attachments
  );
}

export type DraftProblem = { status: 400 | 413; field: string; message: string };

/** The first limit the message breaks (recipients, subject, headers, size), or null when the Email Service takes it. */
export function checkDraftLimits(draft: OutgoingDraft): DraftProblem | null {
  const recipients = listRecipients(draft).length;
  if (recipients > MAX_RECIPIENTS) {
    return {
      status: 400,
      field: 'to',
      message: `${recipients} recipients (To, Cc and Bcc together): the Email Service sends to at most ${MAX_RECIPIENTS} per message`,
    };
  }
  if ([...draft.subject].length > MAX_SUBJECT_CHARS) {
    return {
      status: 400,
      field: 'subject',
      message: `the subject has ${[...draft.subject].length} characters: at most ${MAX_SUBJECT_CHARS} (RFC 5322 2.1.1)`,
    };
  }
  if (/[\r\n]/.test(draft.subject))
    return { status: 400, field: 'subject', message: 'the subject contains a line break' };
  for (const [name, value] of Object.entries(draft.headers)) {
    const problem = describeHeaderProblem(name, value);
    if (problem) return { status: 400, field: `headers.${name}`, message: problem };
  }
  const setProblem = describeHeaderSetProblem(draft.headers);
  if (setProblem) return { status: 400, field: 'headers', message: setProblem };
  const size = estimateEncodedBytes(draft);
  if (size > MAX_MESSAGE_BYTES) {
    return {
      status: 413,
      field: 'attachments',
      message: `the message would be about ${(size / 1024 / 1024).toFixed(1)} MiB once encoded: the Email Service sends at most 5 MiB per message (attachments included)`,
    };
  }
  return null;
}
