// Background side of `mailgate:gateway-status`: the Odoo overlay's content script (and only it, where it runs) asks
// for the gateway's view of its alias domain; the background answers with the stored connection's token.
import { loadConnection } from '../gateway/connection.ts';
import { defineContentScriptRoute, type ContentScriptRoute } from '../messages/content-script-door.ts';
import { fetchGatewayStatus, GATEWAY_STATUS_MESSAGE_TYPE, gatewayStatusRequestSchema } from './gateway-status.ts';
import { ODOO_CONTENT_SCRIPT_FILE } from './inject.ts';
import { loadOverlayGrants } from './overlay-grants.ts';

export function createGatewayStatusRoute(
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
): ContentScriptRoute {
  return defineContentScriptRoute({
    type: GATEWAY_STATUS_MESSAGE_TYPE,
    request: gatewayStatusRequestSchema,
    scriptFile: ODOO_CONTENT_SCRIPT_FILE,
    loadGrants: loadOverlayGrants,
    answer: async (request) => fetchGatewayStatus(await loadConnection(), request, fetchImpl),
  });
}
