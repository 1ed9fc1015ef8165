// The admin's connection to a mailgate gateway (origin + API token), kept in the extension's local storage.
// The popup reads it to check the gateway's own domains; the console (options page) creates, tests and clears it.
import { z } from 'zod';
import { browser } from 'wxt/browser';

/** Local storage only: a token must not follow the admin's browser profile to other machines (storage.sync). */
const STORAGE_KEY = 'mailgate:gateway';

export const gatewayConnectionSchema = z.object({
  /** Origin of the worker, e.g. `https://mail.example.com` or `http://127.0.0.1:8787` (no path, no trailing slash). */
  origin: z
    .string()
    .url()
    .transform((value) => new URL(value).origin),
  /** A bearer token created by the gateway (admin or domain-scoped); never shown again after connecting. */
  token: z.string().min(16),
});
export type GatewayConnection = z.infer<typeof gatewayConnectionSchema>;

export async function loadConnection(): Promise<GatewayConnection | null> {
  const stored = (await browser.storage.local.get(STORAGE_KEY))[STORAGE_KEY];
  const parsed = gatewayConnectionSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

export async function saveConnection(connection: GatewayConnection): Promise<void> {
  await browser.storage.local.set({ [STORAGE_KEY]: gatewayConnectionSchema.parse(connection) });
}

export async function clearConnection(): Promise<void> {
  await browser.storage.local.remove(STORAGE_KEY);
}

/** The host permission pattern the browser must grant before the extension may call the gateway. */
export function originPermissionPattern(origin: string): string {
  const url = new URL(origin);
  // Match patterns never carry a port: `http://127.0.0.1/*` covers every port (Chrome and Firefox alike).
  return `${url.protocol}//${url.hostname}/*`;
}
