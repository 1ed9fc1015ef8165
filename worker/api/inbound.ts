// `/api/inbound`: the log of every received message, its raw bytes, and replay.
import { Hono } from 'hono';
import { z } from 'zod';
import { inboundListQuerySchema, type InboundItem } from '../../shared/api/inbound.ts';
import { replayInbound } from '../inbound/process.ts';
import { findDomainById } from '../store/domains.ts';
import { getInbound, listInbound, type InboundRow } from '../store/inbound.ts';
import { compareDescending, listDatabasesToRead, readPageAcross } from './across-databases.ts';
import type { AppEnv } from './context.ts';
import { ApiError, notFound } from './errors.ts';
import { validate } from './validate.ts';

const idParam = z.object({ id: z.string().min(1).max(64) });

export function toInboundItem(row: InboundRow): InboundItem {
  return {
    id: row.id,
    messageId: row.messageId,
    from: row.fromAddress ?? row.envelopeFrom,
    to: row.envelopeTo,
    envelopeFrom: row.envelopeFrom,
    subject: row.subject,
    sizeBytes: row.sizeBytes,
    status: row.status,
    kind: row.kind,
    route: row.route,
    reason: row.reason,
    threadId: row.threadId,
    tags: row.tags,
    auth: row.auth ?? null,
    spam: row.spam ?? null,
    quarantinedAt: row.quarantinedAt?.toISOString() ?? null,
    forwardTo: row.forwardTo,
    forwardedAt: row.forwardedAt?.toISOString() ?? null,
    attempts: row.attempts,
    source: row.source,
    imported: row.importMode !== null,
    importMode: row.importMode,
    lastError: row.lastError,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    receivedAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt?.toISOString() ?? null,
  };
}

export const inboundRoutes = new Hono<AppEnv>()
  .get('/', validate('query', inboundListQuerySchema), async (c) => {
    const query = c.req.valid('query');
    const { db } = c.var.services;
    const scopedDomainId = c.var.principal.domainId;
    const domain = scopedDomainId ? await findDomainById(db, scopedDomainId) : undefined;
    const reads = domain
      ? [{ services: c.var.services, holds: () => true }]
      : await listDatabasesToRead(c.var.services);
    const filter = { ...query, ...(domain ? { domain: { id: domain.id, name: domain.name } } : {}) };
    const rows = await readPageAcross(reads, {
      read: (services) => listInbound(services.db, filter),
      domainOf: (row) => row.domainId,
      newestFirst: (a, b) => compareDescending(a.id, b.id),
      limit: query.limit,
    });
    return c.json({
      items: rows.map(toInboundItem),
      nextCursor: rows.length === query.limit ? rows.at(-1)!.id : null,
    });
  })
  .get('/:id', validate('param', idParam), async (c) => {
    const row = await getInbound(c.var.services.db, c.req.valid('param').id);
    if (!row) throw notFound('inbound message');
    return c.json(toInboundItem(row));
  })
  .get('/:id/raw', validate('param', idParam), async (c) => {
    const row = await getInbound(c.var.services.db, c.req.valid('param').id);
    if (!row) throw notFound('inbound message');
    const object = await c.var.services.bucket.get(row.rawKey);
    if (!object) throw notFound('raw message bytes');
    // The stored bytes exactly: no charset, no transformation (RFC 2046 5.2.1 message/rfc822).
    return c.body(object.body, 200, {
      'content-type': 'message/rfc822',
      'content-length': String(object.size),
      'content-disposition': `attachment; filename="${row.id}.eml"`,
    });
  })
  .post('/:id/release', validate('param', idParam), async (c) => {
    // A held message (DMARC failure, spam, rate limit) goes on its way: routed again without the checks that held it.
    const { services } = c.var;
    const id = c.req.valid('param').id;
    const row = await getInbound(services.db, id);
    if (!row) throw notFound('inbound message');
    if (!row.quarantinedAt) throw new ApiError(409, 'conflict', 'this message is not held in quarantine');
    await replayInbound(services, id, { released: true });
    return c.json(toInboundItem((await getInbound(services.db, id))!));
  })
  .post('/:id/replay', validate('param', idParam), async (c) => {
    const { services } = c.var;
    const id = c.req.valid('param').id;
    if (!(await getInbound(services.db, id))) throw notFound('inbound message');
    await replayInbound(services, id);
    return c.json(toInboundItem((await getInbound(services.db, id))!));
  });
