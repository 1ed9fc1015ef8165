// Which Message-IDs can place a message in a thread, most specific first: the rule the pipeline and the threading
// evaluation share.
import type { ParsedMail } from './parse.ts';

/** RFC 5322 3.6.4 lets References grow without bound; the newest 32 are enough to find a conversation. */
export const MAX_REFERENCES_CONSIDERED = 32;

/**
 * In-Reply-To first (the parent), then References from the newest (RFC 5322 3.6.4: newest last), then the message's
 * own id — which a reply that arrived earlier may already reference, so a parent late to arrive joins its children.
 */
export function threadCandidateIds(mail: Pick<ParsedMail, 'inReplyTo' | 'references' | 'messageId'>): string[] {
  const references = mail.references.slice(-MAX_REFERENCES_CONSIDERED).reverse();
  const ids = [...(mail.inReplyTo ? [mail.inReplyTo] : []), ...references, ...(mail.messageId ? [mail.messageId] : [])];
  return [...new Set(ids)];
}
