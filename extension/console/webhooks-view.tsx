// Webhooks & deliveries: the ERP's endpoints (create, re-enable) and every delivery with its attempts (retry).
import { useState } from 'preact/hooks';
import { deliveryStatusSchema } from '../../shared/api/deliveries.ts';
import type { ApiClient, DeliveryStatus } from '../gateway/api-client.ts';
import { DeliveriesTable } from './deliveries-table.tsx';
import { ActionNotice, LoadedView } from './notices.tsx';
import { SelectField } from './select-field.tsx';
import { useAction, useLoader } from './use-loader.ts';
import { EndpointsTable } from './webhook-endpoints-table.tsx';
import { CreateWebhookForm } from './webhook-form.tsx';

type WebhooksClient = Pick<
  ApiClient,
  'listWebhooks' | 'createWebhook' | 'enableWebhook' | 'listDeliveries' | 'retryDelivery'
>;

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
        <SelectField
          id="delivery-status"
          label="Status"
          value={status}
          options={deliveryStatusSchema.options}
          anyOption
          onChange={setStatus}
        />
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
