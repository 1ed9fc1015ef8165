// mailgate's loop marker: every forward() carries `X-Mailgate-Loop: <inbound id>.<HMAC tag>`, signed with this
// installation's secret (REPLY_TOKEN_SECRET). Mail that comes back with a marker this installation signed is one of
// its own forwards returning: it is held, never forwarded again. A marker anyone could write (a domain name, another
// installation's tag) is not ours and changes nothing: nobody can get mail held by adding a header.
import { equalInConstantTime } from '../../shared/crypto/hmac.ts';
import { computeHmacTag } from '../../shared/mail/tokens.ts';

export const LOOP_MARKER_HEADER = 'X-Mailgate-Loop';
/** 26 base32 characters = 130 bits: a forged marker would have to guess an HMAC. */
const LOOP_TAG_CHARS = 26;
const MARKER = /^(inb_[0-9a-z]{1,40})\.([0-9a-z]{26})$/;

function computeLoopTag(inboundId: string, secret: string): Promise<string> {
  return computeHmacTag(`mailgate:loop:${inboundId}`, secret, LOOP_TAG_CHARS);
}

/** The marker a forward of the inbound message `inboundId` carries; null when no secret is configured. */
export async function signLoopMarker(inboundId: string, secrets: readonly string[]): Promise<string | null> {
  const secret = secrets[0];
  return secret ? `${inboundId}.${await computeLoopTag(inboundId, secret)}` : null;
}

/** The inbound id a marker was signed for by this installation (any of its secrets), or null when it is not ours. */
export async function verifyLoopMarker(value: string | null, secrets: readonly string[]): Promise<string | null> {
  const match = value?.trim().toLowerCase().match(MARKER);
  if (!match) return null;
  const [, inboundId = '', tag = ''] = match;
  for (const secret of secrets) {
    if (await equalInConstantTime(await computeLoopTag(inboundId, secret), tag)) return inboundId;
  }
  return null;
}
