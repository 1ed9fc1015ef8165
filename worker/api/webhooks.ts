// `/api/webhooks`: signed webhook endpoints; secrets are shown once, at creation and at rotation.
import { Hono } from 'hono';
import { z } from 'zod';
import { createWebhookSchema, type WebhookJson } from '../../shared/api/deliveries.ts';
import { generateWebhookSecret } from '../deliver/webhook-signature.ts';
import { findDomainByName } from '../store/domains.ts';
import { newId } from '../store/ids.ts';
import {
  deleteWebhookEndpoint,
  enableWebhookEndpoint,
  findWebhookEndpoint,
  insertWebhookEndpoint,
  listWebhookEndpoints,
  setWebhookSecrets,
  type WebhookEndpointRow,
} from '../store/webhooks.ts';
import type { AppEnv } from './context.ts';
import { ApiError, notFound } from './errors.ts';
import { requireSafeTargetUrl, requireTargetAdmin } from './target-rules.ts';
import { validate } from './validate.ts';

const idParam = z.object({ id: z.string().min(1).max(64) });

function toWebhookJson(row: WebhookEndpointRow, domainName: string | null): WebhookJson {
  return {
    id: row.id,
    url: row.url,
    events: row.eventTypes,
    domain: domainName,
    rotating: row.secrets.length > 1,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    disabledReason: row.disabledReason,
    createdAt: row.createdAt.toISOString(),
  };
}

export const webhookRoutes = new Hono<AppEnv>()
  .use('*', requireTargetAdmin)
  .get('/', async (c) => {
    const rows = await listWebhookEndpoints(c.var.services.db);
    return c.json({ items: rows.map(({ row, domainName }) => toWebhookJson(row, domainName)) });
  })
  .post('/', validate('json', createWebhookSchema), async (c) => {
    const input = c.req.valid('json');
    const { db } = c.var.services;
    requireSafeTargetUrl(c.var.services.targetPolicy, input.url);
    const domain = input.domain ? await findDomainByName(db, input.domain) : null;
    if (input.domain && !domain)
      throw new ApiError(400, 'invalid_input', `the domain ${input.domain} is not configured`);
    const secret = generateWebhookSecret();
    const id = newId('whk');
    await insertWebhookEndpoint(db, {
      id,
      domainId: domain?.id ?? null,
      url: input.url,
      eventTypes: input.events,
      secrets: [secret],
    });
    return c.json({ id, secret }, 201);
  })
  .delete('/:id', validate('param', idParam), async (c) => {
    if (!(await deleteWebhookEndpoint(c.var.services.db, c.req.valid('param').id))) throw notFound('webhook');
    return c.body(null, 204);
  })
  // Rotation, step 1: a new secret signs alongside the old one, so receivers can switch at their own pace.
  .post('/:id/rotate', validate('param', idParam), async (c) => {
    const { db } = c.var.services;
    const { id } = c.req.valid('param');
    const row = await findWebhookEndpoint(db, id);
    if (!row) throw notFound('webhook');
    const current = row.secrets[0];
    if (!current) throw new ApiError(409, 'conflict', 'the webhook has no secret to rotate from');
    const secret = generateWebhookSecret();
    // Newest first; a rotation started twice replaces the unfinished new secret and keeps the one receivers hold.
    const kept = row.secrets.length > 1 ? row.secrets[row.secrets.length - 1]! : current;
    await setWebhookSecrets(db, id, [secret, kept]);
    return c.json({ id, secret });
  })
  // Rotation, step 2: once the receiver holds the new secret, the old one stops signing.
  .post('/:id/rotate/finish', validate('param', idParam), async (c) => {
    const { db } = c.var.services;
    const { id } = c.req.valid('param');
    const row = await findWebhookEndpoint(db, id);
    if (!row) throw notFound('webhook');
    const newest = row.secrets[0];
    if (!newest || row.secrets.length < 2) throw new ApiError(409, 'conflict', 'no rotation is in progress');
    await setWebhookSecrets(db, id, [newest]);
    return c.json({ id, rotating: false });
  })
  // An endpoint disabled by a 410 Gone comes back when its owner says so.
  .post('/:id/enable', validate('param', idParam), async (c) => {
    const row = await enableWebhookEndpoint(c.var.services.db, c.req.valid('param').id);
    if (!row) throw notFound('webhook');
    return c.json(toWebhookJson(row, null));
  });
