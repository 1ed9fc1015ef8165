// Every delivery to the ERP with its attempts and last result; a dead or cancelled one can be retried.
import type { DeliveryJson } from '../../shared/api/deliveries.ts';
import { DataTable } from './data-table.tsx';
import { formatTime } from './format.ts';
import { StatusBadge } from './notices.tsx';

/** Only these are revived by hand (the API answers 409 for the others): `dead` after the last retry, or `cancelled`. */
export function isRetryable(delivery: Pick<DeliveryJson, 'status'>): boolean {
  return delivery.status === 'dead' || delivery.status === 'cancelled';
}

function lastResult(delivery: DeliveryJson): string {
  if (delivery.lastStatusCode !== null)
    return `HTTP ${delivery.lastStatusCode}${delivery.lastError ? `: ${delivery.lastError}` : ''}`;
  return delivery.lastError ?? '—';
}

export function DeliveriesTable({
  deliveries,
  busy,
  onRetry,
}: {
  deliveries: DeliveryJson[];
  busy: boolean;
  onRetry: (delivery: DeliveryJson) => void;
}) {
  return (
    <DataTable
      caption="Deliveries"
      columns={['Created', 'Event', 'Target', 'Status', 'Attempts', 'Last result', 'Next attempt']}
      actions
    >
      {deliveries.map((delivery) => (
        <tr key={delivery.id} data-delivery={delivery.id} data-status={delivery.status}>
          <td class="nowrap">{formatTime(delivery.createdAt)}</td>
          <td class="mono">{delivery.eventType}</td>
          <td class="mono">
            {delivery.targetKind} {delivery.targetId}
          </td>
          <td>
            <StatusBadge status={delivery.status} />
          </td>
          <td class="numeric">
            {delivery.attemptLog.length > 0 ? (
              <details>
                <summary>{delivery.attempts}</summary>
                <ol class="attempt-log">
                  {delivery.attemptLog.map((attempt) => (
                    <li key={attempt.attemptedAt}>
                      {formatTime(attempt.attemptedAt)}:{' '}
                      {attempt.statusCode !== null ? `HTTP ${attempt.statusCode}` : (attempt.error ?? 'no answer')} (
                      {attempt.latencyMs} ms)
                    </li>
                  ))}
                </ol>
              </details>
            ) : (
              delivery.attempts
            )}
          </td>
          <td class="diagnostic">{lastResult(delivery)}</td>
          <td class="nowrap">{formatTime(delivery.nextAttemptAt)}</td>
          <td class="row-actions">
            {isRetryable(delivery) && (
              <button
                type="button"
                disabled={busy}
                onClick={() => onRetry(delivery)}
                aria-label={`Retry the delivery ${delivery.id}`}
              >
                Retry
              </button>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
