// Pure header signals: auto-replies and loops (RFC 3834), list mail (RFC 2369/2919), spam verdicts, the rate rule.
import { LOOP_MARKER_HEADER } from '../deliver/loop-marker.ts';
import { findHeader, hasHeader, type HeaderField } from './header-fields.ts';

/** Odoo's gateway default (mail.gateway.loop.minutes / .threshold): 20 messages per sender in 120 minutes. */
export const DEFAULT_RATE_LIMIT = 20;
export const DEFAULT_RATE_WINDOW_MINUTES = 120;
/**
 * Cloudflare does not document the scale of `X-CF-SpamH-Score`; public deployments observe small integers and
 * treat 5 and above as spam. A score header is only a hint: the explicit flags win.
 */
export const CLOUDFLARE_SPAM_SCORE_THRESHOLD = 5;
/** SpamAssassin's default `required_score`, used when X-Spam-Status carries a score but no verdict. */
export const SPAMASSASSIN_REQUIRED_SCORE = 5;

export type MailSignals = {
  /** RFC 3834 5: any Auto-Submitted value other than `no`. */
  autoSubmitted: string | null;
  /** RFC 2076 / common practice: `Precedence: bulk | junk | list`. */
  precedence: 'bulk' | 'junk' | 'list' | null;
  /** Microsoft's and others' auto-responder markers (X-Autoreply, X-Autorespond, X-Auto-Response-Suppress). */
  autoResponder: boolean;
  /** RFC 2369 List-* or RFC 2919 List-Id. */
  listMail: boolean;
  /** The value of a mailgate loop marker, as written (whether this installation signed it is checked by the pipeline). */
  loopMarker: string | null;
  /** RFC 5321 4.5.5: empty MAIL FROM (bounces, DSNs). */
  nullSender: boolean;
  /** MAILER-DAEMON / postmaster senders (RFC 3834 2: never answer them). */
  mailerDaemon: boolean;
};

/** The first field's value, trimmed (postal-mime keeps a value's surrounding blanks). */
function firstValue(headers: HeaderField[], name: string): string | null {
  return findHeader(headers, name)?.trim() ?? null;
}

const LIST_HEADERS = [
  'list-id',
  'list-unsubscribe',
  'list-post',
  'list-help',
  'list-subscribe',
  'list-owner',
  'list-archive',
];
const DAEMON_LOCAL_PARTS = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)$/i;

export function readSignals(headers: HeaderField[], envelopeFrom: string): MailSignals {
  const autoSubmittedValue = firstValue(headers, 'auto-submitted');
  const autoSubmitted =
    autoSubmittedValue && !/^no\b/i.test(autoSubmittedValue) ? autoSubmittedValue.toLowerCase() : null;
  const precedenceValue = firstValue(headers, 'precedence')?.toLowerCase() ?? null;
  const precedence =
    precedenceValue === 'bulk' || precedenceValue === 'junk' || precedenceValue === 'list' ? precedenceValue : null;
  const suppress = firstValue(headers, 'x-auto-response-suppress');
  const autoResponder =
    hasHeader(headers, 'x-autoreply') ||
    hasHeader(headers, 'x-autorespond') ||
    (suppress !== null && /\b(all|oof|autoreply)\b/i.test(suppress));
  const sender = envelopeFrom.trim().replace(/^<|>$/g, '');
  const localPart = sender.includes('@') ? sender.slice(0, sender.lastIndexOf('@')) : sender;
  return {
    autoSubmitted,
    precedence,
    autoResponder,
    listMail: LIST_HEADERS.some((name) => hasHeader(headers, name)),
    loopMarker: firstValue(headers, LOOP_MARKER_HEADER.toLowerCase()),
    nullSender: sender === '',
    mailerDaemon: sender !== '' && DAEMON_LOCAL_PARTS.test(localPart),
  };
}

