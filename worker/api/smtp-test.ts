// `POST /api/smtp-test`: the ERP's Outgoing Mail Server tested for real from the Worker (connect, TLS, EHLO, AUTH),
// with the credentials used once and never stored, logged or echoed. The host follows the delivery targets' rules
// (no loopback, private or link-local address unless MAILGATE_ALLOW_PRIVATE_TARGETS), and port 25 is refused: Workers
// cannot open it.
import { Hono } from 'hono';
import { smtpTestRequestSchema } from '../../shared/api/smtp-test.ts';
import { checkTargetHost } from '../deliver/target-url.ts';
import { probeSmtpServer } from '../smtp/probe.ts';
import type { AppEnv } from './context.ts';
import { ApiError } from './errors.ts';
import { validate } from './validate.ts';

/** Each step (connect, a reply) waits at most this long: a blocked port must not hold the admin for a minute. */
export const DEFAULT_SMTP_STEP_TIMEOUT_MS = 8000;
/** Said in EHLO (RFC 5321 4.1.1.1 wants a domain name; `.invalid` promises no one will take it for a real host). */
const EHLO_NAME = 'smtp-test.mailgate.invalid';

export const smtpTestRoutes = new Hono<AppEnv>().post('/', validate('json', smtpTestRequestSchema), async (c) => {
  const request = c.req.valid('json');
  const { services } = c.var;
  const host = checkTargetHost(request.host, services.targetPolicy);
  if (!host.ok) throw new ApiError(400, 'invalid_input', `host: ${host.reason}`);
  if (request.port === 25) {
    throw new ApiError(
      400,
      'invalid_input',
      'port: Cloudflare Workers cannot open connections to port 25 (and Odoo Online and Odoo.sh block it too): test the submission port, 587 with STARTTLS or 465 with SSL/TLS',
    );
  }
  if (!services.openSocket)
    throw new ApiError(500, 'not_configured', 'outgoing TCP connections are not available here');
  const result = await probeSmtpServer(
    {
      openSocket: services.openSocket,
      stepTimeoutMs: services.smtpStepTimeoutMs ?? DEFAULT_SMTP_STEP_TIMEOUT_MS,
      ehloName: EHLO_NAME,
      now: () => Date.now(),
    },
    request,
  );
  return c.json(result);
});
