// Odoo over XML-RPC (every version): authenticate on /xmlrpc/2/common, then message_process through execute_kw.
import { deliveredOutcome } from './attempt-outcome.ts';
import {
  describeOdooError,
  describeTransportFailure,
  failure,
  MAX_ODOO_ANSWER_BYTES,
  ODOO_USER_AGENT,
  refusedCredentials,
  trimSlash,
  type Attempt,
  type OdooAttemptOutcome,
  type OdooTarget,
} from './odoo-common.ts';
import { decodeXmlRpcResponse, encodeXmlRpcCall, type XmlRpcResponse, type XmlRpcValue } from './odoo-xmlrpc.ts';
import { decodeSnippet, sendTimedRequest } from './timed-request.ts';

export async function deliverOverXmlRpc(
  target: OdooTarget,
  raw: Uint8Array,
  attempt: Attempt,
): Promise<OdooAttemptOutcome> {
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
      return refusedCredentials(
        attempt,
        authenticated.status,
        authenticated.snippet,
        `: authenticate(${db}, ${login}) returned ${JSON.stringify(value)}`,
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
