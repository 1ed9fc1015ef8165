// What both Odoo protocols share: the target and outcome types, and how a failed hand-off is classified and worded.
import { failedOutcome, type AttemptFailureKind, type AttemptOutcome, type DeliveryDeps } from './attempt-outcome.ts';
import type { XmlRpcValue } from './odoo-xmlrpc.ts';
import { decodeSnippet, parseRetryAfterMs, type TimedAnswer } from './timed-request.ts';

export type OdooTarget = {
  protocol: 'xmlrpc' | 'json2';
  /** The Odoo base URL, e.g. `https://erp.example.com` (no trailing path). */
  url: string;
  /** Database name: required for XML-RPC; for JSON-2 sent as X-Odoo-Database when given. */
  db?: string;
  /** User login: required for XML-RPC (authenticate), unused by JSON-2. */
  login?: string;
  /** API key (or password for old XML-RPC setups). A Worker secret, never returned by the API. */
  apiKey: string;
};

export type OdooDeliveryDeps = DeliveryDeps & {
  /** Remembers XML-RPC uids across attempts (key: url, db, login), saving one round trip per message. */
  uidCache?: Map<string, number>;
};

export type OdooAttemptOutcome = AttemptOutcome & {
  /** What message_process returned: the id of the record the mail landed on, or null (`false` in Odoo: a
   *  duplicate Message-Id Odoo ignored, or a private reply without record). */
  threadId: number | null;
};

export const ODOO_USER_AGENT = 'mailgate-odoo/1';
/** Put on top of a JSON-2 message that had to be re-encoded: where the original bytes can be downloaded. */
export const ORIGINAL_MESSAGE_HEADER = 'X-Mailgate-Original-Message';

export type OdooHandOff = {
  /** A signed download link of the stored original (GET /files/<inbound id>), named in a re-encoded JSON-2 message. */
  originalUrl?: string;
};
/** Odoo's answers are small (an id, or a fault with a traceback of a few KiB); more is not Odoo talking. */
export const MAX_ODOO_ANSWER_BYTES = 1024 * 1024;
/** The start of the ValueError message_route raises when no alias, thread or fallback model matches. */
export const ODOO_NO_ROUTE_MARKER = 'No possible route found';
const ERROR_MESSAGE_CHARS = 500;

/** One delivery attempt: its services and the time spent so far. */
export type Attempt = { deps: OdooDeliveryDeps; elapsed: () => number };

/** The failures that are not Odoo talking: no answer, or an HTTP status that is not 200. */
export function describeTransportFailure(
  answer: TimedAnswer,
  attempt: Attempt,
  odooMessage?: string,
): OdooAttemptOutcome | null {
  const { deps } = attempt;
  if (answer.kind === 'timeout') {
    return failure(attempt, 'retry', null, '', 'timeout', `no answer from Odoo within ${deps.timeoutMs} ms`);
  }
  if (answer.kind === 'network') {
    return failure(attempt, 'retry', null, '', 'network', `connection to Odoo failed: ${answer.message}`);
  }
  const { status } = answer;
  if (status === 200) return null;
  const snippet = decodeSnippet(answer.body);
  const detail = odooMessage ? `: ${truncate(odooMessage)}` : '';
  if (status >= 300 && status < 400) {
    return failure(
      attempt,
      'retry',
      status,
      snippet,
      'redirect',
      `Odoo redirected to ${answer.headers.get('location') ?? '(no location)'}: set the target URL to the final address`,
    );
  }
  if (status === 401 || status === 403) {
    return refusedCredentials(attempt, status, snippet, ` (${status})${detail}; check the API key`);
  }
  return failure(
    attempt,
    'retry',
    status,
    snippet,
    'http-status',
    `Odoo answered ${status}${detail}`,
    parseRetryAfterMs(answer.headers.get('retry-after'), deps.now()),
  );
}

/** Classifies an error Odoo reported (an XML-RPC fault, or a JSON-2 error body). */
export function describeOdooError(
  attempt: Attempt,
  status: number,
  snippet: string,
  errorText: string,
  faultCode: XmlRpcValue,
): OdooAttemptOutcome {
  const noRoute = extractLineFrom(errorText, ODOO_NO_ROUTE_MARKER);
  if (noRoute) return failure(attempt, 'permanent-failure', status, snippet, 'no-route', noRoute);
  // Odoo's RPC_FAULT_CODE_ACCESS_DENIED is 3; older servers only say "Access Denied"/AccessDenied in the text.
  if (faultCode === 3 || /AccessDenied|Access Denied/.test(errorText)) {
    return refusedCredentials(attempt, status, snippet, `: ${truncate(lastMeaningfulLine(errorText))}`);
  }
  return failure(
    attempt,
    'retry',
    status,
    snippet,
    'odoo-fault',
    `Odoo failed: ${truncate(lastMeaningfulLine(errorText))}`,
  );
}

/** Odoo refused the API key: retried (the admin may fix the key meanwhile), the reason in Odoo's words. */
export function refusedCredentials(attempt: Attempt, status: number, snippet: string, why: string): OdooAttemptOutcome {
  return failure(attempt, 'retry', status, snippet, 'credentials', `Odoo refused the credentials${why}`);
}

export function failure(
  attempt: Attempt,
  disposition: 'retry' | 'permanent-failure',
  status: number | null,
  responseSnippet: string,
  kind: AttemptFailureKind,
  error: string,
  retryAfterMs?: number,
): OdooAttemptOutcome {
  return {
    ...failedOutcome(disposition, {
      status,
      latencyMs: attempt.elapsed(),
      responseSnippet,
      failure: kind,
      error,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    }),
    threadId: null,
  };
}

/** From `marker` to the end of its line: Odoo's sentence without the traceback around it. */
function extractLineFrom(text: string, marker: string): string | null {
  const start = text.indexOf(marker);
  if (start < 0) return null;
  const end = text.indexOf('\n', start);
  return truncate(text.slice(start, end < 0 ? undefined : end).trim());
}

/** A Python traceback ends with "ExceptionType: message": the line an admin needs. */
function lastMeaningfulLine(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  return lines[lines.length - 1] ?? '(no message)';
}

function truncate(text: string): string {
  return text.length > ERROR_MESSAGE_CHARS ? `${text.slice(0, ERROR_MESSAGE_CHARS - 1)}…` : text;
}

export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
