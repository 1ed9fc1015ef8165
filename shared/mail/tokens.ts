// Signed address tokens: `catchall+<reply token>@domain` (a thread) and `bounce+<VERP token>@domain` (a sent message).
// A token is the id it names plus an HMAC-SHA256 tag: a forged or altered token never verifies.

/** Lower-case Crockford base32: local parts survive MTAs that fold case (RFC 5321 2.4 allows it). */
const BASE32 = '0123456789abcdefghjkmnpqrstvwxyz';
/** 10 characters of tag = 50 bits: guessing one takes ~10^15 tries, far beyond what any mail flow allows. */
const TAG_CHARS = 10;

export type AddressTokenKind = 'reply' | 'verp';
const KIND_CHAR: Record<AddressTokenKind, string> = { reply: 'r', verp: 'b' };
/** The id types a token may name, by kind: a reply token names a thread, a VERP token an outbound message. */
const ID_PREFIX: Record<AddressTokenKind, string> = { reply: 'thr_', verp: 'msg_' };

function encodeBase32(bytes: Uint8Array, chars: number): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
    if (out.length >= chars) break;
  }
  return out;
}

/** HMAC-SHA256 of `message` under `secret`, as `chars` lower-case base32 characters (5 bits each, at most 51). */
export async function computeHmacTag(message: string, secret: string, chars: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message));
  return encodeBase32(new Uint8Array(mac), chars);
}

/** Equal-length strings compared without an early exit, so timing tells nothing about a tag. */
export function tagsEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
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
  if (![...lower.slice(1)].every((ch) => BASE32.includes(ch))) return null;
  const id = `${ID_PREFIX[kind]}${lower.slice(1, -TAG_CHARS)}`;
  const tag = lower.slice(-TAG_CHARS);
  for (const secret of secrets) {
    if (tagsEqual(await computeTag(kind, id, secret), tag)) return id;
  }
  return null;
}
