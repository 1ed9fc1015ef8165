// The gateway's view of the ERP's alias domain, fetched by the background for the Odoo overlay when the admin asks
// for it: the content script runs with the page's origin and never holds the token, the background does.
import { z } from 'zod';
import { errorMessage } from '../../shared/error-message.ts';
import { createApiClient } from '../gateway/api-client.ts';
import type { GatewayConnection } from '../gateway/connection.ts';

export const GATEWAY_STATUS_MESSAGE_TYPE = 'mailgate:gateway-status';

export const gatewayStatusRequestSchema = z.object({
  type: z.literal(GATEWAY_STATUS_MESSAGE_TYPE),
  /** The alias domain Odoo shows, if any: its DNS report is fetched when the gateway knows it. */
  domain: z.string().trim().toLowerCase().max(253).optional(),
  /** False when only the domains are wanted (the outgoing server form): the DNS report is then not asked for. */
  dns: z.boolean().optional(),
});
export type GatewayStatusRequest = z.infer<typeof gatewayStatusRequestSchema>;

export type GatewayDomain = { name: string; catchall: string; bounce: string };

export type GatewayStatus =
  | { connected: false; error?: string }
  | {
      connected: true;
      origin: string;
      /** Every alias domain the gateway receives mail for. */
      domains: GatewayDomain[];
      /** The requested domain when the gateway has it, else the gateway's first domain, else null. */
      domain: GatewayDomain | null;
      /** Whether `domain` is the one Odoo asked about (false: Odoo's alias domain is not on the gateway). */
      matchesRequest: boolean;
      /** The DNS report of `domain`, reduced to what the overlay shows. */
      dns: { status: 'ok' | 'warn' | 'fail'; failing: string[] } | null;
      /** Why the gateway could not be read (network, token), in words. */
      error?: string;
    };

/** Reads the gateway's domains, and the DNS report of the one that matches the requested domain (or the first). */
export async function fetchGatewayStatus(
  connection: GatewayConnection | null,
  { domain: requested, dns: withDns = true }: Omit<GatewayStatusRequest, 'type'>,
  fetchImpl: typeof fetch = fetch,
): Promise<GatewayStatus> {
  if (!connection) return { connected: false };
  const client = createApiClient({ ...connection, fetch: fetchImpl });
  const base = { connected: true as const, origin: client.origin };
  let domains: GatewayDomain[];
  try {
    domains = (await client.listDomains()).map(({ name, catchall, bounce }) => ({ name, catchall, bounce }));
  } catch (error) {
    return { ...base, domains: [], domain: null, matchesRequest: false, dns: null, error: errorMessage(error) };
  }
  const matched = requested ? domains.find((domain) => domain.name === requested) : undefined;
  const domain = matched ?? domains[0] ?? null;
  if (!domain) return { ...base, domains, domain: null, matchesRequest: false, dns: null };
  if (!withDns) return { ...base, domains, domain, matchesRequest: matched !== undefined, dns: null };
  try {
    const report = await client.getDomainReport(domain.name);
    const failing = [
      ...new Set(
        report.findings
          .filter((finding) => finding.status === 'fail' || finding.status === 'warn')
          .map((finding) => finding.check),
      ),
    ];
    return { ...base, domains, domain, matchesRequest: matched !== undefined, dns: { status: report.status, failing } };
  } catch (error) {
    return { ...base, domains, domain, matchesRequest: matched !== undefined, dns: null, error: errorMessage(error) };
  }
}
