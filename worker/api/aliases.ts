// `/api/aliases`: the addresses that create records, threads, Odoo hand-offs, forwards or rejections.
import { Hono } from 'hono';
import { z } from 'zod';
import { createAliasSchema, updateAliasSchema, type AliasJson } from '../../shared/api/aliases.ts';
import { splitAddress } from '../../shared/mail/address.ts';
import type { Database } from '../store/db.ts';
import { findDomainByName } from '../store/domains.ts';
import { newId } from '../store/ids.ts';
import { findOdooTarget } from '../store/odoo-targets.ts';
import {
  deleteAlias,
  findAliasWithDomain,
  insertAlias,
  listAliases,
  updateAlias,
  type AliasRow,
} from '../store/aliases.ts';
import { readAllAcross } from './across-databases.ts';
import type { AppEnv } from './context.ts';
import { assertDomainInScope } from './domain-guard.ts';
import { ApiError, notFound } from './errors.ts';
import { validate } from './validate.ts';

const idParam = z.object({ id: z.string().min(1).max(64) });

function toAliasJson(row: AliasRow, domainName: string): AliasJson {
  return {
    id: row.id,
    address: `${row.localPart}@${domainName}`,
    domain: domainName,
    localPart: row.localPart,
    action: row.action,
    model: row.model,
    policy: row.policy,
    defaults: row.defaults,
    forwardTo: row.forwardTo,
    odooTargetId: row.odooTargetId,
    bounceMessage: row.bounceMessage,
    createdAt: row.createdAt.toISOString(),
  };
}

export const aliasRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const domainId = c.var.principal.domainId;
    // A scoped token's request already reads its domain's database; an installation-wide one reads every database.
    const rows = domainId
      ? await listAliases(c.var.services.db, domainId)
      : await readAllAcross(
          c.var.services,
          ({ db }) => listAliases(db, null),
          (row) => row.alias.domainId,
        );
    return c.json({ items: rows.map((row) => toAliasJson(row.alias, row.domainName)) });
  })
  .post('/', validate('json', createAliasSchema), async (c) => {
    const input = c.req.valid('json');
    const { db } = c.var.services;
    const parts = splitAddress(input.address)!;
    const domain = await findDomainByName(db, parts.domain);
    if (!domain)
      throw new ApiError(400, 'invalid_input', `the domain ${parts.domain} is not configured: POST /api/domains first`);
    assertDomainInScope(c.var.principal, domain.id);
    requireVerifiedDestination(c.var.services.verifiedDestinations, input.forwardTo);
    await requireOdooTargetOfDomain(db, input.odooTargetId, domain.id);
    const localPart = parts.localPart.toLowerCase();
    if (localPart === domain.catchall || localPart === domain.bounce) {
      throw new ApiError(
        409,
        'conflict',
        `${input.address} is the domain's ${localPart === domain.catchall ? 'catchall' : 'bounce'} address`,
      );
    }
    const row = await insertAlias(db, {
      id: newId('ali'),
      domainId: domain.id,
      localPart,
      action: input.action,
      model: input.model ?? null,
      policy: input.policy,
      defaults: input.defaults,
      forwardTo: input.forwardTo ?? null,
      odooTargetId: input.odooTargetId ?? null,
      bounceMessage: input.bounceMessage ?? null,
    });
    if (!row) throw new ApiError(409, 'conflict', `the alias ${input.address} already exists`);
    return c.json(toAliasJson(row, domain.name), 201);
  })
  .patch('/:id', validate('param', idParam), validate('json', updateAliasSchema), async (c) => {
    const { db } = c.var.services;
    const found = await findAliasWithDomain(db, c.req.valid('param').id);
    if (!found) throw notFound('alias');
    const merged = { ...found.alias, ...c.req.valid('json') };
    const check = createAliasSchema.safeParse({ ...merged, address: `${found.alias.localPart}@${found.domainName}` });
    if (!check.success) throw new ApiError(400, 'invalid_input', z.prettifyError(check.error));
    if (merged.action === 'forward') requireVerifiedDestination(c.var.services.verifiedDestinations, merged.forwardTo);
    await requireOdooTargetOfDomain(db, merged.odooTargetId, found.alias.domainId);
    const row = await updateAlias(db, found.alias.id, c.req.valid('json'));
    if (!row) throw notFound('alias');
    return c.json(toAliasJson(row, found.domainName));
  })
  .delete('/:id', validate('param', idParam), async (c) => {
    if (!(await deleteAlias(c.var.services.db, c.req.valid('param').id))) throw notFound('alias');
    return c.body(null, 204);
  });

/**
 * Cloudflare's forward() only reaches destinations verified in the account: refuse, at configuration time, an alias
 * whose every mail would fail. Only checked when the installation lists its verified destinations.
 */
function requireVerifiedDestination(
  verified: ReadonlySet<string> | undefined,
  forwardTo: string | null | undefined,
): void {
  if (!forwardTo || !verified || verified.size === 0 || verified.has(forwardTo.toLowerCase())) return;
  throw new ApiError(
    400,
    'invalid_input',
    `forwardTo: ${forwardTo} is not a verified destination address of the Cloudflare account (verify it under Email Routing → Destination addresses, then add it to MAILGATE_VERIFIED_DESTINATIONS)`,
  );
}

/**
 * An alias hands mail only to an Odoo target of its own domain: another tenant's database (and its API key) is never
 * reachable through an alias. Checked again before each delivery (worker/deliver/targets/odoo.ts).
 */
async function requireOdooTargetOfDomain(
  db: Database,
  odooTargetId: string | null | undefined,
  domainId: string,
): Promise<void> {
  if (!odooTargetId) return;
  const target = await findOdooTarget(db, odooTargetId);
  if (!target || target.domainId !== domainId) {
    // The same answer whether the target exists elsewhere or not at all: a tenant learns nothing of the others.
    throw new ApiError(
      400,
      'invalid_input',
      `odooTargetId: ${odooTargetId} is not an Odoo target of this alias's domain`,
    );
  }
}
