// `/api/suppressions` and `/api/bounces`: each domain's suppression list (checked by its ERP before it sends), its
// lifting, and the bounce log. Decisions: an unknown address answers 200 `{suppressed: false}` (an ERP asks before
// every send, and "never bounced" is an answer, not an error); lifting a complaint needs `?force=true` (409 otherwise).
// Adding (one entry or up to 1,000) is idempotent: an address already suppressed is `alreadyThere` and keeps its entry
// unless `replace` says otherwise. Lists are per domain: a domain-scoped token sees and lifts only its own entries; an installation-wide token names a
// domain with `?domain=`, or reads (and lifts) across every domain when it names none.
import { Hono } from 'hono';
import {
  addSuppressionsRequestSchema,
  addressParamSchema,
  bounceListQuerySchema,
  liftSuppressionQuerySchema,
  suppressionListQuerySchema,
  suppressionQuerySchema,
  type AddSuppressionsRequest,
  type AddSuppressionsResult,
  type BounceRecordJson,
  type SuppressionJson,
} from '../../shared/api/bounces.ts';
import {
  applyAdminEntry,
  createEmptySuppression,
  liftSuppression,
  summarizeAcrossDomains,
  toSuppressionJson,
  type SuppressionState,
} from '../bounces/suppression.ts';
import { runBatch, type Database } from '../store/db.ts';
import {
  buildSuppressionUpsert,
  buildSuppressionUpserts,
  formatSuppressionCursor,
  getSuppression,
  listBounces,
  listSuppressed,
  listSuppressionsOfAddress,
  loadSuppressions,
  parseSuppressionCursor,
  type BounceRow,
  type NamedSuppression,
} from '../store/suppressions.ts';
import type { AppEnv } from './context.ts';
import { ApiError } from './errors.ts';
import { requireOneDomain, resolveDomainScope } from './tenant.ts';
import { compareDescending, listDatabasesToRead, readPageAcross, type DatabaseRead } from './across-databases.ts';
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

/** An entry with the database that holds it (a lift writes it back there). */
type HeldSuppression = NamedSuppression & { db: Database };

const toNamedJson = (entry: NamedSuppression) => toSuppressionJson(entry.state, entry.domainName);

/** Lifts the given entries (all or nothing: a complaint among them without `force` is a 409, and nothing changes). */
async function liftEntries(
  address: string,
  entries: HeldSuppression[],
  at: Date,
  force: boolean,
): Promise<NamedSuppression[]> {
  const lifted: HeldSuppression[] = [];
  for (const entry of entries) {
    const result = liftSuppression(entry.state, at, { force });
    if (!result.ok) {
      throw new ApiError(
        409,
        'conflict',
        `${address} complained about mail of ${entry.domainName}: lift it only with ?force=true`,
      );
    }
    lifted.push({ state: result.next, domainName: entry.domainName, db: entry.db });
  }
  // One batch per database the entries live in (each domain's list is in its own).
  for (const db of new Set(lifted.map((entry) => entry.db))) {
    const own = lifted.filter((entry) => entry.db === db);
    await runBatch(
      db,
      own.map((entry) => buildSuppressionUpsert(db, entry.state)),
    );
  }
  return lifted.map(({ state, domainName }) => ({ state, domainName }));
}

/**
 * Adds a request's entries to one domain's list: one read of the entries already there (chunked), then every change
 * in one batch (all or nothing). The first of two entries of the same address wins; the second is `alreadyThere`.
 */
async function addEntries(
  db: Database,
  domain: { id: string; name: string },
  request: AddSuppressionsRequest,
  at: Date,
): Promise<AddSuppressionsResult> {
  const stored = await loadSuppressions(
    db,
    domain.id,
    request.entries.map((entry) => entry.address),
  );
  const written = new Map<string, SuppressionState>();
  const seen = new Set<string>();
  const results = request.entries.map((entry) => {
    const change = seen.has(entry.address)
      ? { outcome: 'alreadyThere' as const, next: null }
      : applyAdminEntry(stored.get(entry.address) ?? null, { ...entry, domainId: domain.id }, at, request.replace);
    seen.add(entry.address);
    if (change.next) written.set(change.next.address, change.next);
    return { address: entry.address, outcome: change.outcome };
  });
  await runBatch(db, buildSuppressionUpserts(db, [...written.values()]));
  const count = (outcome: string) => results.filter((result) => result.outcome === outcome).length;
  return {
    domain: domain.name,
    added: count('added'),
    alreadyThere: count('alreadyThere'),
    replaced: count('replaced'),
    results,
  };
}

/** A request about one domain reads the database it was put on; one about every domain reads every database. */
async function readsFor(c: { var: AppEnv['Variables'] }, domain: { id: string } | null): Promise<DatabaseRead[]> {
  return domain ? [{ services: c.var.services, holds: () => true }] : listDatabasesToRead(c.var.services);
}

/** The entries a request is about, each with its database: the one of its domain (or none), or every domain's. */
async function findEntries(c: { var: AppEnv['Variables'] }, address: string, named: string | undefined) {
  const domain = await resolveDomainScope(c, named);
  const reads = await readsFor(c, domain);
  const found = await Promise.all(
    reads.map(async ({ services, holds }) => {
      const entries: NamedSuppression[] = domain
        ? await getSuppression(services.db, domain.id, address).then((state) =>
            state ? [{ state, domainName: domain.name }] : [],
          )
        : await listSuppressionsOfAddress(services.db, address);
      return entries.filter((entry) => holds(entry.state.domainId)).map((entry) => ({ ...entry, db: services.db }));
    }),
  );
  return { domain, entries: found.flat() };
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
    const page = { domainId: domain?.id ?? null, limit: query.limit, ...(before ? { before } : {}) };
    const entries = await readPageAcross(await readsFor(c, domain), {
      read: ({ db }) => listSuppressed(db, page),
      domainOf: (entry) => entry.state.domainId,
      newestFirst: (a, b) =>
        (b.state.suppressedAt?.getTime() ?? 0) - (a.state.suppressedAt?.getTime() ?? 0) ||
        compareDescending(a.state.domainId, b.state.domainId) ||
        compareDescending(a.state.address, b.state.address),
      limit: query.limit,
    });
    return c.json({
      items: entries.map(toNamedJson),
      nextCursor: entries.length === query.limit ? formatSuppressionCursor(entries.at(-1)!.state) : null,
    });
  })
  .post('/suppressions', validate('json', addSuppressionsRequestSchema), async (c) => {
    const request = c.req.valid('json');
    const domain = await requireOneDomain(c, request.domain);
    return c.json(await addEntries(c.var.services.db, domain, request, c.var.services.now()));
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
      const lifted = await liftEntries(address, entries, c.var.services.now(), query.force);
      return c.json(answerFor(address, domain, lifted));
    },
  )
  .get('/bounces', validate('query', bounceListQuerySchema), async (c) => {
    const query = c.req.valid('query');
    const domain = await resolveDomainScope(c, query.domain);
    const rows = await readPageAcross(await readsFor(c, domain), {
      read: ({ db }) => listBounces(db, { ...query, domainId: domain?.id ?? null }),
      domainOf: (row) => row.domainId,
      newestFirst: (a, b) => compareDescending(a.id, b.id),
      limit: query.limit,
    });
    return c.json({
      items: rows.map(toBounceRecordJson),
      nextCursor: rows.length === query.limit ? rows.at(-1)!.id : null,
    });
  });
