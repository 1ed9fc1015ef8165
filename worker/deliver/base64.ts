// Base64 (RFC 4648 section 4) over bytes with btoa/atob: the codec workerd offers without Node APIs.

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

/** Decodes standard base64; whitespace is ignored (MIME and XML-RPC senders wrap lines). Throws on bad input. */
export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text.replace(/[\s]+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
