// The Odoo adapter: hands the raw bytes to `mail.thread.message_process`, as odoo-mailgate.py does, over HTTP.
//
// XML-RPC (every Odoo version): `authenticate(db, login, key, {})` on /xmlrpc/2/common gives the uid, then
// `execute_kw(db, uid, key, 'mail.thread', 'message_process', [false, <base64 raw>], {})` on /xmlrpc/2/object:
// the same call odoo-mailgate.py makes with `xmlrpc.client.Binary(msg)`, byte-exact.
// JSON-2 (Odoo 19+): `POST /json/2/mail.thread/message_process` with `Authorization: bearer <api key>` and the
// method's arguments by name, `{"model": false, "message": "<raw>"}`. Odoo encodes a str message as UTF-8 before
// parsing it: UTF-8 mail goes byte-exact, other mail is made 7-bit first (json2-message.ts), its meaning unchanged,
// with a header naming the stored original.
//
// Retry policy: timeouts, connection errors, 5xx, 429 and every other unexpected answer are retried with the
// webhook backoff. Rejected credentials (HTTP 401/403, Odoo's AccessDenied, authenticate → false) are also
// retried, because an admin can fix the key while the mail waits, and are flagged `failure: 'credentials'`.
// Odoo's "No possible route found for incoming message…" (its ValueError when no alias or thread matches) is a
// permanent failure recorded with Odoo's own words: retrying the same bytes routes the same way.
import {
  deliveredOutcome,
  failedOutcome,
  type AttemptFailureKind,
  type AttemptOutcome,
  type DeliveryDeps,
} from './attempt-outcome.ts';
import { decodeXmlRpcResponse, encodeXmlRpcCall, type XmlRpcResponse, type XmlRpcValue } from './odoo-xmlrpc.ts';
import { prepareJson2Message } from './json2-message.ts';
import { decodeSnippet, parseRetryAfterMs, sendTimedRequest, type TimedAnswer } from './timed-request.ts';

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

/** Hands one raw message to one Odoo target. Never throws for a delivery problem. */
export async function deliverToOdoo(
  target: OdooTarget,
  raw: Uint8Array,
  deps: OdooDeliveryDeps,
  handOff: OdooHandOff = {},
): Promise<OdooAttemptOutcome> {
  const startedAt = deps.now();
  const attempt: Attempt = { deps, elapsed: () => Math.max(0, deps.now() - startedAt) };
  return target.protocol === 'json2'
    ? deliverOverJson2(target, raw, attempt, handOff)
    : deliverOverXmlRpc(target, raw, attempt);
}

type Attempt = { deps: OdooDeliveryDeps; elapsed: () => number };

// ---------------------------------------------------------------------------------------------------- XML-RPC

async function deliverOverXmlRpc(target: OdooTarget, raw: Uint8Array, attempt: Attempt): Promise<OdooAttemptOutcome> {
  const { db, login } = target;
  if (!db || !login) {
    return failure(
      attempt,
      'permanent-failure',
      null,
      '',
      'configuration',
      'an XML-RPC target needs a database and a login',
    );
  }
  const cacheKey = `${target.url}\u0000${db}\u0000${login}`;
  let uid = attempt.deps.uidCache?.get(cacheKey);
  if (uid === undefined) {
    const authenticated = await callXmlRpc(target, 'common', 'authenticate', [db, login, target.apiKey, {}], attempt);
    if (!authenticated.ok) return authenticated.outcome;
    const { value } = authenticated;
    if (typeof value !== 'number') {
      // Odoo answers `false` for a wrong database, login or key.
      return failure(
        attempt,
        'retry',
        authenticated.status,
        authenticated.snippet,
        'credentials',
        `Odoo refused the credentials: authenticate(${db}, ${login}) returned ${JSON.stringify(value)}`,
      );
    }
    uid = value;
    attempt.deps.uidCache?.set(cacheKey, uid);
  }
  const processed = await callXmlRpc(
    target,
    'object',
    'execute_kw',
    [db, uid, target.apiKey, 'mail.thread', 'message_process', [false, raw], {}],
    attempt,
  );
  if (!processed.ok) {
    if (processed.outcome.failure === 'credentials') attempt.deps.uidCache?.delete(cacheKey);
    return processed.outcome;
  }
  return {
    ...deliveredOutcome({ status: processed.status, latencyMs: attempt.elapsed(), responseSnippet: processed.snippet }),
    threadId: typeof processed.value === 'number' ? processed.value : null,
  };
}

type XmlRpcCallResult =
  | { ok: true; value: XmlRpcValue; status: number; snippet: string }
  | { ok: false; outcome: OdooAttemptOutcome };

