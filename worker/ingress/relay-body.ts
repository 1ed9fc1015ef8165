// The relay's request body as R2 needs it: a stream of known length, never over the message size cap.
import { MAX_MESSAGE_BYTES } from '../inbound/limits.ts';

export type SizedBody = { raw: ReadableStream<Uint8Array>; sizeBytes: number };

export class BodyTooLargeError extends Error {
  constructor() {
    super(`the message is larger than ${MAX_MESSAGE_BYTES} bytes (the Email Routing limit)`);
  }
}

export class EmptyBodyError extends Error {
  constructor() {
    super('the request body is empty: send the raw RFC 5322 message');
  }
}

/**
 * With a Content-Length the body streams as it is (refused at once when the length is over the cap); without one
 * (chunked transfer) it is read into memory up to the cap and refused as soon as it goes over it.
 */
export async function sizeRelayBody(
  body: ReadableStream<Uint8Array> | null,
  contentLength: string | undefined,
): Promise<SizedBody> {
  if (contentLength !== undefined && /^\d+$/.test(contentLength.trim())) {
    const sizeBytes = Number(contentLength);
    if (sizeBytes > MAX_MESSAGE_BYTES) {
      await body?.cancel();
      throw new BodyTooLargeError();
    }
    if (sizeBytes === 0 || !body) throw new EmptyBodyError();
    return { raw: body, sizeBytes };
  }
  const bytes = await readWithin(body, MAX_MESSAGE_BYTES);
  if (bytes.byteLength === 0) throw new EmptyBodyError();
  return {
    raw: new ReadableStream({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    }),
    sizeBytes: bytes.byteLength,
  };
}

async function readWithin(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new BodyTooLargeError();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
