// `/api/suppressions` and `/api/bounces`: the suppression list an ERP checks before it sends, its lifting, and
// the bounce log. Decisions: an unknown address answers 200 `{suppressed: false}` (an ERP asks before every send, and
// "never bounced" is an answer, not an error); lifting a complaint needs `?force=true` (409 otherwise); the lookup is
// open to domain-scoped tokens, the list, the log and lifting are installation-wide (suppressions are not per domain).
import { Hono } from 'hono';
import {
  addressParamSchema,
  bounceListQuerySchema,
  liftSuppressionQuerySchema,
  suppressionListQuerySchema,
  type BounceRecordJson,
} from '../../shared/api/bounces.ts';
import { createEmptySuppression, liftSuppression, toSuppressionJson } from '../bounces/suppression.ts';
import {
  buildSuppressionUpsert,
  formatSuppressionCursor,
  getSuppression,
  listBounces,
  listSuppressed,
  type BounceRow,
} from '../store/suppressions.ts';
import type { AppEnv } from './context.ts';
import { ApiError } from './errors.ts';
import { requireInstallationWide } from './scopes.ts';
import { validate } from './validate.ts';


function toBounceRecordJson(row: BounceRow): BounceRecordJson {
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
    receivedAt: row.createdAt.toISOString(),
  };
}

export const suppressionRoutes = new Hono<AppEnv>()
  .get('/suppressions', requireInstallationWide, validate('query', suppressionListQuerySchema), async (c) => {
    const query = c.req.valid('query');
    const states = await listSuppressed(c.var.services.db, query);
    return c.json({
      items: states.map(toSuppressionJson),
      nextCursor: states.length === query.limit ? formatSuppressionCursor(states.at(-1)!) : null,
    });
  })
  .get('/suppressions/:address', validate('param', addressParamSchema), async (c) => {
    const { address } = c.req.valid('param');
    const state = (await getSuppression(c.var.services.db, address)) ?? createEmptySuppression(address);
    return c.json(toSuppressionJson(state));
  })
  .delete(
    '/suppressions/:address',
    requireInstallationWide,
    validate('param', addressParamSchema),
    validate('query', liftSuppressionQuerySchema),
    async (c) => {
      const { db, now } = c.var.services;
      const { address } = c.req.valid('param');
      const state = await getSuppression(db, address);
      // Idempotent: lifting an address that is not on the list answers its (empty) state.
      if (!state) return c.json(toSuppressionJson(createEmptySuppression(address)));
      const lifted = liftSuppression(state, now(), { force: c.req.valid('query').force });
      if (!lifted.ok) {
        throw new ApiError(409, 'conflict', `${address} complained about our mail: lift it only with ?force=true`);
      }
      await buildSuppressionUpsert(db, lifted.next);
      return c.json(toSuppressionJson(lifted.next));
    },
  )
  .get('/bounces', requireInstallationWide, validate('query', bounceListQuerySchema), async (c) => {
    const query = c.req.valid('query');
    const rows = await listBounces(c.var.services.db, query);
    return c.json({
      items: rows.map(toBounceRecordJson),
      nextCursor: rows.length === query.limit ? rows.at(-1)!.id : null,
    });
  });
