// The complaining recipient of a feedback report that carries no Original-Rcpt-To: the To of the quoted original.
import { findHeader } from '../inbound/header-fields.ts';
import type { MessagePart } from './message-view.ts';
import { readEmbeddedOriginal } from './original.ts';

/** Addresses in the To field of the embedded original (message/rfc822 or text/rfc822-headers). */
export function findFeedbackRecipientsInOriginal(leaves: MessagePart[]): string[] {
  for (const part of leaves) {
    const headers = readEmbeddedOriginal(part);
    if (headers === null) continue;
    const to = findHeader(headers, 'to');
    if (!to) continue;
    const addresses = [...to.matchAll(/[^\s<>,;"'()]+@[^\s<>,;"'()]+/g)].map((match) => match[0]);
    if (addresses.length > 0) return addresses;
  }
  return [];
}
