// `/api/domains`: the alias domains this gateway receives mail for.
import { Hono } from 'hono';
import { createDomainSchema, type DomainJson } from '../../shared/api/domains.ts';
import { createDomain, listDomains, type DomainRow } from '../store/domains.ts';
import type { AppEnv } from './context.ts';
import { ApiError } from './errors.ts';
import { validate } from './validate.ts';

export function toDomainJson(row: DomainRow): DomainJson {
  return {
    id: row.id,
    name: row.name,
    catchall: row.catchall,
    bounce: row.bounce,
    createdAt: row.createdAt.toISOString(),
  };
}

export const domainRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json({ items: (await listDomains(c.var.services.db)).map(toDomainJson) }))
  .post('/', validate('json', createDomainSchema), async (c) => {
    const input = c.req.valid('json');
    const row = await createDomain(c.var.services.db, input);
    if (!row) throw new ApiError(409, 'conflict', `the domain ${input.name} already exists`);
    return c.json(toDomainJson(row), 201);
  });
