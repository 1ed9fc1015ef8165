// The CLI's side of `POST /api/ingress/raw`: streams one raw message with its Content-Length and reads the answer.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { ingressResultSchema, type IngressResult } from '../shared/api/ingress.ts';

export type IngressQuery = {
  sender: string;
  recipients: string[];
  import?: boolean;
  deliver?: boolean;
  domain?: string;
  /** Restoring an export: the thread the message was filed in (kept), or `none`. */
  restoreThread?: string;
};

/** How an answer counts for the MTA or the importer: stored, refused for good, or worth another try later. */
export type IngressVerdict =
  | { kind: 'accepted'; result: IngressResult }
  | { kind: 'refused'; status: number; message: string; result: IngressResult | null }
  | { kind: 'transient'; status: number | null; message: string; retryAfterSeconds: number | null };

export function buildIngressUrl(base: string, query: IngressQuery): URL {
  const url = new URL('/api/ingress/raw', base);
  url.searchParams.set('sender', query.sender);
  for (const recipient of query.recipients) url.searchParams.append('recipient', recipient);
  if (query.import) url.searchParams.set('import', '1');
  if (query.deliver) url.searchParams.set('deliver', '1');
  if (query.domain) url.searchParams.set('domain', query.domain);
  if (query.restoreThread) url.searchParams.set('restoreThread', query.restoreThread);
  return url;
}

/**
 * 400 (a malformed envelope), 413 (too large) and 422 (refused, the 550 of email()) are final for this message.
 * Everything else (401/403/404: a relay's token or URL is wrong, 429, 5xx) is transient: the MTA keeps the mail
 * queued and retries, so a misconfigured relay delays mail instead of bouncing it.
 */
export function judgeAnswer(status: number, body: string, retryAfter: string | undefined): IngressVerdict {
  let json: unknown = null;
  try {
    json = JSON.parse(body);
  } catch {
    // a proxy's HTML error page, for example
  }
  const message =
    (json as { error?: { message?: string } } | null)?.error?.message ??
    (body.trim().slice(0, 300) || `HTTP ${status}`);
  if (status >= 200 && status < 300) {
    const parsed = ingressResultSchema.safeParse(json);
    if (parsed.success) return { kind: 'accepted', result: parsed.data };
    return { kind: 'transient', status, message: `unexpected answer: ${body.slice(0, 200)}`, retryAfterSeconds: null };
  }
  if (status === 400 || status === 413 || status === 422) {
    const parsed = ingressResultSchema.safeParse(json);
    return { kind: 'refused', status, message, result: parsed.success ? parsed.data : null };
  }
  const seconds = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : null;
  return { kind: 'transient', status, message, retryAfterSeconds: seconds };
}

/** POSTs the body (a stream of `sizeBytes` bytes, or a buffer) and judges the answer; a network error is transient. */
export function postRawMessage(input: {
  url: URL;
  token: string;
  body: Readable | Uint8Array;
  sizeBytes: number;
  timeoutMs: number;
}): Promise<IngressVerdict> {
  const send = input.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const transient = (message: string) =>
      resolve({ kind: 'transient', status: null, message, retryAfterSeconds: null });
    const request = send(
      input.url,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${input.token}`,
          'content-type': 'message/rfc822',
          'content-length': String(input.sizeBytes),
        },
        timeout: input.timeoutMs,
      },
      (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const retryAfter = response.headers['retry-after'];
          resolve(
            judgeAnswer(
              response.statusCode ?? 0,
              Buffer.concat(chunks).toString('utf8'),
              typeof retryAfter === 'string' ? retryAfter : undefined,
            ),
          );
        });
        response.on('error', (error) => transient(`reading the answer failed: ${error.message}`));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${input.timeoutMs / 1000} s`)));
    request.on('error', (error: NodeJS.ErrnoException) =>
      transient(`${input.url.origin} unreachable: ${error.code ?? error.message}`),
    );
    if (input.body instanceof Uint8Array) {
      request.end(input.body);
    } else {
      input.body.on('error', (error) => request.destroy(error));
      input.body.pipe(request);
    }
  });
}
