// Where the SMTP test servers listen (127.0.0.1, within the ports this project's SMTP tests may use: 2540–2550), and
// their one test user: shared by the Node side that starts them and the workerd side that tests against them.
export const SMTP_TEST_PORTS = {
  submission: 2541,
  smtps: 2542,
  plainWithAuth: 2543,
  selfSigned: 2544,
  closed: 2545,
  blackhole: 2546,
} as const;

export const SMTP_TEST_USER = { user: 'odoo', password: 'correct horse battery staple' };

/** Cloudflare Email Service's SMTP login as Odoo fills it: the literal user name `api_token`, the API token as password. */
export const API_TOKEN_USER = { user: 'api_token', password: 'cf-test-token-7Qz9x2LmN4pR8sT1vW6yB3dF' };
