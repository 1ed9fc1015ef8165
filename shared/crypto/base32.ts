// Lower-case Crockford base32: tokens in mail local parts survive MTAs that fold case (RFC 5321 2.4 allows it).

export const CROCKFORD_BASE32_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** The first `chars` base32 characters of `bytes` (5 bits each, most significant first); all of them by default. */
export function encodeCrockfordBase32(bytes: Uint8Array, chars = Math.ceil((bytes.length * 8) / 5)): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += CROCKFORD_BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
    if (out.length >= chars) return out;
  }
  // The last group of fewer than 5 bits, padded with zero bits on the right.
  if (bits > 0 && out.length < chars) out += CROCKFORD_BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** True when every character of `text` is in the lower-case alphabet. */
export function isCrockfordBase32(text: string): boolean {
  for (const char of text) if (!CROCKFORD_BASE32_ALPHABET.includes(char)) return false;
  return true;
}
