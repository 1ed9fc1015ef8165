// The webhook endpoints: URL, events, domain, whether enabled or rotating; a disabled one can be enabled again.
import type { WebhookJson } from '../../shared/api/deliveries.ts';
import { DataTable } from './data-table.tsx';
import { formatTime } from './format.ts';
import { StatusBadge } from './notices.tsx';

export function EndpointsTable({
  endpoints,
  busy,
  onEnable,
}: {
  endpoints: WebhookJson[];
  busy: boolean;
  onEnable: (endpoint: WebhookJson) => void;
}) {
  return (
    <DataTable caption="Webhook endpoints" columns={['URL', 'Events', 'Domain', 'State']} actions>
      {endpoints.map((endpoint) => (
        <tr key={endpoint.id} data-webhook={endpoint.id}>
          <th scope="row" class="mono">
            {endpoint.url}
          </th>
          <td>{endpoint.events.length > 0 ? endpoint.events.join(', ') : 'all'}</td>
          <td>{endpoint.domain ?? 'every domain'}</td>
          <td>
            {endpoint.disabledAt ? (
              <>
                <StatusBadge status="disabled" />{' '}
                <span class="muted">
                  since {formatTime(endpoint.disabledAt)}
                  {endpoint.disabledReason ? `: ${endpoint.disabledReason}` : ''}
                </span>
              </>
            ) : (
              <StatusBadge status="enabled" />
            )}
            {endpoint.rotating && (
              <>
                {' '}
                <StatusBadge status="rotating" />
              </>
            )}
          </td>
          <td class="row-actions">
            {endpoint.disabledAt && (
              <button
                type="button"
                disabled={busy}
                onClick={() => onEnable(endpoint)}
                aria-label={`Enable ${endpoint.url}`}
              >
                Enable
              </button>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
