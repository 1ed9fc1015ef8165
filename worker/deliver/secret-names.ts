// Which Worker secrets an Odoo target may name as its API key: an allow-list by prefix (ODOO_…), so that no target can
// have mailgate send its own keys, or any other binding, to a URL of its choosing.
import { ODOO_SECRET_NAME } from '../../shared/api/deliveries.ts';

export function isUsableApiKeySecretName(name: string): boolean {
  return ODOO_SECRET_NAME.test(name);
}

/** The value of a Worker secret (a string binding) by name, or undefined when unset or not an ODOO_ secret. */
export function readApiKeySecret(env: object, name: string): string | undefined {
  if (!isUsableApiKeySecretName(name)) return undefined;
  const value = (env as Record<string, unknown>)[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
