// Where a report comes from: the connected gateway for its own domains, else checkDomain in the browser over
// DNS-over-HTTPS with the admin's expectations. A gateway that fails falls back to the browser, and says so.
import type { DomainReport } from '../../shared/api/dns.ts';
import { checkDomain } from '../../shared/dns/check-domain.ts';
import { createDohResolver } from '../../shared/dns/doh.ts';
import { errorMessage } from '../../shared/error-message.ts';
import type { GatewayConnection } from '../gateway/connection.ts';
import { toExpectations, type ExpectationChoice } from './expectation-choice.ts';
import { fetchGatewayReport, type FetchLike } from './gateway-dns.ts';

export type LoadedReport = {
  report: DomainReport;
  checkedBy: 'gateway' | 'browser';
  /** Why the gateway was not used although asked for (shown under the checklist). */
  notice?: string;
};

export type ReportRequest = { domain: string; choice: ExpectationChoice; viaGateway: boolean };

export type ReportLoader = (request: ReportRequest) => Promise<LoadedReport>;

/**
 * The admin waits on this check with the popup open, often on a hotel or mobile network: a slow answer is worth
 * waiting for, where the worker's 3 s default would turn it into a "could not check" warning on every item.
 */
const POPUP_QUERY_TIMEOUT_MS = 8000;

export function createReportLoader(options: {
  fetch: FetchLike;
  connection: () => Promise<GatewayConnection | null>;
}): ReportLoader {
  // Bypasses the HTTP cache: a re-check after a save must ask again, not read the answer of a minute ago.
  const dohFetch = (input: RequestInfo | URL, init?: RequestInit) =>
    options.fetch(String(input), { ...init, cache: 'no-store' });

  async function checkInBrowser(request: ReportRequest): Promise<DomainReport> {
    // A fresh resolver per check: its answer cache must not hide a record saved since the last check.
    const resolver = createDohResolver({ fetch: dohFetch, timeoutMs: POPUP_QUERY_TIMEOUT_MS });
    return checkDomain(request.domain, toExpectations(request.choice), resolver);
  }

  return async (request) => {
    if (request.viaGateway) {
      const connection = await options.connection();
      if (connection) {
        try {
          return {
            report: await fetchGatewayReport(connection, request.domain, request.choice.senders, options.fetch),
            checkedBy: 'gateway',
          };
        } catch (error) {
          const reason = errorMessage(error);
          return {
            report: await checkInBrowser(request),
            checkedBy: 'browser',
            notice: `The gateway could not check this domain (${reason}); checked from this browser instead.`,
          };
        }
      }
    }
    return { report: await checkInBrowser(request), checkedBy: 'browser' };
  };
}
