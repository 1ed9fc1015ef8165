// "Test with mailgate": the Outgoing Mail Server form's values tested by the gateway (`POST /api/smtp-test`), asked
// through the background (which holds the gateway token; the content script never does), only on the admin's click.
// The password travels once, to the admin's own gateway, and is kept nowhere.
import { z } from 'zod';
import { browser } from 'wxt/browser';
import { smtpTestRequestSchema, type SmtpTestResult } from '../../shared/api/smtp-test.ts';
import { createApiClient } from '../gateway/api-client.ts';
import { loadConnection, type GatewayConnection } from '../gateway/connection.ts';
import { answerRuntimeRequests } from '../messages/answer-runtime-requests.ts';

export const SMTP_TEST_MESSAGE_TYPE = 'mailgate:smtp-test';

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const smtpTestMessageSchema = z.object({ type: z.literal(SMTP_TEST_MESSAGE_TYPE), request: smtpTestRequestSchema });
export type SmtpTestMessage = z.infer<typeof smtpTestMessageSchema>;

/** What the overlay gets back: the gateway's result, or why there is none (not connected, gateway unreachable). */
export type SmtpTestAnswer = { ok: true; result: SmtpTestResult } | { ok: false; error: string };

export async function runSmtpTest(
  connection: GatewayConnection | null,
  request: SmtpTestMessage['request'],
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
): Promise<SmtpTestAnswer> {
  if (!connection) return { ok: false, error: 'Connect the extension to your mailgate gateway first (its options page).' };
  try {
    return { ok: true, result: await createApiClient({ ...connection, fetch: fetchImpl }).testSmtpServer(request) };
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
}

/** Background side: answers one runtime message, or returns undefined when it is not an SMTP test request. */
export function answerSmtpTest(message: unknown, fetchImpl?: typeof fetch): Promise<SmtpTestAnswer> | undefined {
  const parsed = smtpTestMessageSchema.safeParse(message);
  if (!parsed.success) return undefined;
  return loadConnection().then((connection) => runSmtpTest(connection, parsed.data.request, fetchImpl));
}

export function listenForSmtpTest(): void {
  answerRuntimeRequests((message) => answerSmtpTest(message), (error): SmtpTestAnswer => ({ ok: false, error: errorMessage(error) }));
}

/** Content-script side: the form's values to the background, the gateway's answer back. */
export function requestSmtpTest(request: SmtpTestMessage['request']): Promise<SmtpTestAnswer> {
  const message: SmtpTestMessage = { type: SMTP_TEST_MESSAGE_TYPE, request };
  return browser.runtime.sendMessage(message) as Promise<SmtpTestAnswer>;
}
