// Writes a message's raw bytes to R2 as they stream in, hashing them on the way: the one full copy lives in R2.
import { encodeHex, sha256Hex } from '../../shared/crypto/digest.ts';

export type StoredRaw = { key: string; checksum: string; sizeBytes: number };

export function rawKeyFor(inboundId: string): string {
  return `raw/${inboundId}.eml`;
}

/**
 * Streams `raw` into R2 under the inbound id's key and returns its SHA-256. R2 needs the length of a streamed
 * body up front: `sizeBytes` is the size the ingress announced (Email Routing's `rawSize`, a Content-Length);
 * without one, the bytes are buffered once instead.
 */
export async function storeRawMessage(
  bucket: R2Bucket,
  inboundId: string,
  raw: ReadableStream<Uint8Array>,
  sizeBytes: number | null,
): Promise<StoredRaw> {
  const key = rawKeyFor(inboundId);
  if (sizeBytes === null || !Number.isSafeInteger(sizeBytes) || sizeBytes < 0) {
    const bytes = new Uint8Array(await new Response(raw).arrayBuffer());
    const checksum = await sha256Hex(bytes);
    await bucket.put(key, bytes, { sha256: checksum, customMetadata: { inboundId } });
    return { key, checksum, sizeBytes: bytes.byteLength };
  }
  // workerd's streaming hash (crypto.DigestStream): WebCrypto itself has no incremental digest.
  const digest = new (crypto as unknown as { DigestStream: typeof DigestStream }).DigestStream('SHA-256');
  const digestWriter = digest.getWriter();
  const hashing = new TransformStream<Uint8Array, Uint8Array>({
    async transform(chunk, controller) {
      await digestWriter.write(chunk);
      controller.enqueue(chunk);
    },
    async flush() {
      await digestWriter.close();
    },
  });
  const body = raw.pipeThrough(hashing).pipeThrough(new FixedLengthStream(sizeBytes));
  await bucket.put(key, body, { customMetadata: { inboundId } });
  return { key, checksum: encodeHex(await digest.digest), sizeBytes };
}

/**
 * Reads the stored bytes back (or only `range` of them); a missing object is an error of the store, never of the
 * message.
 */
export async function loadRawMessage(
  bucket: R2Bucket,
  key: string,
  range?: { offset: number; length: number },
): Promise<ArrayBuffer> {
  const object = await bucket.get(key, range ? { range } : undefined);
  if (!object) throw new Error(`raw message ${key} is missing from R2`);
  return object.arrayBuffer();
}
