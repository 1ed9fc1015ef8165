// HMAC-SHA256 (RFC 2104) over WebCrypto, and the one constant-time comparison everything that checks a secret uses.
// Verification goes through crypto.subtle.verify, which compares inside the runtime in constant time: no compare
// loop of our own that an optimiser or a refactor could turn into an early exit.

/** A key as the settings hold it (UTF-8 text), as raw bytes, or already imported. */
export type HmacSecret = string | Uint8Array | CryptoKey;

const encoder = new TextEncoder();

function toBytes(value: string | Uint8Array): Uint8Array<ArrayBuffer> {
  return (typeof value === 'string' ? encoder.encode(value) : value) as Uint8Array<ArrayBuffer>;
}

/** Imports a secret once, for callers that sign or verify several messages with it. */
export async function importHmacKey(secret: HmacSecret): Promise<CryptoKey> {
  if (typeof secret !== 'string' && !(secret instanceof Uint8Array)) return secret;
  return crypto.subtle.importKey('raw', toBytes(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

/** The 32-byte HMAC-SHA256 of `message` under `secret`. */
export async function signHmac(secret: HmacSecret, message: string | Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', await importHmacKey(secret), toBytes(message)));
}

/** True when `mac` is the full HMAC-SHA256 of `message` under `secret`, compared in constant time by the runtime. */
export async function verifyHmac(secret: HmacSecret, message: string | Uint8Array, mac: Uint8Array): Promise<boolean> {
  return crypto.subtle.verify('HMAC', await importHmacKey(secret), toBytes(mac), toBytes(message));
}

let comparisonKey: Promise<CryptoKey> | undefined;

/**
 * Compares two values (a truncated tag, a digest) in constant time whatever their length: `b` verifies against the
 * HMAC of `a` under a random key of this process only when they are equal, and the runtime does the comparing.
 */
export async function equalInConstantTime(a: string | Uint8Array, b: string | Uint8Array): Promise<boolean> {
  comparisonKey ??= crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]) as Promise<CryptoKey>;
  const key = await comparisonKey;
  return verifyHmac(key, b, await signHmac(key, a));
}
