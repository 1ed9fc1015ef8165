// Background side of `mailgate:gateway-status`: answers the Odoo overlay with the gateway's view of its domain.
import { loadConnection } from '../gateway/connection.ts';
import { answerRuntimeRequests } from '../messages/answer-runtime-requests.ts';
import { fetchGatewayStatus, gatewayStatusRequestSchema, type GatewayStatus } from './gateway-status.ts';

/** Answers one runtime message, or returns undefined when it is not a gateway-status request. */
export function answerGatewayStatus(message: unknown, fetchImpl: typeof fetch = fetch): Promise<GatewayStatus> | undefined {
  const request = gatewayStatusRequestSchema.safeParse(message);
  if (!request.success) return undefined;
  return loadConnection().then((connection) => fetchGatewayStatus(connection, request.data.domain, fetchImpl));
}

export function listenForGatewayStatus(): void {
  answerRuntimeRequests((message) => answerGatewayStatus(message), (error): GatewayStatus => ({ connected: false, error: String(error) }));
}
