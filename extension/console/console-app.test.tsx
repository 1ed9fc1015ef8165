// The console shell: connecting (permission first, then a test call, then storage), navigation by hash, disconnect.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { GatewayError, type ApiClient } from '../gateway/api-client.ts';
import { clearConnection, loadConnection, saveConnection, type GatewayConnection } from '../gateway/connection.ts';
import { ConsoleApp } from './console-app.tsx';
import { asClient, createFakeClient, type FakeClient } from './testing/fake-client.ts';
import { aliasJson, domainJson, domainReport } from './testing/fixtures.ts';

const TOKEN = 'mg_admin_0123456789abcdef0123';
const store = { load: loadConnection, save: saveConnection, clear: clearConnection };

/** Everything the app did, in order: the permission must come before the first call to the gateway. */
let steps: string[];
let fake: FakeClient;

function renderApp(options: { permission?: boolean; listDomains?: () => Promise<unknown> } = {}) {
  const requestOriginPermission = vi.fn(async (origin: string) => {
    steps.push(`permission ${origin}`);
    return options.permission ?? true;
  });
  fake = createFakeClient({
    listDomains: vi.fn(async () => {
      steps.push('listDomains');
      return (options.listDomains ? options.listDomains() : [domainJson('example.com')]) as ReturnType<
        ApiClient['listDomains']
      >;
    }),
    getDomainReport: async (name) => domainReport(name),
    listAliases: async () => [aliasJson()],
  });
  const createClient = vi.fn((connection: GatewayConnection) => {
    steps.push(`client ${connection.origin}`);
    return asClient(fake);
  });
  render(<ConsoleApp store={store} requestOriginPermission={requestOriginPermission} createClient={createClient} />);
  return { requestOriginPermission, createClient };
}

async function submitConnect(origin: string, token: string) {
  fireEvent.input(await screen.findByLabelText('Gateway URL'), { target: { value: origin } });
  fireEvent.input(screen.getByLabelText('API token'), { target: { value: token } });
  fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
}

beforeEach(() => {
  fakeBrowser.reset();
  location.hash = '';
  steps = [];
});
afterEach(cleanup);

describe('ConsoleApp', () => {
  it("connects: asks for the origin's permission, tests GET /api/domains, then stores the connection", async () => {
    location.hash = '#/connect';
    const { requestOriginPermission } = renderApp();
    await submitConnect('http://127.0.0.1:8787/', TOKEN);
    await screen.findByRole('navigation', { name: 'Console sections' });
    expect(requestOriginPermission).toHaveBeenCalledWith('http://127.0.0.1:8787');
    expect(steps.slice(0, 3)).toEqual([
      'permission http://127.0.0.1:8787',
      'client http://127.0.0.1:8787',
      'listDomains',
    ]);
    expect(await loadConnection()).toEqual({ origin: 'http://127.0.0.1:8787', token: TOKEN });
    await waitFor(() => expect(location.hash).toBe('#/domains'));
    expect(await screen.findByRole('heading', { name: 'example.com' })).toBeTruthy();
  });

  it('stores nothing when the browser refuses the permission', async () => {
    renderApp({ permission: false });
    await submitConnect('https://mail.example.com', TOKEN);
    expect((await screen.findByRole('alert')).textContent).toContain(
      'did not allow the console to reach https://mail.example.com',
    );
    expect(steps).toEqual(['permission https://mail.example.com']);
    expect(await loadConnection()).toBeNull();
  });

  it('stores nothing when the gateway refuses the token, and says why', async () => {
    renderApp({
      listDomains: async () => {
        throw new GatewayError(
          401,
          'invalid_token',
          'the API token is unknown or revoked (GET /api/domains: 401 invalid_token)',
        );
      },
    });
    await submitConnect('https://mail.example.com', TOKEN);
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The gateway refused the connection: the API token is unknown or revoked',
    );
    expect(await loadConnection()).toBeNull();
  });

  it('accepts a limited token (403 on the domain list) and says what it cannot see', async () => {
    renderApp({
      listDomains: async () => {
        throw new GatewayError(403, 'forbidden', 'a domain-scoped token cannot use installation-wide resources');
      },
    });
    await submitConnect('https://mail.example.com', TOKEN);
    expect(
      (
        await screen.findByText(
          /^Connected with a limited token \(it may not list the domains: a domain-scoped token cannot use/,
        )
      ).getAttribute('role'),
    ).toBe('status');
    // The domains view then says what the API refused, rather than showing nothing.
    expect((await screen.findByRole('alert')).textContent).toContain(
      'a domain-scoped token cannot use installation-wide resources',
    );
    expect(await loadConnection()).toEqual({ origin: 'https://mail.example.com', token: TOKEN });
  });

  it('checks the URL and token before asking the browser anything', async () => {
    const { requestOriginPermission } = renderApp();
    await submitConnect('https://mail.example.com', 'short');
    expect((await screen.findByRole('alert')).textContent).toContain('API token: paste the whole token');
    expect(requestOriginPermission).not.toHaveBeenCalled();
  });

  it('opens the view the hash names, and disconnects', async () => {
    await saveConnection({ origin: 'https://mail.example.com', token: TOKEN });
    location.hash = '#/aliases';
    renderApp();
    expect(await screen.findByRole('heading', { name: 'Aliases' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Aliases' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByText('https://mail.example.com')).toBeTruthy();

    location.hash = '#/connect';
    fireEvent(window, new HashChangeEvent('hashchange'));
    fireEvent.click(await screen.findByRole('button', { name: 'Disconnect' }));
    await waitFor(() => expect(screen.queryByRole('navigation', { name: 'Console sections' })).toBeNull());
    expect(await loadConnection()).toBeNull();
    expect(screen.getByRole('button', { name: 'Connect' })).toBeTruthy();
  });
});