/** The message was produced by a machine (RFC 3834 5, bulk precedence, responder markers, a mailgate loop marker). */
export function isAutomated(signals: MailSignals): boolean {
  return (
    signals.autoSubmitted !== null ||
    signals.precedence !== null ||
    signals.autoResponder ||
    signals.loopMarker !== null
  );
}

/** RFC 3834 2: never answer automatically a null sender, MAILER-DAEMON, list mail or mail a machine sent. */
export function mayAutoAnswer(signals: MailSignals): boolean {
  return !signals.nullSender && !signals.mailerDaemon && !signals.listMail && !isAutomated(signals);
}

export type SpamVerdict = {
  flagged: boolean;
  score: number | null;
  /** Which header said so: `x-spam-flag`, `x-spam-status`, `x-spam-score`, `x-cfemailsecurity-disposition`, `x-cf-spamh-score`, or null. */
  source: string | null;
};

/** Cloudflare Email Security dispositions (its docs: SPAM is written as `UCE`). */
const CLOUDFLARE_SPAM_DISPOSITIONS = new Set(['MALICIOUS', 'MALICIOUS-BEC', 'SUSPICIOUS', 'SPOOF', 'UCE', 'SPAM']);

function readNumber(text: string | null | undefined): number | null {
  if (!text) return null;
  const value = Number.parseFloat(text);
  return Number.isFinite(value) ? value : null;
}

/**
 * The spam verdict upstream filters wrote. Any source that flags wins (a sender can write `X-Spam-Flag: NO`
 * itself, so a clean verdict never cancels a flag); the strongest source is named. Cloudflare's headers are only
 * meaningful on mail that came through its MX, SpamAssassin's when the relay's own MTA added them.
 */
export function readSpamVerdict(headers: HeaderField[]): SpamVerdict {
  const disposition = firstValue(headers, 'x-cfemailsecurity-disposition')?.toUpperCase() ?? null;
  const status = firstValue(headers, 'x-spam-status');
  const statusScore = readNumber(status?.match(/\bscore=(-?[\d.]+)/i)?.[1]);
  const flag = firstValue(headers, 'x-spam-flag');
  const spamScore = readNumber(firstValue(headers, 'x-spam-score'));
  const cloudflareScore = readNumber(firstValue(headers, 'x-cf-spamh-score'));
  const score = statusScore ?? spamScore ?? cloudflareScore;
  const sources: { source: string; flagged: boolean }[] = [];
  if (disposition)
    sources.push({ source: 'x-cfemailsecurity-disposition', flagged: CLOUDFLARE_SPAM_DISPOSITIONS.has(disposition) });
  if (flag !== null) sources.push({ source: 'x-spam-flag', flagged: /^yes\b/i.test(flag) });
  if (status !== null && /^(yes|no)\b/i.test(status))
    sources.push({ source: 'x-spam-status', flagged: /^yes\b/i.test(status) });
  if (spamScore !== null) sources.push({ source: 'x-spam-score', flagged: spamScore >= SPAMASSASSIN_REQUIRED_SCORE });
  if (cloudflareScore !== null) {
    sources.push({ source: 'x-cf-spamh-score', flagged: cloudflareScore >= CLOUDFLARE_SPAM_SCORE_THRESHOLD });
  }
  const decisive = sources.find((entry) => entry.flagged) ?? sources[0];
  return decisive
    ? { flagged: decisive.flagged, score, source: decisive.source }
    : { flagged: false, score: null, source: null };
}

export type RateLimit = { limit: number; windowMinutes: number };
export const DEFAULT_RATE_RULE: RateLimit = { limit: DEFAULT_RATE_LIMIT, windowMinutes: DEFAULT_RATE_WINDOW_MINUTES };

/**
 * `countInWindow` is how many messages this sender already sent to the alias (or thread) within the window,
 * this one excluded: the first `limit` pass, the next ones are over.
 */
export function isOverRateLimit(countInWindow: number, rule: RateLimit = DEFAULT_RATE_RULE): boolean {
  return countInWindow >= rule.limit;
}
