// One HTTP request under a deadline that also covers reading the answer, with the answer read only up to a limit.
import type { DeliveryDeps } from './attempt-outcome.ts';

/** What the delivery log keeps of an answer: enough to debug a receiver, small enough for a D1 row. */
export const RESPONSE_SNIPPET_BYTES = 1024;

export type TimedAnswer =
  | {
      kind: 'answer';
      status: number;
      headers: Headers;
      /** The body up to the read limit. */
      body: Uint8Array;
      /** True when the body was longer than the limit (the rest was not read). */
      truncated: boolean;
    }
  | { kind: 'timeout' }
  | { kind: 'network'; message: string };

/**
 * Sends one request and reads at most `readLimitBytes` of the answer, all within `deps.timeoutMs`.
 * Redirects are not followed: a POST redirected by 301/302 would silently become a GET, so a redirect is an
 * answer the caller reports (the target URL needs fixing).
 */
export async function sendTimedRequest(
  deps: Pick<DeliveryDeps, 'fetch' | 'timeoutMs'>,
  url: string,
  init: Omit<RequestInit, 'signal' | 'redirect'>,
  readLimitBytes: number,
): Promise<TimedAnswer> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, deps.timeoutMs);
  try {
    const response = await deps.fetch(url, { ...init, redirect: 'manual', signal: controller.signal });
    const { body, truncated } = await readBodyPrefix(response, readLimitBytes);
    return { kind: 'answer', status: response.status, headers: response.headers, body, truncated };
  } catch (error) {
    if (timedOut) return { kind: 'timeout' };
    return { kind: 'network', message: describeNetworkError(error) };
  } finally {
    clearTimeout(timer);
  }
}

async function readBodyPrefix(
  response: Response,
  limitBytes: number,
): Promise<{ body: Uint8Array; truncated: boolean }> {
  if (!response.body) return { body: new Uint8Array(0), truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
    if (length > limitBytes) {
      truncated = true;
      // Stop reading: a receiver answering with megabytes must not cost us the memory or the time.
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  const body = new Uint8Array(Math.min(length, limitBytes));
  let offset = 0;
  for (const chunk of chunks) {
    if (offset >= body.length) break;
    const part = chunk.subarray(0, body.length - offset);
    body.set(part, offset);
    offset += part.length;
  }
  return { body, truncated };
}

/** Decodes the first bytes of an answer for the log; a multi-byte character cut at the limit is dropped. */
export function decodeSnippet(body: Uint8Array, limitBytes = RESPONSE_SNIPPET_BYTES): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(body.subarray(0, limitBytes), { stream: true });
}

/** Milliseconds from a Retry-After header (RFC 9110 10.2.3: delay-seconds or an HTTP-date), or undefined. */
export function parseRetryAfterMs(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Node's fetch hides the useful part ("ECONNREFUSED 127.0.0.1:1234") in `cause`.
  const cause = (error as Error & { cause?: unknown }).cause;
  const causeMessage = cause instanceof Error ? cause.message : undefined;
  return causeMessage && causeMessage !== error.message ? `${error.message}: ${causeMessage}` : error.message;
}
