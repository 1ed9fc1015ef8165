// An alert row as the API, the `alert.raised` event and the admin's email show it.
import type { AlertJson } from '../../shared/api/health.ts';
import type { AlertRow } from '../store/probes.ts';

export function toAlertJson(alert: AlertRow & { domainName: string | null }): AlertJson {
  return {
    id: alert.id,
    kind: alert.kind,
    domain: alert.domainName,
    message: alert.message,
    details: alert.details,
    raisedAt: alert.raisedAt.toISOString(),
  };
}
