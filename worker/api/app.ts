// The Hono application: routes, authentication and the one place where errors become JSON answers.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ApiServices, AppEnv } from './context.ts';
import { aliasRoutes } from './aliases.ts';
import { deliveryRoutes } from './deliveries.ts';
import { domainRoutes, domainSettingsRoutes } from './domains.ts';
import { domainMoveRoutes } from './domain-move.ts';
import { DomainMovingError } from '../data-bindings.ts';
import { fileRoutes } from './files.ts';
import { ApiError } from './errors.ts';
import { healthRoutes } from './health.ts';
import { InboundBusyError } from '../inbound/attempts.ts';
import { inboundRoutes } from './inbound.ts';
import { ingressRoutes } from './ingress.ts';
import { odooTargetRoutes } from './odoo-targets.ts';
import { buildOpenApiDocument, renderApiDocsHtml } from './openapi.ts';
import { outboundRoutes } from './outbound.ts';
import { sendRoutes } from './send.ts';
import { smtpTestRoutes } from './smtp-test.ts';
import { installApiSecurity } from './security.ts';
import { statsRoutes } from './stats.ts';
import { suppressionRoutes } from './suppressions.ts';
import { attachmentRoutes, threadRecordRoute, threadRoutes } from './threads.ts';
import { webhookRoutes } from './webhooks.ts';

export function createApp(buildServices: (env: Cloudflare.Env) => ApiServices) {
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    c.set('services', buildServices(c.env));
    await next();
  });

  app.get('/health', (c) => c.json({ ok: true, service: 'mailgate' }));
  app.route('/health', healthRoutes);
  app.get('/openapi.json', (c) => c.json(buildOpenApiDocument()));
  app.get('/docs', (c) => c.html(renderApiDocsHtml()));
  app.route('/files', fileRoutes);

  // Before the JSON API's layers: raw mail up to 25 MiB (not 1 MiB), from MTAs (no CORS), with its own scope rules.
  app.route('/api/ingress', ingressRoutes);
  installApiSecurity(app);
  app.route('/api/domains', domainRoutes);
  app.route('/api/domains', domainSettingsRoutes);
  app.route('/api/domains', domainMoveRoutes);
  app.route('/api/aliases', aliasRoutes);
  app.route('/api/outbound', outboundRoutes);
  app.route('/api/send', sendRoutes);
  app.route('/api/smtp-test', smtpTestRoutes);
  app.route('/api/inbound', inboundRoutes);
  app.route('/api/threads', threadRoutes);
  app.route('/api/threads', threadRecordRoute);
  app.route('/api/attachments', attachmentRoutes);
  app.route('/api', suppressionRoutes);
  app.route('/api/webhooks', webhookRoutes);
  app.route('/api/deliveries', deliveryRoutes);
  app.route('/api/odoo-targets', odooTargetRoutes);
  app.route('/api/stats', statsRoutes);

  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404),
  );

  app.onError((error, c) => {
    if (error instanceof ApiError) {
      return c.json({ error: { code: error.code, message: error.message } }, error.status);
    }
    if (error instanceof DomainMovingError) {
      // Its data is being copied to another database: the relay's MTA (or the client) tries again in a while.
      c.header('retry-after', '60');
      return c.json({ error: { code: 'domain_moving', message: error.message } }, 503);
    }
    if (error instanceof InboundBusyError) {
      // A replay or release of a message an attempt is processing right now: the admin tries again in a moment.
      return c.json({ error: { code: 'conflict', message: error.message } }, 409);
    }
    if (error instanceof HTTPException) {
      // Hono's own validation errors, e.g. a body that is not JSON.
      const status = error.status;
      const code = status === 400 ? 'invalid_input' : status === 413 ? 'too_large' : 'http_error';
      return c.json({ error: { code, message: error.message || 'request rejected' } }, status);
    }
    console.error(JSON.stringify({ event: 'api.error', path: c.req.path, error: String(error?.stack ?? error) }));
    return c.json({ error: { code: 'internal', message: 'internal error; the request may be retried' } }, 500);
  });

  return app;
}
