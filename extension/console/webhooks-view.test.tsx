// Webhooks & deliveries view: endpoints (create shows the secret once, enable a disabled one), deliveries and retry.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeClient } from './testing/fake-client.ts';
import { deliveryJson, webhookJson } from './testing/fixtures.ts';
import { isRetryable } from './deliveries-table.tsx';
import { WebhooksView } from './webhooks-view.tsx';

afterEach(cleanup);

function setup() {
  const client = createFakeClient({
    listWebhooks: async () => [
      webhookJson(),
      webhookJson({
        id: 'whk_2',
        url: 'https://old.example/hook',
        events: ['bounce.recorded'],
        domain: 'example.com',
        disabledAt: '2026-11-19T00:00:00.000Z',
        disabledReason: 'HTTP 410 Gone',
      }),
    ],
    createWebhook: async () => ({ id: 'whk_3', secret: 'whsec_c2VjcmV0LWZvci10ZXN0cw==' }),
    enableWebhook: async (id) => webhookJson({ id }),
    listDeliveries: async () => [
      deliveryJson(),
      deliveryJson({
        id: 'dlv_2',
        status: 'dead',
        attempts: 12,
        lastStatusCode: 500,
        lastError: 'Internal Server Error',
        deliveredAt: null,
        attemptLog: [
          {
            attemptedAt: '2026-11-20T08:00:00.000Z',
            statusCode: 500,
            latencyMs: 40,
            responseSnippet: null,
            error: null,
          },
          {
            attemptedAt: '2026-11-20T08:00:30.000Z',
            statusCode: null,
            latencyMs: 10000,
            responseSnippet: null,
            error: 'timeout',
          },
        ],
      }),
    ],
    retryDelivery: async (id) => ({ id, status: 'pending' }),
  });
  const { container } = render(<WebhooksView client={client} />);
  return { client, container };
}

describe('WebhooksView', () => {
  it('lists the endpoints with their state, and enables a disabled one', async () => {
    const { client } = setup();
    const disabled = (await screen.findByRole('rowheader', { name: 'https://old.example/hook' })).closest('tr')!;
    expect(disabled.textContent).toContain('disabled');
    expect(disabled.textContent).toContain('HTTP 410 Gone');
    expect(
      screen.getByRole('rowheader', { name: 'https://erp.example.com/mailgate' }).closest('tr')!.textContent,
    ).toContain('all');
    expect(screen.queryByRole('button', { name: 'Enable https://erp.example.com/mailgate' })).toBeNull();
    fireEvent.click(within(disabled).getByRole('button', { name: 'Enable https://old.example/hook' }));
    await waitFor(() => expect(client.enableWebhook).toHaveBeenCalledWith('whk_2'));
    expect(await screen.findByText('Enabled https://old.example/hook.')).toBeTruthy();
  });

  it('creates an endpoint for chosen events and shows its secret once', async () => {
    const { client } = setup();
    const form = await screen.findByRole('form', { name: 'New webhook endpoint' });
    fireEvent.input(within(form).getByLabelText('URL'), { target: { value: 'https://erp.example.com/new' } });
    fireEvent.input(within(form).getByLabelText('Only for domain (optional)'), { target: { value: 'example.com' } });
    fireEvent.click(within(form).getByLabelText('record.requested'));
    fireEvent.click(within(form).getByLabelText('message.received'));
    fireEvent.click(within(form).getByRole('button', { name: 'Create endpoint' }));
    await waitFor(() => expect(client.createWebhook).toHaveBeenCalledTimes(1));
    expect(client.createWebhook.mock.calls[0]![0]).toEqual({
      url: 'https://erp.example.com/new',
      events: ['record.requested', 'message.received'],
      domain: 'example.com',
    });
    expect((await screen.findByTestId('webhook-secret')).textContent).toBe('whsec_c2VjcmV0LWZvci10ZXN0cw==');
    fireEvent.click(screen.getByRole('button', { name: 'I stored it' }));
    expect(screen.queryByTestId('webhook-secret')).toBeNull();
  });

  it('refuses a URL that is not http(s) before sending', async () => {
    const { client } = setup();
    const form = await screen.findByRole('form', { name: 'New webhook endpoint' });
    fireEvent.input(within(form).getByLabelText('URL'), { target: { value: 'ftp://erp.example.com/x' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create endpoint' }));
    expect(await within(form).findByRole('alert')).toBeTruthy();
    expect(client.createWebhook).not.toHaveBeenCalled();
  });

  it('shows deliveries with status and attempts, and retries only a dead one', async () => {
    const { client, container } = setup();
    await waitFor(() => expect(container.querySelector('[data-delivery="dlv_2"]')).not.toBeNull());
    const dead = container.querySelector('[data-delivery="dlv_2"]') as HTMLElement;
    expect(dead.getAttribute('data-status')).toBe('dead');
    expect(dead.textContent).toContain('HTTP 500: Internal Server Error');
    expect(within(dead).getByText('12').tagName).toBe('SUMMARY');
    expect(dead.querySelectorAll('.attempt-log li')[1]!.textContent).toBe('2026-11-20 08:00 UTC: timeout (10000 ms)');
    expect(within(container.querySelector('[data-delivery="dlv_1"]') as HTMLElement).queryByRole('button')).toBeNull();
    fireEvent.click(within(dead).getByRole('button', { name: 'Retry the delivery dlv_2' }));
    await waitFor(() => expect(client.retryDelivery).toHaveBeenCalledWith('dlv_2'));
    expect(await screen.findByText('Delivery dlv_2 is pending again.')).toBeTruthy();
    expect(client.listDeliveries).toHaveBeenCalledTimes(2);
  });

  it('filters deliveries by status', async () => {
    const { client } = setup();
    await screen.findByRole('rowheader', { name: 'https://old.example/hook' });
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'dead' } });
    await waitFor(() => expect(client.listDeliveries).toHaveBeenLastCalledWith({ status: 'dead' }));
  });

  it('calls only dead and cancelled deliveries retryable', () => {
    expect(
      ['pending', 'retrying', 'delivered', 'dead', 'cancelled'].filter((status) =>
        isRetryable({ status: status as 'dead' }),
      ),
    ).toEqual(['dead', 'cancelled']);
  });
});
