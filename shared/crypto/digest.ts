// SHA-256 digests as lower-case hex: how API tokens are kept at rest and raw mail is fingerprinted.

/** Lower-case hex of bytes, two digits each. */
export function encodeHex(bytes: ArrayBuffer | Uint8Array): string {
  let hex = '';
  for (const byte of bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes))
    hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** The SHA-256 of `data` (text as UTF-8) as lower-case hex. */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return encodeHex(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}
