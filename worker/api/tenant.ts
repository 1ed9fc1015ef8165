// Which domain (tenant) a request acts on: a domain-scoped token's own, or the one an installation-wide token names.
import { findDomainById, findDomainByName, listDomains, type DomainRow } from '../store/domains.ts';
import type { AppEnv } from './context.ts';
import { assertDomainInScope } from './domain-guard.ts';
import { ApiError } from './errors.ts';

type RequestVars = { var: AppEnv['Variables'] };

/**
 * The domain a request is limited to: the named one (a scoped token may only name its own: 403 otherwise), a scoped
 * token's own when none is named, or null (every domain) for an installation-wide token that names none.
 */
export async function resolveDomainScope(c: RequestVars, named: string | undefined): Promise<DomainRow | null> {
  const { db } = c.var.services;
  if (named) {
    const domain = await findDomainByName(db, named);
    if (!domain) throw new ApiError(400, 'invalid_input', `domain: no domain named ${named} is configured`);
    assertDomainInScope(c.var.principal, domain.id);
    return domain;
  }
  const scopedDomainId = c.var.principal.domainId;
  if (scopedDomainId === null) return null;
  const own = await findDomainById(db, scopedDomainId);
  if (!own) throw new ApiError(403, 'forbidden', "this token's domain no longer exists");
  return own;
}

/**
 * Exactly one domain, for requests that look up or create a tenant's data (ERP records, Odoo targets): as
 * `resolveDomainScope`, then, for an installation-wide token that names none, `impliedDomainId` (e.g. the domain of the
 * thread the request names), else the installation's only domain. With several domains and nothing to go by, the
 * caller must name one: a guess could hand one tenant's record to another.
 */
export async function requireOneDomain(
  c: RequestVars,
  named: string | undefined,
  impliedDomainId: string | null = null,
): Promise<DomainRow> {
  const scoped = await resolveDomainScope(c, named);
  if (scoped) return scoped;
  const { db } = c.var.services;
  const implied = impliedDomainId ? await findDomainById(db, impliedDomainId) : undefined;
  if (implied) return implied;
  const all = await listDomains(db);
  if (all.length === 1) return all[0]!;
  throw new ApiError(
    400,
    'invalid_input',
    all.length === 0
      ? 'domain: no domain is configured yet: POST /api/domains first'
      : 'domain: several domains are configured: an installation-wide token must name the one this request is about ("domain")',
  );
}
