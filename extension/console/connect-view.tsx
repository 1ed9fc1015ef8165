// Connect: the gateway's URL and an API token, tested before they are kept; disconnect forgets both.
import { useState } from 'preact/hooks';
import type { GatewayConnection } from '../gateway/connection.ts';
import { ActionNotice } from './notices.tsx';
import { TextField } from './text-field.tsx';
import { useAction } from './use-loader.ts';

export type ConnectViewProps = {
  connection: GatewayConnection | null;
  /** Asks the browser for the origin, tests the token, stores both; throws a readable error. */
  onConnect: (origin: string, token: string) => Promise<string | void>;
  onDisconnect: () => Promise<void>;
};

export function ConnectView({ connection, onConnect, onDisconnect }: ConnectViewProps) {
  const [origin, setOrigin] = useState(connection?.origin ?? '');
  const [token, setToken] = useState('');
  const [action, perform] = useAction();

  const submit = (event: Event) => {
    event.preventDefault();
    // No await before onConnect: the browser grants a permission request only within the click's user gesture.
    void perform('connect', async () => {
      const notice = await onConnect(origin.trim(), token.trim());
      setToken('');
      return notice ?? undefined;
    });
  };

  return (
    <section aria-labelledby="connect-title">
      <h2 id="connect-title">Connection</h2>
      {connection ? (
        <div class="card connected">
          <p>
            Connected to <strong data-testid="connected-origin">{connection.origin}</strong>.
          </p>
          <button
            type="button"
            class="button-secondary"
            disabled={action.busy !== null}
            onClick={() =>
              void perform('disconnect', async () => {
                await onDisconnect();
                return 'Disconnected: the token was removed from this browser.';
              })
            }
          >
            Disconnect
          </button>
        </div>
      ) : (
        <p class="lead">
          Connect the console to your mailgate gateway. The token stays in this browser's local storage, never synced.
        </p>
      )}
      <form class="card form-grid" onSubmit={submit} aria-label="Connect to a gateway">
        <TextField
          id="gateway-origin"
          label="Gateway URL"
          value={origin}
          attributes={{ name: 'origin', type: 'url', required: true, placeholder: 'https://mail.example.com' }}
          onChange={setOrigin}
        />
        <TextField
          id="gateway-token"
          label="API token"
          value={token}
          attributes={{
            name: 'token',
            type: 'password',
            required: true,
            autocomplete: 'off',
            placeholder: 'mg_admin_…',
          }}
          onChange={setToken}
        />
        <div class="form-actions">
          <button type="submit" disabled={action.busy !== null}>
            {action.busy === 'connect' ? 'Connecting…' : connection ? 'Reconnect' : 'Connect'}
          </button>
        </div>
      </form>
      <ActionNotice state={action} />
    </section>
  );
}
