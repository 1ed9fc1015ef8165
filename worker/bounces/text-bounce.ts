// Non-standard bounces (qmail, Exim, Gmail, Yahoo, Exchange 2003, SES notices…): recipients and errors from the prose.
import { findEnhancedStatus, findReplyCode } from './status-codes.ts';

/** The part of a diagnostic worth keeping per recipient; longer prose is boilerplate. */
const MAX_DIAGNOSTIC_CHARS = 600;

/** An address as it appears in bounce prose: bare, in angle brackets or quotes. */
const ADDRESS_PATTERN =
  /[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+/g;

/** Local parts of mail-system and role addresses that a bounce mentions without them being the failed recipient. */
const SYSTEM_LOCAL_PART =
  /^(?:mailer-?daemon|postmaster|mail-?daemon|double-?bounce|abuse|hostmaster|webmaster|root|nobody|noreply|no-reply|do-?not-?reply|support|help|bounces?|returns?)$/i;

export type ProseRecipient = {
  address: string;
  /** The prose that belongs to this recipient: from its mention to the next recipient's. */
  diagnostic: string;
  status: string | null;
  replyCode: string | null;
};

/** Sentences that say the failure is temporary and delivery is still being attempted. */
const TRANSIENT_PROSE =
  /temporar|transient|delayed|has not (?:yet )?been delivered|not yet been delivered|will (?:continue to )?(?:retry|try|be retried)|still (?:trying|being retried)|deferred|warning: message|delivery status notification \(delay\)/i;
/** Sentences that say it is final. */
const PERMANENT_PROSE =
  /permanent|fatal|failed permanently|could not be delivered|gave up|given up|giving up|undeliverable|rejected/i;

/** What the prose says about permanence when no code does: transient wording only counts when nothing says final. */
export function readProsePermanence(prose: string): boolean {
  if (PERMANENT_PROSE.test(prose)) return true;
  return !TRANSIENT_PROSE.test(prose);
}

/**
 * Lists the failed recipients a bounce's prose names, with the text about each. Addresses the caller knows are
 * not recipients (the original sender, the report's own addresses) are excluded.
 */
export function findProseRecipients(prose: string, excluded: Set<string>): ProseRecipient[] {
  const mentions: Array<{ address: string; index: number; end: number }> = [];
  const seen = new Set<string>();
  ADDRESS_PATTERN.lastIndex = 0;
  for (let match = ADDRESS_PATTERN.exec(prose); match; match = ADDRESS_PATTERN.exec(prose)) {
    const address = match[0].replace(/^[.'`]+|[.'`]+$/g, '');
    const key = address.toLowerCase();
    const before = prose.slice(Math.max(0, match.index - 40), match.index).toLowerCase();
    if (isNotRecipientMention(address, before)) continue;
    if (excluded.has(key)) continue;
    if (seen.has(key)) continue;
    seen.add(key);
    mentions.push({ address, index: match.index, end: match.index + match[0].length });
  }
  return mentions.map((mention, i) => {
    const lineStart = prose.lastIndexOf('\n', mention.index) + 1;
    const next = mentions[i + 1];
    const segmentEnd = next ? prose.lastIndexOf('\n', next.index) : prose.length;
    const segment = prose.slice(lineStart, Math.max(segmentEnd, mention.end)).slice(0, MAX_DIAGNOSTIC_CHARS);
    const diagnostic = segment.replace(/\s+/g, ' ').trim();
    return {
      address: mention.address,
      diagnostic,
      status: findEnhancedStatus(segment),
      replyCode: findReplyCode(segment),
    };
  });
}

function isNotRecipientMention(address: string, before: string): boolean {
  const [localPart = '', domain = ''] = address.split('@');
  if (SYSTEM_LOCAL_PART.test(localPart)) return true;
  // Message-IDs and Received ids look like addresses; their context gives them away.
  if (/message-id:?\s*<?$|\bid\s+<?$|in-reply-to:?\s*<?$|references:?\s*<?$/.test(before)) return true;
  if (/^\d+\.\d+\./.test(localPart) || /^[0-9a-f]{16,}$/i.test(localPart.replace(/[.-]/g, ''))) return true;
  return !/[a-z]/i.test(domain.split('.').pop() ?? '');
}
