// Odoo over JSON-2 (Odoo 19+): one POST to /json/2/mail.thread/message_process with a bearer API key.
import { deliveredOutcome } from './attempt-outcome.ts';
import { prepareJson2Message } from './json2-message.ts';
import {
  describeOdooError,
  describeTransportFailure,
  failure,
  MAX_ODOO_ANSWER_BYTES,
  ODOO_NO_ROUTE_MARKER,
  ODOO_USER_AGENT,
  ORIGINAL_MESSAGE_HEADER,
  trimSlash,
  type Attempt,
  type OdooAttemptOutcome,
  type OdooHandOff,
  type OdooTarget,
} from './odoo-common.ts';
import { decodeSnippet, sendTimedRequest } from './timed-request.ts';

export async function deliverOverJson2(
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
