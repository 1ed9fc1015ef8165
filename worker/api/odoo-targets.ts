// `/api/odoo-targets`: Odoo databases that alias action `odoo` hands raw mail to; keys stay Worker secrets (ODOO_…),
// each target serves the aliases of one domain.
import { Hono } from 'hono';
import { z } from 'zod';
import { createOdooTargetSchema, type OdooTargetJson } from '../../shared/api/deliveries.ts';
import { newId } from '../store/ids.ts';
import { deleteOdooTarget, insertOdooTarget, listOdooTargets, type OdooTargetRow } from '../store/odoo-targets.ts';
import type { AppEnv } from './context.ts';
import { ApiError, notFound } from './errors.ts';
import { requireSafeTargetUrl, requireTargetAdmin } from './target-rules.ts';
import { requireOneDomain } from './tenant.ts';
import { validate } from './validate.ts';

const idParam = z.object({ id: z.string().min(1).max(64) });

function toOdooTargetJson(row: OdooTargetRow, domainName: string | null): OdooTargetJson {
  return {
    id: row.id,
    name: row.name,
    protocol: row.protocol,
    url: row.url,
    database: row.database,
    login: row.login,
    apiKeySecret: row.apiKeySecret,
    domain: domainName,
    createdAt: row.createdAt.toISOString(),
  };
}

export const odooTargetRoutes = new Hono<AppEnv>()
  .use('*', requireTargetAdmin)
  .get('/', async (c) => {
    const rows = await listOdooTargets(c.var.services.db);
    return c.json({ items: rows.map(({ row, domainName }) => toOdooTargetJson(row, domainName)) });
  })
  .post('/', validate('json', createOdooTargetSchema), async (c) => {
    const input = c.req.valid('json');
    const { db } = c.var.services;
    requireSafeTargetUrl(c.var.services.targetPolicy, input.url);
    if (!c.var.services.readSecret(input.apiKeySecret)) {
      throw new ApiError(
        400,
        'invalid_input',
        `apiKeySecret: the Worker secret ${input.apiKeySecret} is not set: run \`wrangler secret put ${input.apiKeySecret}\` first`,
      );
    }
    // A target serves the aliases of one domain: mail of one tenant never reaches another tenant's Odoo.
    const domain = await requireOneDomain(c, input.domain);
    const row = await insertOdooTarget(db, {
      id: newId('odo'),
      domainId: domain.id,
      name: input.name,
      protocol: input.protocol,
      url: input.url.replace(/\/+$/, ''),
      database: input.database ?? null,
      login: input.login ?? null,
      apiKeySecret: input.apiKeySecret,
    });
    return c.json(toOdooTargetJson(row, domain.name), 201);
  })
  .delete('/:id', validate('param', idParam), async (c) => {
    if (!(await deleteOdooTarget(c.var.services.db, c.req.valid('param').id))) throw notFound('Odoo target');
    return c.body(null, 204);
  });
