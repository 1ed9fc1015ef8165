// What an error of Cloudflare Email Service's `send_email` binding means for the outbox: the message refused for
// good, or a retry with the usual backoff (Workers API error codes; the binding's own restrictions as workerd words them).
import { failedOutcome, type AttemptOutcome } from './attempt-outcome.ts';

/** Refusals of the message itself (Workers API error codes): sending the same message again cannot succeed. */
const REFUSAL_CODES = new Set([
  'E_VALIDATION_ERROR',
  'E_FIELD_MISSING',
  'E_TOO_MANY_RECIPIENTS',
  'E_RECIPIENT_NOT_ALLOWED',
  'E_RECIPIENT_SUPPRESSED',
  'E_CONTENT_TOO_LARGE',
  'E_HEADER_NOT_ALLOWED',
  'E_HEADER_USE_API_FIELD',
  'E_HEADER_VALUE_INVALID',
  'E_HEADER_VALUE_TOO_LONG',
  'E_HEADER_NAME_INVALID',
  'E_HEADERS_TOO_LARGE',
  'E_HEADERS_TOO_MANY',
]);
/** The sending domain is not (yet) onboarded: retried, since an admin can fix it while the mail waits. */
const SETUP_CODES = new Set(['E_SENDER_NOT_VERIFIED', 'E_SENDER_DOMAIN_NOT_AVAILABLE']);
/** The binding's own restrictions (`allowed_sender_addresses`, destination lists) answer "email from/to … not allowed". */
const BINDING_RESTRICTION = /\bemail (?:from|to) .+ not allowed\b/i;

/** What the binding's error means for the outbox: refused for good, or retried with the webhook backoff. */
export function describeSendError(error: unknown, latencyMs: number): AttemptOutcome {
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : null;
  const message = error instanceof Error ? error.message : String(error);
  const said = code ? `${code}: ${message}` : message;
  const base = { status: null, latencyMs, responseSnippet: '' };
  if ((code && REFUSAL_CODES.has(code)) || BINDING_RESTRICTION.test(message)) {
    return failedOutcome('permanent-failure', {
      ...base,
      failure: 'send-refused',
      error: `the Email Service refused the message: ${said}`,
    });
  }
  if (code && SETUP_CODES.has(code)) {
    return failedOutcome('retry', {
      ...base,
      failure: 'configuration',
      error: `the sending domain is not ready in Email Service (Email Sending onboarding): ${said}`,
    });
  }
  return failedOutcome('retry', {
    ...base,
    failure: 'send-failed',
    error: `the Email Service could not take the message now: ${said}`,
  });
}
