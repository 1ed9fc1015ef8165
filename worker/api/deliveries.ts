// `/api/deliveries`: the delivery log (every attempt) and the manual retry of dead-lettered deliveries.
import { and, desc, eq, inArray } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { listDeliveriesQuerySchema, type DeliveryJson } from '../../shared/api/deliveries.ts';
import { reviveDelivery } from '../deliver/outbox.ts';
import { selectInChunks } from '../store/d1-limits.ts';
import { deliveries, deliveryAttempts, events } from '../store/schema.ts';
import type { AppEnv } from './context.ts';
import { ApiError, notFound } from './errors.ts';
import { requireInstallationWide } from './scopes.ts';
import { validate } from './validate.ts';

const idParam = z.object({ id: z.string().min(1).max(64) });

export const deliveryRoutes = new Hono<AppEnv>()
  .use('*', requireInstallationWide)
  .get('/', validate('query', listDeliveriesQuerySchema), async (c) => {
    const { status, eventId, limit } = c.req.valid('query');
    const { db } = c.var.services;
    const conditions = [
      ...(status ? [eq(deliveries.status, status)] : []),
      ...(eventId ? [eq(deliveries.eventId, eventId)] : []),
    ];
    const rows = await db
      .select({ delivery: deliveries, eventType: events.type })
      .from(deliveries)
      .innerJoin(events, eq(events.id, deliveries.eventId))
      .where(conditions.length > 0 ? and(...conditions) : undefined)
      .orderBy(desc(deliveries.createdAt))
      .limit(limit);
    const ids = rows.map((row) => row.delivery.id);
    // A page holds up to 200 deliveries: their attempts are read in IN lists that fit D1's parameter limit.
    const attempts = (
      await selectInChunks(ids, (chunk) => db.select().from(deliveryAttempts).where(inArray(deliveryAttempts.deliveryId, chunk)))
    ).sort((a, b) => a.attemptedAt.getTime() - b.attemptedAt.getTime());
    const items: DeliveryJson[] = rows.map(({ delivery, eventType }) => ({
      id: delivery.id,
      eventId: delivery.eventId,
      eventType,
      targetKind: delivery.targetKind,
      targetId: delivery.targetId,
      status: delivery.status,
      attempts: delivery.attempts,
      nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
      lastStatusCode: delivery.lastStatusCode,
      lastError: delivery.lastError,
      deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
      createdAt: delivery.createdAt.toISOString(),
      attemptLog: attempts
        .filter((attempt) => attempt.deliveryId === delivery.id)
        .map((attempt) => ({
          attemptedAt: attempt.attemptedAt.toISOString(),
          statusCode: attempt.statusCode,
          latencyMs: attempt.latencyMs,
          responseSnippet: attempt.responseSnippet,
          error: attempt.error,
        })),
    }));
    return c.json({ items });
  })
  .post('/:id/retry', validate('param', idParam), async (c) => {
    const { db } = c.var.services;
    const { id } = c.req.valid('param');
    const [row] = await db.select({ status: deliveries.status }).from(deliveries).where(eq(deliveries.id, id));
    if (!row) throw notFound('delivery');
    const revived = await reviveDelivery({ db, now: () => Date.now() }, id);
    if (!revived) throw new ApiError(409, 'conflict', `the delivery is ${row.status}: only dead or cancelled deliveries are retried by hand`);
    // At once through the queue; if that send fails, the cron finds it due within five minutes.
    await c.var.services.scheduleDelivery?.(id).catch(() => undefined);
    return c.json({ id, status: 'pending' });
  });
