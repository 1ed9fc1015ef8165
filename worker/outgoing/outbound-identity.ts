// The identity of an outgoing mail: its Message-ID and the signed addresses that bring its replies (the thread's
// reply token) and bounces (the message's VERP token) back to the right thread and record.
import { signAddressToken } from '../../shared/mail/tokens.ts';
import type { DomainRow } from '../store/domains.ts';

/** RFC 5322 3.6.4: globally unique, with the domain on the right; the random part carries no information. */
export function mintMessageId(messageRowId: string, domainName: string): string {
  return `${messageRowId.slice(4)}.${crypto.randomUUID().slice(0, 8)}@${domainName}`;
}

export type SignedAddresses = {
  /** `catchall+<reply token>@domain`: replies to it join the thread, whatever the client does with References. */
  replyTo: string;
  /** `bounce+<VERP token>@domain`: the envelope sender, so a bounce names the exact message and recipient. */
  returnPath: string;
};

export async function signReplyAddresses(
  domain: Pick<DomainRow, 'name' | 'catchall' | 'bounce' | 'subaddressSeparator'>,
  threadId: string,
  messageRowId: string,
  secrets: readonly string[],
): Promise<SignedAddresses> {
  const [replyToken, verpToken] = await Promise.all([
    signAddressToken('reply', threadId, [...secrets]),
    signAddressToken('verp', messageRowId, [...secrets]),
  ]);
  return {
    replyTo: `${domain.catchall}${domain.subaddressSeparator}${replyToken}@${domain.name}`,
    returnPath: `${domain.bounce}${domain.subaddressSeparator}${verpToken}@${domain.name}`,
  };
}
