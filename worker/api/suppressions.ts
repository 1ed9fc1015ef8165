// `/api/suppressions` and `/api/bounces`: each domain's suppression list (checked by its ERP before it sends), its
// lifting, and the bounce log. Decisions: an unknown address answers 200 `{suppressed: false}` (an ERP asks before
// every send, and "never bounced" is an answer, not an error); lifting a complaint needs `?force=true` (409 otherwise).
// Lists are per domain: a domain-scoped token sees and lifts only its own entries; an installation-wide token names a
// domain with `?domain=`, or reads (and lifts) across every domain when it names none.
import { Hono } from 'hono';
import {
  addressParamSchema,
  bounceListQuerySchema,
  liftSuppressionQuerySchema,
  suppressionListQuerySchema,
  suppressionQuerySchema,
  type BounceRecordJson,
  type SuppressionJson,
} from '../../shared/api/bounces.ts';
import {
  createEmptySuppression,
  liftSuppression,
  summarizeAcrossDomains,
  toSuppressionJson,
  type SuppressionState,
} from '../bounces/suppression.ts';
import { runBatch, type Database } from '../store/db.ts';
import {
  buildSuppressionUpsert,
  formatSuppressionCursor,
  getSuppression,
  listBounces,
  listSuppressed,
  listSuppressionsOfAddress,
  parseSuppressionCursor,
  type BounceRow,
  type NamedSuppression,
} from '../store/suppressions.ts';
import type { AppEnv } from './context.ts';
import { ApiError } from './errors.ts';
import { resolveDomainScope } from './tenant.ts';
import { validate } from './validate.ts';

function toBounceRecordJson(row: BounceRow & { domainName: string | null }): BounceRecordJson {
  return {
    id: row.id,
    address: row.address,
    kind: row.kind,
    status: row.status,
    action: row.action,
    reason: row.reason,
    permanent: row.permanent,
    diagnostic: row.diagnostic,
    inboundId: row.inboundId,
    messageRowId: row.messageRowId,
    threadId: row.threadId,
    domain: row.domainName,
    verified: row.verified,
    receivedAt: row.createdAt.toISOString(),
  };
}

const toNamedJson = (entry: NamedSuppression) => toSuppressionJson(entry.state, entry.domainName);

/** Lifts the given entries (all or nothing: a complaint among them without `force` is a 409, and nothing changes). */
async function liftEntries(
  db: Database,
  address: string,
  entries: NamedSuppression[],
  at: Date,
  force: boolean,
): Promise<NamedSuppression[]> {
  const lifted: NamedSuppression[] = [];
  for (const entry of entries) {
    const result = liftSuppression(entry.state, at, { force });
    if (!result.ok) {
      throw new ApiError(
        409,
        'conflict',
        `${address} complained about mail of ${entry.domainName}: lift it only with ?force=true`,
      );
    }
    lifted.push({ state: result.next, domainName: entry.domainName });
  }
  await runBatch(
    db,
    lifted.map((entry) => buildSuppressionUpsert(db, entry.state)),
  );
  return lifted;
}

/** The entries a request is about: the one of its domain (or an empty one), or every domain's. */
async function findEntries(c: { var: AppEnv['Variables'] }, address: string, named: string | undefined) {
  const domain = await resolveDomainScope(c, named);
  if (!domain) return { domain: null, entries: await listSuppressionsOfAddress(c.var.services.db, address) };
  const state: SuppressionState | undefined = await getSuppression(c.var.services.db, domain.id, address);
  return { domain, entries: state ? [{ state, domainName: domain.name }] : [] };
}

function answerFor(
  address: string,
  domain: { id: string; name: string } | null,
  entries: NamedSuppression[],
): SuppressionJson {
  if (!domain) return summarizeAcrossDomains(address, entries.map(toNamedJson));
  return entries[0]
    ? toNamedJson(entries[0])
    : toSuppressionJson(createEmptySuppression(domain.id, address), domain.name);
}

export const suppressionRoutes = new Hono<AppEnv>()
  .get('/suppressions', validate('query', suppressionListQuerySchema), async (c) => {
    const query = c.req.valid('query');
    const before = query.before === undefined ? undefined : parseSuppressionCursor(query.before);
    if (before === null) throw new ApiError(400, 'invalid_input', 'before: pass the nextCursor of the previous page');
    const domain = await resolveDomainScope(c, query.domain);
    const entries = await listSuppressed(c.var.services.db, {
      domainId: domain?.id ?? null,
      limit: query.limit,
      ...(before ? { before } : {}),
    });
    return c.json({
      items: entries.map(toNamedJson),
      nextCursor: entries.length === query.limit ? formatSuppressionCursor(entries.at(-1)!.state) : null,
    });
  })
  .get(
    '/suppressions/:address',
    validate('param', addressParamSchema),
    validate('query', suppressionQuerySchema),
    async (c) => {
      const { address } = c.req.valid('param');
      const { domain, entries } = await findEntries(c, address, c.req.valid('query').domain);
      return c.json(answerFor(address, domain, entries));
    },
  )
  .delete(
    '/suppressions/:address',
    validate('param', addressParamSchema),
    validate('query', liftSuppressionQuerySchema),
    async (c) => {
      const { address } = c.req.valid('param');
      const query = c.req.valid('query');
      const { domain, entries } = await findEntries(c, address, query.domain);
      // Idempotent: lifting an address that is not on the list answers its (empty) state.
      const lifted = await liftEntries(c.var.services.db, address, entries, c.var.services.now(), query.force);
      return c.json(answerFor(address, domain, lifted));
    },
  )
  .get('/bounces', validate('query', bounceListQuerySchema), async (c) => {
    const query = c.req.valid('query');
    const domain = await resolveDomainScope(c, query.domain);
    const rows = await listBounces(c.var.services.db, { ...query, domainId: domain?.id ?? null });
    return c.json({
      items: rows.map(toBounceRecordJson),
      nextCursor: rows.length === query.limit ? rows.at(-1)!.id : null,
    });
  });
