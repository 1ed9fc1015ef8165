// "Test with mailgate": the Outgoing Mail Server form's values tested by the gateway (`POST /api/smtp-test`), asked
// through the background (which holds the gateway token; the content script never does), only on the admin's click
// and only from mailgate's own Odoo content script where it runs. The password travels once, to the admin's own
// gateway, and is kept nowhere.
import { z } from 'zod';
import { browser } from 'wxt/browser';
import { smtpTestRequestSchema, type SmtpTestRequest, type SmtpTestResult } from '../../shared/api/smtp-test.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { createApiClient } from '../gateway/api-client.ts';
import { loadConnection, type GatewayConnection } from '../gateway/connection.ts';
import { defineContentScriptRoute, type ContentScriptRoute } from '../messages/content-script-door.ts';
import { unwrapAnswer } from '../messages/message-failure.ts';
import { ODOO_CONTENT_SCRIPT_FILE } from './inject.ts';
import { loadOverlayGrants } from './overlay-grants.ts';

export const SMTP_TEST_MESSAGE_TYPE = 'mailgate:smtp-test';

export const smtpTestMessageSchema = z.object({
  type: z.literal(SMTP_TEST_MESSAGE_TYPE),
  request: smtpTestRequestSchema,
});
export type SmtpTestMessage = z.infer<typeof smtpTestMessageSchema>;

/** What the overlay gets back: the gateway's result, or why there is none (not connected, gateway unreachable). */
export type SmtpTestAnswer = { ok: true; result: SmtpTestResult } | { ok: false; error: string };

/** Asks the background for an SMTP test (the overlay's views call it only on the admin's click). */
export type RequestSmtpTest = (request: SmtpTestRequest) => Promise<SmtpTestAnswer>;

export async function runSmtpTest(
  connection: GatewayConnection | null,
  request: SmtpTestRequest,
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
): Promise<SmtpTestAnswer> {
  if (!connection)
    return { ok: false, error: 'Connect the extension to your mailgate gateway first (its options page).' };
  try {
    return { ok: true, result: await createApiClient({ ...connection, fetch: fetchImpl }).testSmtpServer(request) };
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
}

/** Background side: the route of the content-script door that answers the Odoo overlay's SMTP tests. */
export function createSmtpTestRoute(fetchImpl?: typeof fetch): ContentScriptRoute {
  return defineContentScriptRoute({
    type: SMTP_TEST_MESSAGE_TYPE,
    request: smtpTestMessageSchema,
    scriptFile: ODOO_CONTENT_SCRIPT_FILE,
    loadGrants: loadOverlayGrants,
    answer: async (message) => runSmtpTest(await loadConnection(), message.request, fetchImpl),
  });
}

/** Content-script side: the form's values to the background, the gateway's answer (or the refusal, thrown) back. */
export const requestSmtpTest: RequestSmtpTest = async (request) => {
  const message: SmtpTestMessage = { type: SMTP_TEST_MESSAGE_TYPE, request };
  return unwrapAnswer(await browser.runtime.sendMessage(message)) as SmtpTestAnswer;
};
