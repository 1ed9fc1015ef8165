// Bounces & suppressions view: the suppression list with lifting (a complaint only after confirming), the bounce log.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { BouncesView } from './bounces-view.tsx';
import { createFakeClient } from './testing/fake-client.ts';
import { bounceRecord, suppressionJson } from './testing/fixtures.ts';

afterEach(cleanup);

function setup() {
  let suppressed = [
    suppressionJson(),
    suppressionJson({
      address: 'angry@remote.example',
      reason: 'complaint',
      source: 'complaint',
      complained: true,
      bounceCount: 0,
    }),
  ];
  const client = createFakeClient({
    listSuppressions: async () => ({ items: suppressed, nextCursor: null }),
    liftSuppression: async (address) => {
      suppressed = suppressed.filter((entry) => entry.address !== address);
      return suppressionJson({ address, suppressed: false });
    },
    listBounces: async () => ({
      items: [
        bounceRecord(),
        bounceRecord({
          id: 'bnc_2',
          address: 'angry@remote.example',
          kind: 'complaint',
          status: null,
          permanent: false,
          reason: 'feedback',
          diagnostic: null,
          threadId: 'thr_7',
        }),
      ],
      nextCursor: null,
    }),
  });
  const { container } = render(<BouncesView client={client} />);
  return { client, container };
}

describe('BouncesView', () => {
  it('lists the suppressed addresses and the bounce log', async () => {
    const { container } = setup();
    const row = (await screen.findByRole('rowheader', { name: 'gone@remote.example' })).closest('tr')!;
    expect([...row.querySelectorAll('td')].slice(0, 4).map((cell) => cell.textContent)).toEqual([
      'userunknown',
      'bounce',
      '1',
      '2026-11-20 09:00 UTC',
    ]);
    await waitFor(() => expect(container.querySelector('[data-bounce="bnc_1"]')).not.toBeNull());
    expect(container.querySelector('[data-bounce="bnc_1"]')!.textContent).toContain('550 5.1.1 User unknown');
    expect(container.querySelector('[data-bounce="bnc_1"]')!.textContent).toContain('permanent');
    expect(container.querySelector('[data-bounce="bnc_2"] a')!.getAttribute('href')).toBe('#/threads/thr_7');
  });

  it('lifts a bounce suppression at once, and the address leaves the list', async () => {
    const { client } = setup();
    fireEvent.click(await screen.findByRole('button', { name: 'Lift the suppression of gone@remote.example' }));
    await waitFor(() => expect(client.liftSuppression).toHaveBeenCalledWith('gone@remote.example', { force: false }));
    expect(await screen.findByText('Lifted the suppression of gone@remote.example.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'gone@remote.example' })).toBeNull());
  });

  it('lifts a complaint only after a second, explicit click (force)', async () => {
    const { client } = setup();
    fireEvent.click(
      await screen.findByRole('button', { name: 'Lift the complaint suppression of angry@remote.example' }),
    );
    expect(client.liftSuppression).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Lift despite the complaint of angry@remote.example' }));
    await waitFor(() => expect(client.liftSuppression).toHaveBeenCalledWith('angry@remote.example', { force: true }));
  });

  it('shows why a list could not be loaded', async () => {
    const client = createFakeClient({
      listSuppressions: async () => {
        throw new Error(
          'a domain-scoped token cannot use installation-wide resources (GET /api/suppressions: 403 forbidden)',
        );
      },
      listBounces: async () => ({ items: [], nextCursor: null }),
    });
    render(<BouncesView client={client} />);
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Could not load the suppression list: a domain-scoped token',
    );
    expect(await screen.findByText('No bounce received.')).toBeTruthy();
  });
});
