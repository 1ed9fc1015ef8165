// Test data: what the gateway's SMTP test answers about Cloudflare Email Service's submission endpoint
// (smtp.mx.cloudflare.net:465, implicit TLS, AUTH PLAIN/LOGIN), for the overlay's unit and browser tests.
import type { SmtpTestResult } from '../../../shared/api/smtp-test.ts';

const CLOUDFLARE_SESSION: Pick<
  SmtpTestResult,
  'host' | 'port' | 'security' | 'banner' | 'extensions' | 'sizeLimit' | 'authMechanisms' | 'tls'
> = {
  host: 'smtp.mx.cloudflare.net',
  port: 465,
  security: 'ssl',
  banner: 'mx.cloudflare.net Cloudflare Email ESMTP Service ready',
  extensions: ['AUTH', 'SIZE', '8BITMIME', 'ENHANCEDSTATUSCODES'],
  sizeLimit: 5242880,
  authMechanisms: ['PLAIN', 'LOGIN'],
  tls: true,
};

/** The answer when the login is accepted. */
export const CLOUDFLARE_SMTP_OK: SmtpTestResult = {
  ...CLOUDFLARE_SESSION,
  ok: true,
  outcome: 'ok',
  message: 'Connection test succeeded: smtp.mx.cloudflare.net:465 answered, TLS is up, the login was accepted.',
  authenticated: true,
  steps: [{ step: 'auth', ok: true, detail: '235 2.7.0 Authentication successful', ms: 12 }],
};

/** The answer when the token is refused. */
export const CLOUDFLARE_SMTP_AUTH_FAILED: SmtpTestResult = {
  ...CLOUDFLARE_SESSION,
  ok: false,
  outcome: 'auth-failed',
  message: 'Authentication refused (535 5.7.8 Authentication failed): check the username and password.',
  authenticated: false,
  steps: [
    { step: 'connect', ok: true, detail: 'connected to smtp.mx.cloudflare.net:465', ms: 40 },
    { step: 'auth', ok: false, detail: '535 5.7.8 Authentication failed', ms: 30 },
  ],
};
