// Background side of `mailgate:gateway-status`: answers the Odoo overlay with the gateway's view of its domain.
import { browser } from 'wxt/browser';
import { loadConnection } from '../gateway/connection.ts';
import { fetchGatewayStatus, gatewayStatusRequestSchema, type GatewayStatus } from './gateway-status.ts';

/** Answers one runtime message, or returns undefined when it is not a gateway-status request. */
export function answerGatewayStatus(message: unknown, fetchImpl: typeof fetch = fetch): Promise<GatewayStatus> | undefined {
  const request = gatewayStatusRequestSchema.safeParse(message);
  if (!request.success) return undefined;
  return loadConnection().then((connection) => fetchGatewayStatus(connection, request.data.domain, fetchImpl));
}

export function listenForGatewayStatus(): void {
  browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (response: unknown) => void) => {
    const answer = answerGatewayStatus(message);
    if (!answer) return undefined;
    void answer.then(sendResponse, (error: unknown) => sendResponse({ connected: false, error: String(error) }));
    // Keeps the channel open for the asynchronous answer (Chrome's onMessage contract).
    return true;
  });
}
