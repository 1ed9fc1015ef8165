// `/api/odoo-targets`: Odoo databases that alias action `odoo` hands raw mail to; keys stay Worker secrets.
import { asc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { createOdooTargetSchema, type OdooTargetJson } from '../../shared/api/deliveries.ts';
import { isUsableApiKeySecretName, readApiKeySecret } from '../deliver/secret-names.ts';
import { findDomainByName } from '../store/domains.ts';
import { newId } from '../store/ids.ts';
import { domains, odooTargets } from '../store/schema.ts';
import type { AppEnv } from './context.ts';
import { ApiError, notFound } from './errors.ts';
import { requireInstallationWide } from './scopes.ts';
import { validate } from './validate.ts';

const idParam = z.object({ id: z.string().min(1).max(64) });
type TargetRow = typeof odooTargets.$inferSelect;

function toOdooTargetJson(row: TargetRow, domainName: string | null): OdooTargetJson {
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
  .use('*', requireInstallationWide)
  .get('/', async (c) => {
    const rows = await c.var.services.db
      .select({ target: odooTargets, domainName: domains.name })
      .from(odooTargets)
      .leftJoin(domains, eq(domains.id, odooTargets.domainId))
      .orderBy(asc(odooTargets.name));
    return c.json({ items: rows.map((row) => toOdooTargetJson(row.target, row.domainName)) });
  })
  .post('/', validate('json', createOdooTargetSchema), async (c) => {
    const input = c.req.valid('json');
    const { db } = c.var.services;
    if (!isUsableApiKeySecretName(input.apiKeySecret)) {
      throw new ApiError(400, 'invalid_input', `${input.apiKeySecret} is one of mailgate's own settings, not an API key`);
    }
    if (!readApiKeySecret(c.env, input.apiKeySecret)) {
      throw new ApiError(400, 'invalid_input', `the Worker secret ${input.apiKeySecret} is not set: run \`wrangler secret put ${input.apiKeySecret}\` first`);
    }
    const domain = input.domain ? await findDomainByName(db, input.domain) : null;
    if (input.domain && !domain) throw new ApiError(400, 'invalid_input', `the domain ${input.domain} is not configured`);
    const [row] = await db
      .insert(odooTargets)
      .values({
        id: newId('odo'),
        domainId: domain?.id ?? null,
        name: input.name,
        protocol: input.protocol,
        url: input.url.replace(/\/+$/, ''),
        database: input.database ?? null,
        login: input.login ?? null,
        apiKeySecret: input.apiKeySecret,
      })
      .returning();
    return c.json(toOdooTargetJson(row!, domain?.name ?? null), 201);
  })
  .delete('/:id', validate('param', idParam), async (c) => {
    const rows = await c.var.services.db
      .delete(odooTargets)
      .where(eq(odooTargets.id, c.req.valid('param').id))
      .returning({ id: odooTargets.id });
    if (rows.length === 0) throw notFound('Odoo target');
    return c.body(null, 204);
  });
