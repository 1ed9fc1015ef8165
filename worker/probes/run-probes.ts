// The cron probe: gathers the figures, decides which alerts should be open (alert-rules.ts), raises the new ones
// (an `alert.raised` event, in the same batch as the alert row, and an email when the deployment can send one) and
// resolves the ones whose condition is gone. The DNS records are re-checked once a day.
import type { AlertJson } from '../../shared/api/health.ts';
import type { DomainReport } from '../../shared/api/dns.ts';
import { runBatch, type Database } from '../store/db.ts';
import { buildEventInsert } from '../store/events.ts';
import {
  buildRaiseAlert,
  buildRecordProbeRun,
  buildResolveAlerts,
  countDeliveryBacklog,
  countFailedInboundSince,
  listLastReceivedPerDomain,
  listOpenAlerts,
  readProbeRun,
} from '../store/probes.ts';
import { evaluateAlerts, judgedKinds, type AlertThresholds, type ProbeSnapshot } from './alert-rules.ts';

export type ProbeDeps = {
  db: Database;
  now: () => Date;
  thresholds: AlertThresholds;
  /** The DNS brain (shared/dns/check-domain.ts) with the gateway's expectations for a domain it receives. */
  checkDns: (domain: string) => Promise<DomainReport>;
  enqueueEvents?: (eventIds: string[]) => Promise<void>;
  /**
   * The seam for an email to the admin through a `send_email` binding: wired in index.ts once the deployment declares
   * one; until then alerts reach the admin through `alert.raised` webhooks, `GET /health/deep` and the console.
   */
  sendAlertEmail?: (alert: AlertJson) => Promise<void>;
  /**
   * Whether the directory places a domain's data in this database. A domain that moved away keeps its name here (the
   * control database) or a copy until deleted: it is silent here, and its DNS is checked where it lives.
   */
  isDomainHere?: (domainName: string) => boolean | Promise<boolean>;
};

const DNS_PROBE = 'dns';
const DNS_INTERVAL_MS = 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type ProbeOutcome = { raised: AlertJson[]; resolved: string[]; dnsChecked: boolean };

async function takeSnapshot(deps: ProbeDeps, now: Date): Promise<ProbeSnapshot> {
  const [{ backlog, dead }, failedLastDay, domains, lastDnsRun] = await Promise.all([
    countDeliveryBacklog(deps.db),
    countFailedInboundSince(deps.db, new Date(now.getTime() - DAY_MS)),
    listDomainsHere(deps),
    readProbeRun(deps.db, DNS_PROBE),
  ]);
  const dnsDue = !lastDnsRun || now.getTime() - lastDnsRun.getTime() >= DNS_INTERVAL_MS;
  // One domain at a time: each check has its own time budget, and a cron run must stay within its own.
  const dnsReports: ProbeSnapshot['dnsReports'] = dnsDue ? [] : null;
  for (const { domain } of dnsDue ? domains : [])
    dnsReports!.push({ domainId: domain.id, report: await deps.checkDns(domain.name) });
  return {
    now,
    backlog,
    dead,
    failedLastDay,
    domains: domains.map(({ domain, lastReceivedAt }) => ({
      id: domain.id,
      name: domain.name,
      createdAt: domain.createdAt,
      lastReceivedAt,
      silenceAlertMinutes: domain.silenceAlertMinutes,
    })),
    dnsReports,
  };
}

async function listDomainsHere(deps: ProbeDeps) {
  const domains = await listLastReceivedPerDomain(deps.db);
  if (!deps.isDomainHere) return domains;
  const here = await Promise.all(domains.map(({ domain }) => deps.isDomainHere!(domain.name)));
  return domains.filter((_, index) => here[index]);
}

export async function runProbes(deps: ProbeDeps): Promise<ProbeOutcome> {
  const now = deps.now();
  const snapshot = await takeSnapshot(deps, now);
  const wanted = evaluateAlerts(snapshot, deps.thresholds);
  const open = await listOpenAlerts(deps.db);
  const openKeys = new Set(open.map((alert) => alert.key));
  const wantedKeys = new Set(wanted.map((alert) => alert.key));
  const judged = judgedKinds(snapshot);
  const names = new Map(snapshot.domains.map((domain) => [domain.id, domain.name]));

  const raised = wanted
    .filter((alert) => !openKeys.has(alert.key))
    .map((alert) => {
      const insert = buildRaiseAlert(deps.db, alert, now);
      const json: AlertJson = {
        id: insert.id,
        kind: alert.kind,
        domain: alert.domainId ? (names.get(alert.domainId) ?? null) : null,
        message: alert.message,
        details: alert.details,
        raisedAt: now.toISOString(),
      };
      const event = buildEventInsert(
        deps.db,
        { type: 'alert.raised', domainId: alert.domainId, data: { alert: json } },
        now,
      );
      return { json, statements: [insert.statement, event.statement], eventId: event.id };
    });
  const resolved = open
    .filter((alert) => judged.has(alert.kind) && !wantedKeys.has(alert.key))
    .map((alert) => alert.id);
  const statements = [
    ...raised.flatMap((alert) => alert.statements),
    ...buildResolveAlerts(deps.db, resolved, now),
    ...(snapshot.dnsReports ? [buildRecordProbeRun(deps.db, DNS_PROBE, now)] : []),
  ];
  await runBatch(deps.db, statements);
  const eventIds = raised.map((alert) => alert.eventId);
  if (eventIds.length > 0) await deps.enqueueEvents?.(eventIds).catch(() => undefined); // the outbox sweep catches up
  for (const alert of raised) {
    await deps.sendAlertEmail?.(alert.json).catch((error: unknown) => {
      console.error(JSON.stringify({ event: 'alert.email_failed', alertId: alert.json.id, error: String(error) }));
    });
  }
  if (raised.length > 0 || resolved.length > 0) {
    console.log(
      JSON.stringify({ event: 'probes.alerts', raised: raised.map((alert) => alert.json.message), resolved }),
    );
  }
  return { raised: raised.map((alert) => alert.json), resolved, dnsChecked: snapshot.dnsReports !== null };
}
