// Pure header signals of upstream filters (spam verdicts) and the per-sender rate rule; who wrote a message (auto-replies,
// lists, mail systems, loops) is read by automation.ts.
import { findHeader, type HeaderField } from './header-fields.ts';

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

/** The first field's value, trimmed (postal-mime keeps a value's surrounding blanks). */
function firstValue(headers: readonly HeaderField[], name: string): string | null {
  return findHeader(headers, name)?.trim() ?? null;
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
export function readSpamVerdict(headers: readonly HeaderField[]): SpamVerdict {
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
