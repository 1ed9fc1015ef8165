// The headers a Cloudflare `forward()` adds to a forwarded mail: mailgate's verdicts, as `X-` headers only.
import { encodeBase64 } from '../../shared/crypto/base64.ts';
import { LOOP_MARKER_HEADER } from './loop-marker.ts';

/** Cloudflare Email Routing lets forward() add custom `X-` headers and nothing else. */
const FORWARDABLE_HEADER_NAME = /^X-[A-Za-z0-9][A-Za-z0-9-]*$/i;
/** RFC 5322 2.1.1: a line must stay under 998 characters; keep room for the field name. */
export const MAX_FORWARD_HEADER_VALUE_CHARS = 900;

export type ForwardVerdict = {
  /** The inbound_emails row id, so the recipient can find the stored original (`GET /api/inbound/:id/raw`). */
  inboundId?: string;
  /** Authentication results by method (`spf`, `dkim`, `dmarc`, `arc`) → result (`pass`, `fail`, `none`, …). */
  auth?: Partial<Record<'spf' | 'dkim' | 'dmarc' | 'arc', string>>;
  spam?: { isSpam: boolean; score?: number; reason?: string };
  /** What the classifier saw: mail, bounce, auto-reply, feedback. */
  kind?: string;
  /** Why the mail was forwarded, in one sentence. */
  reason?: string;
  /** mailgate's signed loop marker (worker/deliver/loop-marker.ts): a copy that comes back is recognised and held. */
  loopMarker?: string;
  /** More headers; every name must start with `X-`. */
  extra?: Readonly<Record<string, string>>;
};

/** True for a header name forward() accepts. */
export function isForwardableHeaderName(name: string): boolean {
  return FORWARDABLE_HEADER_NAME.test(name);
}

/**
 * The verdict as headers for `message.forward(to, headers)`. Throws a TypeError for a header name that is not
 * `X-…` (a programmer error: Cloudflare would reject the forward). Values are made single-line and bounded, so
 * no verdict text can inject another header.
 */
export function buildForwardHeaders(verdict: ForwardVerdict): Headers {
  const fields: [string, string][] = [];
  if (verdict.inboundId) fields.push(['X-Mailgate-Inbound-Id', verdict.inboundId]);
  if (verdict.auth) {
    const results = (['spf', 'dkim', 'dmarc', 'arc'] as const)
      .filter((method) => verdict.auth?.[method])
      .map((method) => `${method}=${verdict.auth![method]}`);
    if (results.length > 0) fields.push(['X-Mailgate-Auth', results.join(' ')]);
  }
  if (verdict.spam) {
    const parts = [verdict.spam.isSpam ? 'yes' : 'no'];
    if (verdict.spam.score !== undefined) parts.push(`score=${verdict.spam.score}`);
    if (verdict.spam.reason) parts.push(`reason=${verdict.spam.reason}`);
    fields.push(['X-Mailgate-Spam', parts.join('; ')]);
  }
  if (verdict.kind) fields.push(['X-Mailgate-Kind', verdict.kind]);
  if (verdict.reason) fields.push(['X-Mailgate-Reason', verdict.reason]);
  if (verdict.loopMarker) fields.push([LOOP_MARKER_HEADER, verdict.loopMarker]);
  for (const [name, value] of Object.entries(verdict.extra ?? {})) fields.push([name, value]);

  const headers = new Headers();
  for (const [name, value] of fields) {
    if (!isForwardableHeaderName(name)) {
      throw new TypeError(`forward() only accepts X- headers, not "${name}"`);
    }
    headers.set(name, sanitizeHeaderValue(value));
  }
  return headers;
}

/**
 * One line of printable text: line breaks and control characters become spaces, the length is capped, and
 * non-ASCII text becomes RFC 2047 encoded-words (header values are bytes, and mail headers are ASCII).
 */
function sanitizeHeaderValue(value: string): string {
  const oneLine = value
    .replace(/[\u0000-\u001F\u007F]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  const capped =
    oneLine.length > MAX_FORWARD_HEADER_VALUE_CHARS
      ? `${oneLine.slice(0, MAX_FORWARD_HEADER_VALUE_CHARS - 3)}...`
      : oneLine;
  return /[^\x20-\x7E]/.test(capped) ? encodeWords(capped) : capped;
}

/** RFC 2047 section 2: an encoded-word is at most 75 characters; 45 bytes of UTF-8 give 60 base64 characters. */
const ENCODED_WORD_PAYLOAD_BYTES = 45;

function encodeWords(text: string): string {
  const encoder = new TextEncoder();
  const words: string[] = [];
  let chunk = '';
  // Split between characters, never inside a UTF-8 sequence (RFC 2047 section 5: each word must decode alone).
  for (const character of text) {
    if (encoder.encode(chunk + character).length > ENCODED_WORD_PAYLOAD_BYTES) {
      words.push(chunk);
      chunk = '';
    }
    chunk += character;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${encodeBase64(encoder.encode(word))}?=`).join(' ');
}
