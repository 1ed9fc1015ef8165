// What the popup needs from the browser and the network, as one injectable object: the entry point wires the real
// APIs (popup-services-browser.ts), unit tests pass their own.
import type { DnsRecord } from '../../shared/api/dns.ts';
import type { FillResponse } from '../messages/fill-message.ts';
import type { PageReading } from '../messages/read-page-message.ts';
import type { PageTab } from './active-page.ts';
import type { ExpectationChoice } from './expectation-choice.ts';
import type { TimerPort } from './recheck-schedule.ts';
import type { ReportLoader } from './report-loader.ts';

export type PopupServices = {
  /** The tab the popup works on, or null (no page, or the checklist runs in a tab nobody opened it from). */
  findPageTab(): Promise<PageTab | null>;
  /** The page's reading through its content script; with `inject`, the script is injected first when absent. */
  readPage(tabId: number, options: { inject: boolean }): Promise<PageReading | null>;
  fill(tabId: number, record: DnsRecord, zone: string): Promise<FillResponse>;
  /** Puts the Odoo overlay on a self-hosted Odoo tab (activeTab: only on the admin's click). */
  showOdooOverlay(tabId: number): Promise<void>;
  /** The connected gateway's domains; null when no gateway is connected. Rejects when it cannot be reached. */
  loadGatewayDomains(): Promise<string[] | null>;
  loadReport: ReportLoader;
  /** The stored choice for the domain, or null when the admin never made one. */
  loadChoice(domain: string): Promise<ExpectationChoice | null>;
  saveChoice(domain: string, choice: ExpectationChoice): Promise<void>;
  loadLastGatewayDomain(): Promise<string | null>;
  saveLastGatewayDomain(domain: string): Promise<void>;
  /** When the admin started waiting for this domain's records (watch-memory.ts), or null. */
  loadWatch(domain: string, now: number): Promise<number | null>;
  saveWatch(domain: string, startedAt: number): Promise<void>;
  clearWatch(domain: string): Promise<void>;
  copy(text: string): Promise<void>;
  timers: TimerPort;
};