async function callXmlRpc(
  target: OdooTarget,
  service: 'common' | 'object',
  method: string,
  params: readonly XmlRpcValue[],
  attempt: Attempt,
): Promise<XmlRpcCallResult> {
  let requestBody: string;
  try {
    requestBody = encodeXmlRpcCall(method, params);
  } catch (error) {
    // Only the credentials are strings we did not write: a control character in them cannot travel in XML.
    return {
      ok: false,
      outcome: failure(
        attempt,
        'permanent-failure',
        null,
        '',
        'configuration',
        `${method}: ${error instanceof Error ? error.message : String(error)}`,
      ),
    };
  }
  const answer = await sendTimedRequest(
    attempt.deps,
    `${trimSlash(target.url)}/xmlrpc/2/${service}`,
    { method: 'POST', headers: { 'content-type': 'text/xml', 'user-agent': ODOO_USER_AGENT }, body: requestBody },
    MAX_ODOO_ANSWER_BYTES,
  );
  // Odoo answers every XML-RPC call, faults included, with 200: anything else is the transport talking.
  if (answer.kind !== 'answer' || answer.status !== 200) {
    return { ok: false, outcome: describeTransportFailure(answer, attempt)! };
  }
  const { status, body } = answer;
  const snippet = decodeSnippet(body);
  let response: XmlRpcResponse;
  try {
    response = decodeXmlRpcResponse(new TextDecoder().decode(body));
  } catch (error) {
    return {
      ok: false,
      outcome: failure(
        attempt,
        'retry',
        status,
        snippet,
        'bad-response',
        `${method}: the answer is not XML-RPC (${error instanceof Error ? error.message : String(error)})`,
      ),
    };
  }
  if (response.kind === 'result') return { ok: true, value: response.value, status, snippet };
  return { ok: false, outcome: describeOdooError(attempt, status, snippet, response.faultString, response.faultCode) };
}

// ---------------------------------------------------------------------------------------------------- JSON-2

async function deliverOverJson2(
  target: OdooTarget,
  raw: Uint8Array,
  attempt: Attempt,
  handOff: OdooHandOff,
): Promise<OdooAttemptOutcome> {
  const prepared = prepareJson2Message(raw);
  const changed = prepared.reencodedParts > 0 || prepared.repairedBytes > 0;
  const message =
    changed && handOff.originalUrl
      ? `${ORIGINAL_MESSAGE_HEADER}: <${handOff.originalUrl}>\r\n${prepared.message}`
      : prepared.message;
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    authorization: `bearer ${target.apiKey}`,
    'user-agent': ODOO_USER_AGENT,
  };
  if (target.db) headers['x-odoo-database'] = target.db;
  const answer = await sendTimedRequest(
    attempt.deps,
    `${trimSlash(target.url)}/json/2/mail.thread/message_process`,
    // message_process(model, message, …) is an @api.model method: no `ids`; model=false lets Odoo route.
    { method: 'POST', headers, body: JSON.stringify({ model: false, message }) },
    MAX_ODOO_ANSWER_BYTES,
  );
  if (answer.kind !== 'answer') return describeTransportFailure(answer, attempt)!;
  const { status, body } = answer;
  const text = new TextDecoder().decode(body);
  const snippet = decodeSnippet(body);
  if (status === 200) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return failure(attempt, 'retry', status, snippet, 'bad-response', 'message_process: the answer is not JSON');
    }
    const outcome: OdooAttemptOutcome = {
      ...deliveredOutcome({ status, latencyMs: attempt.elapsed(), responseSnippet: snippet }),
      threadId: typeof value === 'number' ? value : null,
    };
    if (changed) {
      const repaired =
        prepared.repairedBytes > 0
          ? `; ${prepared.repairedBytes} header byte(s) outside UTF-8 were read as windows-1252`
          : '';
      outcome.note = `the raw message is not UTF-8: for JSON-2, ${prepared.reencodedParts} part(s) were re-encoded (base64 or quoted-printable, same content)${repaired}${handOff.originalUrl ? `; the original is named in ${ORIGINAL_MESSAGE_HEADER}` : ''}`;
    }
    return outcome;
  }
  // Odoo 19 answers errors as JSON: {name, message, arguments, context, debug} (or a bare JSON string in early
  // 19.0 builds); a ValueError such as "No possible route" comes back as a 500.
  const odooMessage = readJson2ErrorMessage(text);
  if (text.includes(ODOO_NO_ROUTE_MARKER)) {
    return describeOdooError(attempt, status, snippet, odooMessage ?? text, null);
  }
  return describeTransportFailure(answer, attempt, odooMessage)!;
}

function readJson2ErrorMessage(text: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'string') return parsed;
    if (parsed && typeof parsed === 'object' && typeof (parsed as { message?: unknown }).message === 'string') {
      return (parsed as { message: string }).message;
    }
  } catch {
    // Not JSON (a proxy's HTML error page): the snippet tells the story.
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------- shared

/** The failures that are not Odoo talking: no answer, or an HTTP status that is not 200. */
function describeTransportFailure(
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
    return failure(
      attempt,
      'retry',
      status,
      snippet,
      'credentials',
      `Odoo refused the credentials (${status})${detail}; check the API key`,
    );
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
function describeOdooError(
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
    return failure(
      attempt,
      'retry',
      status,
      snippet,
      'credentials',
      `Odoo refused the credentials: ${truncate(lastMeaningfulLine(errorText))}`,
    );
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

function failure(
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

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
