// Inbound log view: rows with status, route and reason; filters sent to the API; replay and release.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { InboundView } from './inbound-view.tsx';
import { createFakeClient } from './testing/fake-client.ts';
import { inboundItem } from './testing/fixtures.ts';

afterEach(cleanup);

const held = inboundItem({
  id: 'inb_2',
  status: 'delivered',
  route: 'quarantine',
  reason: 'DMARC failed (p=reject): held for review',
  threadId: null,
  quarantinedAt: '2026-11-21T09:00:00.000Z',
  from: 'spoof@bank.example',
});

function setup() {
  const client = createFakeClient({
    listInbound: async () => ({ items: [inboundItem(), held], nextCursor: null }),
    replayInbound: async (id) => inboundItem({ id, attempts: 2, reason: 'alias sales@ → crm.lead (replayed)' }),
    releaseInbound: async (id) =>
      inboundItem({ id, route: 'alias', reason: 'released: alias sales@ → crm.lead', quarantinedAt: null }),
  });
  const { container } = render(<InboundView client={client} />);
  return { client, container };
}

describe('InboundView', () => {
  it("shows each message's time, status, route and reason", async () => {
    const { container } = setup();
    await screen.findByText('alias sales@ → crm.lead');
    const row = container.querySelector('[data-inbound="inb_1"]')!;
    expect(row.textContent).toContain('2026-11-21 08:12 UTC');
    expect(row.textContent).toContain('delivered');
    expect(row.querySelector('a')!.getAttribute('href')).toBe('#/threads/thr_1');
    const heldRow = container.querySelector('[data-inbound="inb_2"]')!;
    expect(heldRow.getAttribute('data-route')).toBe('quarantine');
    expect(heldRow.textContent).toContain('quarantined');
    expect(screen.getAllByRole('columnheader').map((header) => header.textContent)).toEqual([
      'Received',
      'Message',
      'Status / route',
      'Why',
      'Actions',
    ]);
    expect(row.textContent).toContain('Quote for 40 office chairs');
    expect(row.textContent).toContain('ann@customer.example → sales@example.com');
  });

  it('sends the status and route filters to the API', async () => {
    const { client } = setup();
    await screen.findByText('alias sales@ → crm.lead');
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'failed' } });
    await waitFor(() => expect(client.listInbound).toHaveBeenLastCalledWith({ status: 'failed' }));
    fireEvent.change(screen.getByLabelText('Route'), { target: { value: 'quarantine' } });
    await waitFor(() => expect(client.listInbound).toHaveBeenLastCalledWith({ status: 'failed', route: 'quarantine' }));
  });

  it('replays a row and shows its new outcome', async () => {
    const { client, container } = setup();
    fireEvent.click(await screen.findByRole('button', { name: 'Replay the message inb_1' }));
    expect(await screen.findByText('Replayed: delivered — alias sales@ → crm.lead (replayed).')).toBeTruthy();
    expect(client.replayInbound).toHaveBeenCalledWith('inb_1');
    expect(container.querySelector('[data-inbound="inb_1"]')!.textContent).toContain(
      'alias sales@ → crm.lead (replayed)',
    );
  });

  it('offers Release only for a quarantined message, and calls it', async () => {
    const { client, container } = setup();
    await screen.findByText('alias sales@ → crm.lead');
    expect(screen.queryByRole('button', { name: 'Release the message inb_1' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Release the message inb_2' }));
    await waitFor(() => expect(client.releaseInbound).toHaveBeenCalledWith('inb_2'));
    await waitFor(() =>
      expect(container.querySelector('[data-inbound="inb_2"]')!.getAttribute('data-route')).toBe('alias'),
    );
    expect(screen.queryByRole('button', { name: 'Release the message inb_2' })).toBeNull();
  });

  it("shows the API's refusal of a replay", async () => {
    const { client } = setup();
    client.replayInbound.mockRejectedValueOnce(
      new Error('inbound message was not found (POST /api/inbound/inb_1/replay: 404 not_found)'),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Replay the message inb_1' }));
    expect((await screen.findByRole('alert')).textContent).toContain('404 not_found');
  });
});
