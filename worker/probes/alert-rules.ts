// Stage `evaluateAlerts(snapshot, thresholds) → WantedAlert[]`: which alerts should be open now. Pure: the probe
// runner gathers the figures and reconciles the answer with the alerts already open.
import type { AlertKind } from '../../shared/api/health.ts';
import type { DomainReport } from '../../shared/api/dns.ts';

export type AlertThresholds = {
  /** Deliveries owed (pending or retrying) above which the backlog alert opens. */
  backlog: number;
  /** Dead deliveries plus messages failed in the last 24 hours above which the failures alert opens. */
  failed: number;
};

export type ProbeSnapshot = {
  now: Date;
  backlog: number;
  dead: number;
  failedLastDay: number;
  domains: {
    id: string;
    name: string;
    createdAt: Date;
    lastReceivedAt: Date | null;
    silenceAlertMinutes: number | null;
  }[];
  /** Present only on the runs that re-checked DNS (once a day). */
  dnsReports: { domainId: string; report: DomainReport }[] | null;
};

export type WantedAlert = {
  key: string;
  kind: AlertKind;
  domainId: string | null;
  message: string;
  details: Record<string, unknown>;
};

function formatMinutes(minutes: number): string {
  return minutes >= 120 ? `${Math.round(minutes / 60)} h` : `${Math.round(minutes)} min`;
}

function silenceAlerts(snapshot: ProbeSnapshot): WantedAlert[] {
  return snapshot.domains.flatMap((domain) => {
    if (domain.silenceAlertMinutes === null) return [];
    // A domain that never received mail counts from its creation: setting it up and hearing nothing is news too.
    const since = domain.lastReceivedAt ?? domain.createdAt;
    const silentMinutes = (snapshot.now.getTime() - since.getTime()) / 60_000;
    if (silentMinutes <= domain.silenceAlertMinutes) return [];
    const last = domain.lastReceivedAt ? `the last one ${domain.lastReceivedAt.toISOString()}` : 'none ever';
    return [
      {
        key: `silence:${domain.id}`,
        kind: 'silence' as const,
        domainId: domain.id,
        message: `No mail received for ${domain.name} for ${formatMinutes(silentMinutes)} (window ${formatMinutes(domain.silenceAlertMinutes)}; ${last}): check its MX records and the relay.`,
        details: {
          lastReceivedAt: domain.lastReceivedAt?.toISOString() ?? null,
          windowMinutes: domain.silenceAlertMinutes,
        },
      },
    ];
  });
}

function dnsAlerts(snapshot: ProbeSnapshot, names: Map<string, string>): WantedAlert[] {
  return (snapshot.dnsReports ?? []).flatMap(({ domainId, report }) => {
    const failing = report.findings.filter((finding) => finding.status === 'fail');
    if (failing.length === 0) return [];
    return [
      {
        key: `dns:${domainId}`,
        kind: 'dns' as const,
        domainId,
        message: `The DNS records of ${names.get(domainId) ?? report.domain} no longer match what the gateway expects: ${failing.map((finding) => finding.check).join(', ')}.`,
        details: {
          checkedAt: report.checkedAt,
          failing: failing.map((finding) => ({
            check: finding.check,
            found: finding.found,
            expected: finding.expected,
          })),
        },
      },
    ];
  });
}

export function evaluateAlerts(snapshot: ProbeSnapshot, thresholds: AlertThresholds): WantedAlert[] {
  const wanted = silenceAlerts(snapshot);
  if (snapshot.backlog > thresholds.backlog) {
    wanted.push({
      key: 'backlog',
      kind: 'backlog',
      domainId: null,
      message: `${snapshot.backlog} deliveries to the ERP are waiting (threshold ${thresholds.backlog}): is the ERP or the queue down?`,
      details: { backlog: snapshot.backlog, threshold: thresholds.backlog },
    });
  }
  const failures = snapshot.dead + snapshot.failedLastDay;
  if (failures > thresholds.failed) {
    wanted.push({
      key: 'failures',
      kind: 'failures',
      domainId: null,
      message: `${snapshot.dead} deliveries gave up and ${snapshot.failedLastDay} messages failed in the last 24 h (threshold ${thresholds.failed}).`,
      details: { dead: snapshot.dead, failedLastDay: snapshot.failedLastDay, threshold: thresholds.failed },
    });
  }
  return [...wanted, ...dnsAlerts(snapshot, new Map(snapshot.domains.map((domain) => [domain.id, domain.name])))];
}

/** The kinds a run judged: only those may be resolved by it (DNS is judged once a day). */
export function judgedKinds(snapshot: ProbeSnapshot): Set<AlertKind> {
  return new Set<AlertKind>(
    snapshot.dnsReports ? ['silence', 'backlog', 'failures', 'dns'] : ['silence', 'backlog', 'failures'],
  );
}
