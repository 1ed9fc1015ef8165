// Options page entry: the admin console of the connected gateway (extension/console/).
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { ConsoleApp } from '../../console/console-app.tsx';
import '../../console/console.css';
import { createApiClient } from '../../gateway/api-client.ts';
import {
  clearConnection,
  loadConnection,
  originPermissionPattern,
  saveConnection,
  type GatewayConnection,
} from '../../gateway/connection.ts';

// Extension pages forbid eval (MV3 CSP): zod must not try its compiled fast path (and log a CSP violation) at all.
z.config({ jitless: true });

const store = { load: loadConnection, save: saveConnection, clear: clearConnection };
const requestOriginPermission = (origin: string) =>
  browser.permissions.request({ origins: [originPermissionPattern(origin)] });
const createClient = (connection: GatewayConnection) => createApiClient(connection);

const root = document.getElementById('app');
if (root) {
  render(
    <ConsoleApp store={store} requestOriginPermission={requestOriginPermission} createClient={createClient} />,
    root,
  );
}
