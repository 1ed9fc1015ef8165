// Which Worker secrets an Odoo target may name as its API key: never mailgate's own keys.

/** mailgate's own secrets and settings: naming one as an "API key" would send it to whatever URL the target has. */
const RESERVED_SECRET_NAME = /^(MAILGATE_|REPLY_TOKEN_SECRET$|TEST_)/;

export function isUsableApiKeySecretName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name) && !RESERVED_SECRET_NAME.test(name);
}

/** The value of a Worker secret (a string binding) by name, or undefined when unset or reserved. */
export function readApiKeySecret(env: object, name: string): string | undefined {
  if (!isUsableApiKeySecretName(name)) return undefined;
  const value = (env as Record<string, unknown>)[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
