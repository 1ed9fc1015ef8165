// Bounces & suppressions view: the suppression list with lifting (a complaint only after confirming) and the Add
// form, the bounce log.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
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
    // As the API: the address compared lower-case, one already on the list kept as it is.
    addSuppression: async (input) => {
      const address = input.address.toLowerCase();
      const there = suppressed.some((entry) => entry.address === address);
      if (!there) {
        suppressed = [
          suppressionJson({ address, source: 'manual', reason: input.reason ?? 'added by an admin', bounceCount: 0 }),
          ...suppressed,
        ];
      }
      return {
        domain: 'example.com',
        added: there ? 0 : 1,
        alreadyThere: there ? 1 : 0,
        replaced: 0,
        results: [{ address, outcome: there ? 'alreadyThere' : 'added' }],
      };
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

  it('adds an address by hand with its note: the API is called and the address joins the list', async () => {
    const { client } = setup();
    await screen.findByRole('rowheader', { name: 'gone@remote.example' });
    const form = screen.getByRole('form', { name: 'Add an address to the suppression list' });
    fireEvent.input(within(form).getByLabelText('Address'), { target: { value: ' Asked@Customer.example ' } });
    fireEvent.input(within(form).getByLabelText('Note (optional)'), { target: { value: 'asked on the phone' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add' }));
    await waitFor(() =>
      expect(client.addSuppression).toHaveBeenCalledWith({
        address: 'Asked@Customer.example',
        reason: 'asked on the phone',
      }),
    );
    expect(await screen.findByText('Suppressed asked@customer.example in example.com.')).toBeTruthy();
    const row = (await screen.findByRole('rowheader', { name: 'asked@customer.example' })).closest('tr')!;
    expect([...row.querySelectorAll('td')].slice(0, 2).map((cell) => cell.textContent)).toEqual([
      'asked on the phone',
      'manual',
    ]);
    expect((within(form).getByLabelText('Address') as HTMLInputElement).value).toBe('');
  });

  it('says when the address was already suppressed, and refuses a bad address before calling the API', async () => {
    const { client } = setup();
    await screen.findByRole('rowheader', { name: 'gone@remote.example' });
    const form = screen.getByRole('form', { name: 'Add an address to the suppression list' });
    fireEvent.input(within(form).getByLabelText('Address'), { target: { value: 'not an address' } });
    fireEvent.submit(form);
    expect((await within(form).findByRole('alert')).textContent).toContain('address');
    expect(client.addSuppression).not.toHaveBeenCalled();

    fireEvent.input(within(form).getByLabelText('Address'), { target: { value: 'gone@remote.example' } });
    fireEvent.submit(form);
    expect(
      await screen.findByText('gone@remote.example was already suppressed in example.com: its entry is kept.'),
    ).toBeTruthy();
    expect(client.addSuppression).toHaveBeenCalledTimes(1);
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
