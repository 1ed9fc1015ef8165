// The complaining recipient of a feedback report that carries no Original-Rcpt-To: the To of the quoted original.
import { decodeBody, parseHeaderBlock, splitHeaderBlock, type MimeEntity } from './mime-scan.ts';
import { findHeader } from '../inbound/header-fields.ts';

/** Addresses in the To field of the embedded original (message/rfc822 or text/rfc822-headers). */
export function findFeedbackRecipientsInOriginal(leaves: MimeEntity[]): string[] {
  for (const part of leaves) {
    const type = part.contentType;
    let headerBlock: string | null = null;
    if (type === 'message/rfc822' || type === 'message/global')
      headerBlock = splitHeaderBlock(decodeBody(part)).headerBlock;
    else if (type === 'text/rfc822-headers' || type === 'message/global-headers') headerBlock = decodeBody(part);
    if (headerBlock === null) continue;
    const headers = parseHeaderBlock(headerBlock);
    const to = findHeader(headers, 'to');
    if (!to) continue;
    const addresses = [...to.matchAll(/[^\s<>,;"'()]+@[^\s<>,;"'()]+/g)].map((match) => match[0]);
    if (addresses.length > 0) return addresses;
  }
  return [];
}
