// `/api/domains`: the alias domains this gateway receives mail for, their policies and routing rules.
import { Hono } from 'hono';
import { z } from 'zod';
import { createRuleSchema, updateDomainSchema } from '../../shared/api/aliases.ts';
import { domainExpectationsSchema } from '../../shared/api/dns.ts';
import { createDomainSchema, domainNameSchema, type DomainJson } from '../../shared/api/domains.ts';
import { checkDomain } from '../../shared/dns/check-domain.ts';
import { describeInvalidPattern } from '../inbound/rules.ts';
import { findAliasOfDomain } from '../store/aliases.ts';
import { createDomain, findDomainByName, listDomains, updateDomain, type DomainRow } from '../store/domains.ts';
import { newId } from '../store/ids.ts';
import { deleteRoutingRule, insertRoutingRule, listRoutingRules, type RoutingRuleRow } from '../store/routing-rules.ts';
import type { AppEnv } from './context.ts';
import { ApiError, notFound } from './errors.ts';
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
  .get('/', async (c) => {
    const scopedDomainId = c.var.principal.domainId;
    const rows = (await listDomains(c.var.services.db)).filter(
      (row) => scopedDomainId === null || row.id === scopedDomainId,
    );
    return c.json({ items: rows.map(toDomainJson) });
  })
  .post('/', validate('json', createDomainSchema), async (c) => {
    const input = c.req.valid('json');
    const row = await createDomain(c.var.services.db, input);
    if (!row) throw new ApiError(409, 'conflict', `the domain ${input.name} already exists`);
    return c.json(toDomainJson(row), 201);
  });

const nameParam = z.object({ name: z.string().min(1).max(253) });
const ruleParam = nameParam.extend({ id: z.string().min(1).max(64) });

async function requireDomain(c: { var: AppEnv['Variables'] }, name: string): Promise<DomainRow> {
  const domain = await findDomainByName(c.var.services.db, name);
  if (!domain) throw notFound(`domain ${name}`);
  return domain;
}

function toRuleJson(row: RoutingRuleRow) {
  return { ...row, createdAt: row.createdAt.toISOString() };
}

/** `?sender=odoo&sender=google&dkim=s1&receiver=cloudflare&dmarc=reject&rua=mailto:…` → expectations. */
const dnsQuerySchema = z.object({
  receiver: z.string().optional(),
  sender: z.union([z.string(), z.array(z.string())]).optional(),
  dkim: z.union([z.string(), z.array(z.string())]).optional(),
  dmarc: z.enum(['none', 'quarantine', 'reject']).optional(),
  rua: z.string().optional(),
});
const asList = (value: string | string[] | undefined) => (value === undefined ? [] : [value].flat());

export const domainSettingsRoutes = new Hono<AppEnv>()
  .get('/:name/dns', validate('param', nameParam), async (c) => {
    const name = domainNameSchema.safeParse(c.req.valid('param').name);
    if (!name.success) throw new ApiError(400, 'invalid_input', `${c.req.valid('param').name} is not a domain name`);
    const query = dnsQuerySchema.safeParse({
      ...c.req.query(),
      sender: c.req.queries('sender'),
      dkim: c.req.queries('dkim'),
    });
    if (!query.success) throw new ApiError(400, 'invalid_input', z.prettifyError(query.error));
    const expectations = domainExpectationsSchema.parse({
      ...(query.data.receiver ? { receiver: query.data.receiver } : {}),
      senders: asList(query.data.sender),
      dkimSelectors: asList(query.data.dkim),
      dmarc: { policy: query.data.dmarc, rua: query.data.rua },
    });
    return c.json(await checkDomain(name.data, expectations, c.var.services.resolver));
  })
  .get('/:name', validate('param', nameParam), async (c) =>
    c.json(toDomainSettingsJson(await requireDomain(c, c.req.valid('param').name))),
  )
  .patch('/:name', validate('param', nameParam), validate('json', updateDomainSchema), async (c) => {
    const domain = await requireDomain(c, c.req.valid('param').name);
    const changes = c.req.valid('json');
    // The send cap is a guard rail of the installation, not a tenant's to raise.
    const { principal } = c.var;
    if (changes.dailySendLimit !== undefined && (principal.scope !== 'admin' || principal.domainId !== null)) {
      throw new ApiError(
        403,
        'forbidden',
        'dailySendLimit: only an installation-wide admin token may change the send cap',
      );
    }
    const row = await updateDomain(c.var.services.db, domain.id, changes);
    if (!row) throw notFound(`domain ${domain.name}`);
    return c.json(toDomainSettingsJson(row));
  })
  .get('/:name/rules', validate('param', nameParam), async (c) => {
    const domain = await requireDomain(c, c.req.valid('param').name);
    const rows = await listRoutingRules(c.var.services.db, domain.id);
    return c.json({ items: rows.map(toRuleJson) });
  })
  .post('/:name/rules', validate('param', nameParam), validate('json', createRuleSchema), async (c) => {
    const { db } = c.var.services;
    const domain = await requireDomain(c, c.req.valid('param').name);
    const input = c.req.valid('json');
    for (const field of ['matchRecipient', 'matchSender', 'matchHeaderValue', 'matchSubject'] as const) {
      const problem = describeInvalidPattern(input[field]);
      if (problem) throw new ApiError(400, 'invalid_input', `${field} is not a valid regular expression: ${problem}`);
    }
    let aliasId: string | null = null;
    if (input.alias) {
      const localPart = input.alias.includes('@') ? input.alias.split('@')[0]!.toLowerCase() : null;
      const alias = await findAliasOfDomain(db, domain.id, localPart ? { localPart } : { id: input.alias });
      if (!alias) throw new ApiError(400, 'invalid_input', `alias ${input.alias} does not exist in ${domain.name}`);
      aliasId = alias.id;
    }
    const row = await insertRoutingRule(db, {
      id: newId('rul'),
      domainId: domain.id,
      position: input.position,
      name: input.name,
      matchRecipient: input.matchRecipient ?? null,
      matchSender: input.matchSender ?? null,
      matchHeaderName: input.matchHeaderName ?? null,
      matchHeaderValue: input.matchHeaderValue ?? null,
      matchSubject: input.matchSubject ?? null,
      action: input.action,
      aliasId,
      tag: input.tag ?? null,
      stop: input.stop,
    });
    return c.json(toRuleJson(row), 201);
  })
  .delete('/:name/rules/:id', validate('param', ruleParam), async (c) => {
    const domain = await requireDomain(c, c.req.valid('param').name);
    if (!(await deleteRoutingRule(c.var.services.db, domain.id, c.req.valid('param').id))) throw notFound('rule');
    return c.body(null, 204);
  });

function toDomainSettingsJson(row: DomainRow) {
  return { ...toDomainJson(row), ...row, createdAt: row.createdAt.toISOString() };
}
