// Which Message-IDs can place a message in a thread, most specific first, and which ones a filed message leaves in
// its thread: the rule the pipeline and the threading evaluation share.
import type { ParsedMail } from './parse.ts';

/**
 * RFC 5322 3.6.4 lets References grow without bound (a long list thread carries hundreds); the newest 32 are enough
 * to find a conversation, and they are all that is stored or looked up, whatever the message brings.
 */
export const MAX_REFERENCES_CONSIDERED = 32;

/** The newest References (RFC 5322 3.6.4: newest last), in their order. */
export function newestReferences(mail: Pick<ParsedMail, 'references'>): string[] {
  return mail.references.slice(-MAX_REFERENCES_CONSIDERED);
}

/**
 * In-Reply-To first (the parent), then References from the newest, then the message's own id — which a reply that
 * arrived earlier may already reference, so a parent late to arrive joins its children.
 */
export function threadCandidateIds(mail: Pick<ParsedMail, 'inReplyTo' | 'references' | 'messageId'>): string[] {
  const ids = [
    ...(mail.inReplyTo ? [mail.inReplyTo] : []),
    ...newestReferences(mail).reverse(),
    ...(mail.messageId ? [mail.messageId] : []),
  ];
  return [...new Set(ids)];
}

/** The ids a filed message adds to its thread: its own, its parent and its newest References. */
export function threadRefIds(mail: Pick<ParsedMail, 'inReplyTo' | 'references' | 'messageId'>): string[] {
  const ids = [mail.messageId, mail.inReplyTo, ...newestReferences(mail)].filter((id): id is string => !!id);
  return [...new Set(ids)];
}
