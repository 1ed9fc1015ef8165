// Signed address tokens: `catchall+<reply token>@domain` (a thread) and `bounce+<VERP token>@domain` (a sent message).
// A token is the id it names plus an HMAC-SHA256 tag: a forged or altered token never verifies.
import { encodeCrockfordBase32, isCrockfordBase32 } from '../crypto/base32.ts';
import { equalInConstantTime, signHmac } from '../crypto/hmac.ts';

/** 10 characters of tag = 50 bits: guessing one takes ~10^15 tries, far beyond what any mail flow allows. */
const TAG_CHARS = 10;

export type AddressTokenKind = 'reply' | 'verp';
const KIND_CHAR: Record<AddressTokenKind, string> = { reply: 'r', verp: 'b' };
/** The id types a token may name, by kind: a reply token names a thread, a VERP token an outbound message. */
const ID_PREFIX: Record<AddressTokenKind, string> = { reply: 'thr_', verp: 'msg_' };

/** HMAC-SHA256 of `message` under `secret`, as `chars` lower-case base32 characters (5 bits each, at most 51). */
export async function computeHmacTag(message: string, secret: string, chars: number): Promise<string> {
  return encodeCrockfordBase32(await signHmac(secret, message), chars);
}

function computeTag(kind: AddressTokenKind, id: string, secret: string): Promise<string> {
  return computeHmacTag(`mailgate:${kind}:${id}`, secret, TAG_CHARS);
}

/** Splits a secret setting into keys: the first signs, all verify (rotation without breaking sent tokens). */
export function parseSecrets(setting: string | undefined): string[] {
  return (setting ?? '').split(/[\s,]+/).filter((secret) => secret.length >= 16);
}

export async function signAddressToken(kind: AddressTokenKind, id: string, secrets: string[]): Promise<string> {
  const prefix = ID_PREFIX[kind];
  if (!id.startsWith(prefix)) throw new Error(`a ${kind} token names a ${prefix}… id, not ${id}`);
  const secret = secrets[0];
  if (!secret) throw new Error('no token secret configured (REPLY_TOKEN_SECRET, at least 16 characters)');
  return `${KIND_CHAR[kind]}${id.slice(prefix.length).toLowerCase()}${await computeTag(kind, id, secret)}`;
}

/** The id a token names, or null when it is malformed or its tag matches none of the secrets. */
export async function verifyAddressToken(
  kind: AddressTokenKind,
  token: string,
  secrets: string[],
): Promise<string | null> {
  const lower = token.toLowerCase();
  if (lower.length <= 1 + TAG_CHARS || lower[0] !== KIND_CHAR[kind]) return null;
  if (!isCrockfordBase32(lower.slice(1))) return null;
  const id = `${ID_PREFIX[kind]}${lower.slice(1, -TAG_CHARS)}`;
  const tag = lower.slice(-TAG_CHARS);
  for (const secret of secrets) {
    if (await equalInConstantTime(await computeTag(kind, id, secret), tag)) return id;
  }
  return null;
}
