// Webhooks & deliveries: the ERP's endpoints (create, re-enable) and every delivery with its attempts (retry).
import { DataTable } from './data-table.tsx';
import { useState } from 'preact/hooks';
import { z } from 'zod';
import {
  createWebhookSchema,
  deliveryStatusSchema,
  webhookEventTypeSchema,
  type DeliveryJson,
  type WebhookJson,
} from '../../shared/api/deliveries.ts';
import type { ApiClient, CreateWebhookInput, DeliveryStatus } from '../gateway/api-client.ts';
import { formatTime } from './format.ts';
import { ActionNotice, LoadedView, StatusBadge } from './notices.tsx';
import { useAction, useLoader } from './use-loader.ts';

type WebhooksClient = Pick<
  ApiClient,
  'listWebhooks' | 'createWebhook' | 'enableWebhook' | 'listDeliveries' | 'retryDelivery'
>;
type EventType = z.infer<typeof webhookEventTypeSchema>;

/** Only these are revived by hand (the API answers 409 for the others): `dead` after the last retry, or `cancelled`. */
export function isRetryable(delivery: Pick<DeliveryJson, 'status'>): boolean {
  return delivery.status === 'dead' || delivery.status === 'cancelled';
}

function CreateWebhookForm({ onCreate }: { onCreate: (input: CreateWebhookInput) => Promise<boolean> }) {
  const [url, setUrl] = useState('');
  const [domain, setDomain] = useState('');
  const [events, setEvents] = useState<EventType[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    const input = { url: url.trim(), events, ...(domain.trim() ? { domain: domain.trim() } : {}) };
    const check = createWebhookSchema.safeParse(input);
    if (!check.success) {
      setProblem(z.prettifyError(check.error));
      return;
    }
    setProblem(null);
    if (await onCreate(input)) {
      setUrl('');
      setDomain('');
      setEvents([]);
    }
  };
  const toggle = (type: EventType, on: boolean) =>
    setEvents((current) => (on ? [...current, type] : current.filter((item) => item !== type)));
  return (
    <form class="card form-grid" aria-label="New webhook endpoint" onSubmit={(event) => void submit(event)}>
      <h3 class="form-title">New endpoint</h3>
      <label for="webhook-url">URL</label>
      <input
        id="webhook-url"
        type="url"
        required
        placeholder="https://erp.example.com/mailgate"
        value={url}
        onInput={(event) => setUrl(event.currentTarget.value)}
      />
      <label for="webhook-domain">Only for domain (optional)</label>
      <input
        id="webhook-domain"
        placeholder="example.com"
        value={domain}
        onInput={(event) => setDomain(event.currentTarget.value)}
      />
      <fieldset class="form-wide events">
        <legend>Events (none ticked: all)</legend>
        {webhookEventTypeSchema.options.map((type) => (
          <label key={type} class="checkbox">
            <input
              type="checkbox"
              checked={events.includes(type)}
              onChange={(event) => toggle(type, event.currentTarget.checked)}
            />{' '}
            {type}
          </label>
        ))}
      </fieldset>
      {problem && (
        <p role="alert" class="notice notice-error form-wide">
          {problem}
        </p>
      )}
      <div class="form-actions">
        <button type="submit">Create endpoint</button>
      </div>
    </form>
  );
}

function EndpointsTable({
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

function lastResult(delivery: DeliveryJson): string {
  if (delivery.lastStatusCode !== null)
    return `HTTP ${delivery.lastStatusCode}${delivery.lastError ? `: ${delivery.lastError}` : ''}`;
  return delivery.lastError ?? '—';
}

function DeliveriesTable({
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

export function WebhooksView({ client }: { client: WebhooksClient }) {
  const [endpoints, reloadEndpoints] = useLoader(() => client.listWebhooks(), [client]);
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const [deliveries, reloadDeliveries] = useLoader(
    () => client.listDeliveries(status ? { status } : {}),
    [client, status],
  );
  const [action, perform] = useAction();
  const [secret, setSecret] = useState<{ id: string; secret: string } | null>(null);
  return (
    <section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">Webhooks &amp; deliveries</h2>
      <ActionNotice state={action} />
      {secret && (
        <div class="card secret" role="status">
          <p>
            The signing secret of <span class="mono">{secret.id}</span>, shown this once: store it in the ERP now.
          </p>
          <p>
            <code data-testid="webhook-secret">{secret.secret}</code>
          </p>
          <button type="button" class="button-secondary" onClick={() => setSecret(null)}>
            I stored it
          </button>
        </div>
      )}
      <h3>Endpoints</h3>
      <LoadedView state={endpoints} what="the webhook endpoints" onRetry={reloadEndpoints}>
        {(items) =>
          items.length === 0 ? (
            <p class="empty">No endpoint yet.</p>
          ) : (
            <EndpointsTable
              endpoints={items}
              busy={action.busy !== null}
              onEnable={(endpoint) =>
                void perform(`enable-${endpoint.id}`, async () => {
                  await client.enableWebhook(endpoint.id);
                  reloadEndpoints();
                  return `Enabled ${endpoint.url}.`;
                })
              }
            />
          )
        }
      </LoadedView>
      <CreateWebhookForm
        onCreate={(input) =>
          perform('create', async () => {
            const created = await client.createWebhook(input);
            setSecret(created);
            reloadEndpoints();
            return `Created the endpoint ${input.url}.`;
          })
        }
      />
      <h3>Deliveries</h3>
      <form class="toolbar" aria-label="Filter the deliveries" onSubmit={(event) => event.preventDefault()}>
        <label for="delivery-status">Status</label>
        <select
          id="delivery-status"
          value={status}
          onChange={(event) => setStatus(event.currentTarget.value as DeliveryStatus | '')}
        >
          <option value="">any</option>
          {deliveryStatusSchema.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
        <button type="button" class="button-secondary" onClick={reloadDeliveries}>
          Refresh
        </button>
      </form>
      <LoadedView state={deliveries} what="the deliveries" onRetry={reloadDeliveries}>
        {(items) =>
          items.length === 0 ? (
            <p class="empty">No delivery {status ? `is ${status}` : 'yet'}.</p>
          ) : (
            <DeliveriesTable
              deliveries={items}
              busy={action.busy !== null}
              onRetry={(delivery) =>
                void perform(`retry-${delivery.id}`, async () => {
                  const answer = await client.retryDelivery(delivery.id);
                  reloadDeliveries();
                  return `Delivery ${answer.id} is ${answer.status} again.`;
                })
              }
            />
          )
        }
      </LoadedView>
    </section>
  );
}
