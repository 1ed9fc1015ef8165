// The popup's two questions to the connected gateway: which domains it serves (`GET /api/domains`), and what it
// expects of one (`GET /api/domains/:name/dns`, a DomainReport checked by the worker with the chosen senders).
import { z } from 'zod';
import { domainReportSchema, type DomainReport } from '../../shared/api/dns.ts';
import { apiErrorSchema } from '../../shared/api/common.ts';
import { domainSchema } from '../../shared/api/domains.ts';
import type { GatewayConnection } from '../gateway/connection.ts';

/** A gateway that does not answer within this must not keep the checklist waiting: the browser checks alone. */
export const GATEWAY_TIMEOUT_MS = 5000;

const domainListSchema = z.object({ items: z.array(domainSchema.pick({ name: true })) });

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

async function getJson(connection: GatewayConnection, path: string, fetchFn: FetchLike): Promise<unknown> {
  const response = await fetchFn(`${connection.origin}${path}`, {
    headers: { authorization: `Bearer ${connection.token}`, accept: 'application/json' },
    signal: AbortSignal.timeout(GATEWAY_TIMEOUT_MS),
    cache: 'no-store',
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = apiErrorSchema.safeParse(body);
    throw new Error(`The gateway answered ${response.status}${error.success ? `: ${error.data.error.message}` : ''}.`);
  }
  return body;
}

/** The gateway's domain names, in its order. */
export async function fetchGatewayDomains(connection: GatewayConnection, fetchFn: FetchLike): Promise<string[]> {
  return domainListSchema.parse(await getJson(connection, '/api/domains', fetchFn)).items.map((domain) => domain.name);
}

/**
 * The gateway's DNS report of one of its domains. The gateway receives through Cloudflare Email Routing, so only
 * the senders are passed (`?sender=` once per service).
 */
export async function fetchGatewayReport(
  connection: GatewayConnection,
  domain: string,
  senders: readonly string[],
  fetchFn: FetchLike,
): Promise<DomainReport> {
  const query = new URLSearchParams(senders.map((sender) => ['sender', sender]));
  const path = `/api/domains/${encodeURIComponent(domain)}/dns${senders.length > 0 ? `?${query}` : ''}`;
  return domainReportSchema.parse(await getJson(connection, path, fetchFn));
}
