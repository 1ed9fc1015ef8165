// Aliases view: the list, creating (checked with the API's own schema first), editing and deleting.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { AliasesView } from './aliases-view.tsx';
import { createFakeClient } from './testing/fake-client.ts';
import { aliasJson } from './testing/fixtures.ts';

afterEach(cleanup);

function setup() {
  const client = createFakeClient({
    listAliases: async () => [
      aliasJson(),
      aliasJson({
        id: 'ali_fwd',
        address: 'boss@example.com',
        localPart: 'boss',
        action: 'forward',
        model: null,
        forwardTo: 'ceo@home.example',
        policy: 'authenticated',
      }),
    ],
    createAlias: async (input) =>
      aliasJson({ id: 'ali_new', address: input.address, action: input.action, model: input.model ?? null }),
    updateAlias: async (id, changes) => aliasJson({ id, ...changes } as Parameters<typeof aliasJson>[0]),
    deleteAlias: async () => undefined,
  });
  render(<AliasesView client={client} />);
  return client;
}

describe('AliasesView', () => {
  it('lists the aliases with their action, model or target, and policy', async () => {
    setup();
    const row = (await screen.findByRole('rowheader', { name: 'boss@example.com' })).closest('tr')!;
    expect([...row.querySelectorAll('td')].slice(0, 3).map((cell) => cell.textContent)).toEqual([
      'forward',
      'ceo@home.example',
      'authenticated',
    ]);
    expect(screen.getByRole('rowheader', { name: 'sales@example.com' }).closest('tr')!.textContent).toContain(
      'crm.lead',
    );
  });

  it('creates an alias with the fields of its action', async () => {
    const client = setup();
    await screen.findByRole('rowheader', { name: 'sales@example.com' });
    const form = screen.getByRole('form', { name: 'New alias' });
    fireEvent.input(within(form).getByLabelText('Address'), { target: { value: 'support@example.com' } });
    fireEvent.input(within(form).getByLabelText('ERP model'), { target: { value: 'helpdesk.ticket' } });
    fireEvent.change(within(form).getByLabelText('Who may write'), { target: { value: 'known' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create alias' }));
    await waitFor(() => expect(client.createAlias).toHaveBeenCalledTimes(1));
    expect(client.createAlias.mock.calls[0]![0]).toEqual({
      address: 'support@example.com',
      action: 'record',
      model: 'helpdesk.ticket',
      policy: 'known',
      forwardTo: null,
      odooTargetId: null,
      bounceMessage: null,
    });
    expect((await screen.findByText('Created support@example.com.')).getAttribute('role')).toBe('status');
    expect(client.listAliases).toHaveBeenCalledTimes(2);
  });

  it('refuses a record alias without a model before sending anything', async () => {
    const client = setup();
    await screen.findByRole('rowheader', { name: 'sales@example.com' });
    const form = screen.getByRole('form', { name: 'New alias' });
    fireEvent.input(within(form).getByLabelText('Address'), { target: { value: 'leads@example.com' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create alias' }));
    expect((await within(form).findByRole('alert')).textContent).toContain(
      'an alias with action "record" needs the model it creates',
    );
    expect(client.createAlias).not.toHaveBeenCalled();
  });

  it('edits the action, model and policy of an alias', async () => {
    const client = setup();
    fireEvent.click(await screen.findByRole('button', { name: 'Edit sales@example.com' }));
    const form = screen.getByRole('form', { name: 'Edit sales@example.com' });
    fireEvent.input(within(form).getByLabelText('ERP model'), { target: { value: 'project.task' } });
    fireEvent.change(within(form).getByLabelText('Who may write'), { target: { value: 'followers' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(client.updateAlias).toHaveBeenCalledTimes(1));
    expect(client.updateAlias.mock.calls[0]).toEqual([
      'ali_sales',
      {
        action: 'record',
        model: 'project.task',
        policy: 'followers',
        forwardTo: null,
        odooTargetId: null,
        bounceMessage: null,
      },
    ]);
    expect(await screen.findByText('Saved sales@example.com: record → project.task, followers.')).toBeTruthy();
  });

  it("deletes only after a confirmation, and shows the API's refusal", async () => {
    const client = setup();
    client.deleteAlias.mockRejectedValueOnce(
      new Error('alias was not found (DELETE /api/aliases/ali_fwd: 404 not_found)'),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Delete boss@example.com' }));
    expect(client.deleteAlias).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Confirm deleting boss@example.com' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'alias was not found (DELETE /api/aliases/ali_fwd: 404 not_found)',
    );
    expect(client.deleteAlias).toHaveBeenCalledWith('ali_fwd');
  });
});
