// Base64 (RFC 4648 section 4) and base64url (section 5) over bytes with btoa/atob: the codec every runtime here has.

/** Bytes per btoa call: a multiple of 3 so chunks concatenate without padding in the middle. */
const ENCODE_CHUNK_BYTES = 3 * 16 * 1024;

/** Encodes bytes as standard base64 with padding and no line breaks. */
export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += ENCODE_CHUNK_BYTES) {
    const chunk = bytes.subarray(start, start + ENCODE_CHUNK_BYTES);
    let binary = '';
    // String.fromCharCode over a chunk at a time: never one giant intermediate "binary string".
    for (let i = 0; i < chunk.length; i += 4096) {
      binary += String.fromCharCode(...chunk.subarray(i, i + 4096));
    }
    parts.push(btoa(binary));
  }
  return parts.join('');
}

/**
 * Decodes standard base64; whitespace is ignored (MIME, DNS and XML-RPC senders wrap lines) and the padding may be
 * left off. Throws a TypeError on anything else.
 */
export function decodeBase64(text: string): Uint8Array {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
    throw new TypeError('not base64 (RFC 4648 section 4)');
  }
  const binary = atob(compact.padEnd(Math.ceil(compact.length / 4) * 4, '='));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** base64url without padding: safe in a URL path, a query string or a token as is. */
export function encodeBase64Url(bytes: Uint8Array): string {
  return encodeBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes base64url, with or without padding. Throws a TypeError on anything else. */
export function decodeBase64Url(text: string): Uint8Array {
  if (/[+/\s]/.test(text)) throw new TypeError('not base64url (RFC 4648 section 5)');
  return decodeBase64(text.replace(/-/g, '+').replace(/_/g, '/'));
}
