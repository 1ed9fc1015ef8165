// `/api/deliveries`: the delivery log (every attempt) and the manual retry of dead-lettered deliveries.
import { Hono } from 'hono';
import { z } from 'zod';
import { listDeliveriesQuerySchema, type DeliveryJson } from '../../shared/api/deliveries.ts';
import { reviveDelivery } from '../deliver/outbox.ts';
import { findDeliveryStatus, listDeliveryLog } from '../store/deliveries.ts';
import type { AppEnv } from './context.ts';
import { ApiError, notFound } from './errors.ts';
import { requireInstallationWide } from './scopes.ts';
import { validate } from './validate.ts';

const idParam = z.object({ id: z.string().min(1).max(64) });

export const deliveryRoutes = new Hono<AppEnv>()
  .use('*', requireInstallationWide)
  .get('/', validate('query', listDeliveriesQuerySchema), async (c) => {
    const log = await listDeliveryLog(c.var.services.db, c.req.valid('query'));
    const items: DeliveryJson[] = log.map(({ delivery, eventType, attempts }) => ({
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
      attemptLog: attempts.map((attempt) => ({
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
    const status = await findDeliveryStatus(db, id);
    if (!status) throw notFound('delivery');
    const revived = await reviveDelivery({ db, now: () => Date.now() }, id);
    if (!revived)
      throw new ApiError(
        409,
        'conflict',
        `the delivery is ${status}: only dead or cancelled deliveries are retried by hand`,
      );
    // At once through the queue; if that send fails, the cron finds it due within five minutes.
    await c.var.services.scheduleDelivery?.(id).catch(() => undefined);
    return c.json({ id, status: 'pending' });
  });
