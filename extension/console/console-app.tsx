// The console's shell: the connection, the navigation (by hash) and the view the hash names.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { errorMessage } from '../../shared/error-message.ts';
import { GatewayError, type ApiClient } from '../gateway/api-client.ts';
import { gatewayConnectionSchema, type GatewayConnection } from '../gateway/connection.ts';
import { AliasesView } from './aliases-view.tsx';
import { BouncesView } from './bounces-view.tsx';
import { ChartsView } from './charts-view.tsx';
import { ConnectView } from './connect-view.tsx';
import { DomainsView } from './domains-view.tsx';
import { InboundView } from './inbound-view.tsx';
import { ErrorNotice, LoadingNotice } from './notices.tsx';
import { navigate, routeHref, useHashRoute, type Route, type ViewName } from './route.ts';
import { StatusBanner } from './status-banner.tsx';
import { ThreadView } from './thread-view.tsx';
import { ThreadsView } from './threads-view.tsx';
import { WebhooksView } from './webhooks-view.tsx';

export type ConnectionStore = {
  load: () => Promise<GatewayConnection | null>;
  save: (connection: GatewayConnection) => Promise<void>;
  clear: () => Promise<void>;
};

export type ConsoleAppProps = {
  store: ConnectionStore;
  /** Asks the browser for the host permission of the gateway's origin; true when granted. */
  requestOriginPermission: (origin: string) => Promise<boolean>;
  createClient: (connection: GatewayConnection) => ApiClient;
};

const NAVIGATION: { view: ViewName; label: string }[] = [
  { view: 'domains', label: 'Domains' },
  { view: 'aliases', label: 'Aliases' },
  { view: 'threads', label: 'Threads' },
  { view: 'inbound', label: 'Inbound log' },
  { view: 'bounces', label: 'Bounces & suppressions' },
  { view: 'webhooks', label: 'Webhooks & deliveries' },
  { view: 'charts', label: 'Charts' },
  { view: 'connect', label: 'Connection' },
];

/** The zod message of a bad URL or token, in words: "Gateway URL: …". */
function validateConnection(origin: string, token: string): GatewayConnection {
  const parsed = gatewayConnectionSchema.safeParse({ origin, token });
  if (parsed.success) return parsed.data;
  const field = parsed.error.issues[0]?.path[0];
  throw new Error(
    field === 'token'
      ? 'API token: paste the whole token the gateway created (at least 16 characters).'
      : 'Gateway URL: an absolute URL such as https://mail.example.com.',
  );
}

function ActiveView({ route, client }: { route: Route; client: ApiClient }) {
  switch (route.view) {
    case 'aliases':
      return <AliasesView client={client} />;
    case 'threads':
      return route.threadId ? (
        <ThreadView client={client} threadId={route.threadId} />
      ) : (
        <ThreadsView client={client} />
      );
    case 'inbound':
      return <InboundView client={client} />;
    case 'bounces':
      return <BouncesView client={client} />;
    case 'webhooks':
      return <WebhooksView client={client} />;
    case 'charts':
      return <ChartsView client={client} />;
    default:
      return <DomainsView client={client} />;
  }
}

export function ConsoleApp({ store, requestOriginPermission, createClient }: ConsoleAppProps) {
  const route = useHashRoute();
  const [connection, setConnection] = useState<GatewayConnection | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | null>(null);
  /** What a limited token will not see, said once after connecting (kept until disconnect or reload). */
  const [limitation, setLimitation] = useState<string | null>(null);
  useEffect(() => {
    store.load().then(setConnection, (error: unknown) => {
      setLoadError(errorMessage(error));
      setConnection(null);
    });
  }, [store]);
  const client = useMemo(() => (connection ? createClient(connection) : null), [connection, createClient]);

  const connect = async (origin: string, token: string): Promise<string | void> => {
    const candidate = validateConnection(origin, token);
    // First, while the click's user gesture lasts: the browser grants nothing after an await.
    const granted = await requestOriginPermission(candidate.origin);
    if (!granted)
      throw new Error(`The browser did not allow the console to reach ${candidate.origin}: connect again and accept.`);
    let limitation: string | null = null;
    try {
      await createClient(candidate).listDomains();
    } catch (error) {
      // 403: the token was recognised but may not list domains (a limited token): connect, and say what to expect.
      if (!(error instanceof GatewayError && error.status === 403))
        throw new Error(`The gateway refused the connection: ${errorMessage(error)}`);
      limitation = `Connected with a limited token (it may not list the domains: ${error.message}); views beyond its reach will be refused.`;
    }
    await store.save(candidate);
    setLimitation(limitation);
    setConnection(candidate);
    if (route.view === 'connect') navigate({ view: 'domains' });
    return `Connected to ${candidate.origin}.`;
  };

  const disconnect = async () => {
    await store.clear();
    setLimitation(null);
    setConnection(null);
  };

  const showConnect = !client || route.view === 'connect';
  return (
    <div class="console">
      <header class="console-header">
        <h1>
          mailgate <span class="muted">console</span>
        </h1>
        {connection && (
          <p class="gateway-origin">
            Gateway <span class="mono">{connection.origin}</span>
          </p>
        )}
      </header>
      <div class="console-body">
        {client && (
          <nav aria-label="Console sections" class="console-nav">
            <ul>
              {NAVIGATION.map((item) => (
                <li key={item.view}>
                  <a href={routeHref({ view: item.view })} aria-current={route.view === item.view ? 'page' : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <main class="console-main">
          {connection === undefined ? (
            <LoadingNotice what="the connection" />
          ) : (
            <>
              {loadError && <ErrorNotice message={`The stored connection could not be read: ${loadError}`} />}
              {client && !showConnect && <StatusBanner loadHealth={client.getDeepHealth} />}
              {limitation && (
                <p role="status" class="notice notice-loading">
                  {limitation}
                </p>
              )}
              {showConnect ? (
                <ConnectView connection={connection} onConnect={connect} onDisconnect={disconnect} />
              ) : (
                <ActiveView route={route} client={client} />
              )}
            </>
          )}
        </main>
      </div>
    </div>
  );
}
