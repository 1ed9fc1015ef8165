// Where the SMTP test servers listen (127.0.0.1, free ports picked when the project's config loads: a fixed port held
// by a Postfix left over from an earlier run made the tests fail with confusing TLS errors), and their one test user:
// shared by the Node side that starts them and the workerd side that tests against them (no Node module here).
export const SMTP_TEST_PORT_NAMES = [
  'submission',
  'smtps',
  'plainWithAuth',
  'selfSigned',
  'closed',
  'blackhole',
] as const;

export type SmtpTestPorts = Record<(typeof SMTP_TEST_PORT_NAMES)[number], number>;

/** The variable that hands the ports from the project's config to its global setup (one Node process). */
export const SMTP_TEST_PORTS_VARIABLE = 'MAILGATE_SMTP_TEST_PORTS';

export function parseSmtpTestPorts(json: string | undefined): SmtpTestPorts {
  const ports = JSON.parse(json || '{}') as Partial<SmtpTestPorts>;
  for (const name of SMTP_TEST_PORT_NAMES) {
    if (!Number.isInteger(ports[name]))
      throw new Error(`SMTP test ports: ${name} is missing from ${json ?? 'nothing'}`);
  }
  return ports as SmtpTestPorts;
}

export const SMTP_TEST_USER = { user: 'odoo', password: 'correct horse battery staple' };

/** Cloudflare Email Service's SMTP login as Odoo fills it: the literal user name `api_token`, the API token as password. */
export const API_TOKEN_USER = { user: 'api_token', password: 'cf-test-token-7Qz9x2LmN4pR8sT1vW6yB3dF' };
