// Wire shapes of the deep health check (`GET /health/deep`) and of the alerts the cron probe raises.
import { z } from 'zod';

export const alertKindSchema = z.enum(['silence', 'backlog', 'failures', 'dns']);
export type AlertKind = z.infer<typeof alertKindSchema>;

export const alertSchema = z.object({
  id: z.string(),
  kind: alertKindSchema,
  /** The domain it is about; null for installation-wide alerts (backlog, failures). */
  domain: z.string().nullable(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
  raisedAt: z.string(),
});
export type AlertJson = z.infer<typeof alertSchema>;

export const componentCheckSchema = z.object({
  ok: z.boolean(),
  ms: z.number(),
  /** Why it failed (the platform's error message). */
  error: z.string().optional(),
});

export const deepHealthSchema = z.object({
  /** Every component answered and no alert is open. */
  ok: z.boolean(),
  checkedAt: z.string(),
  checks: z.object({ d1: componentCheckSchema, r2: componentCheckSchema, queue: componentCheckSchema }),
  deliveries: z.object({
    /** Deliveries to webhooks and Odoo still owed (pending or waiting for a retry). */
    backlog: z.number(),
    /** Deliveries that gave up (dead), to retry by hand. */
    dead: z.number(),
    /** Events older than a few minutes that no queue consumer fanned out yet. */
    undispatchedEvents: z.number(),
  }),
  inbound: z.object({
    /** Messages that ended `failed` in the last 24 hours. */
    failedLastDay: z.number(),
    /** The oldest message not yet processed to the end (pending or processing): the cron sweep replays it. */
    oldestUnfinished: z
      .object({ id: z.string(), status: z.string(), receivedAt: z.string(), ageSeconds: z.number() })
      .nullable(),
  }),
  domains: z.array(
    z.object({
      name: z.string(),
      /** When its last message was received; null when none ever was. */
      lastReceivedAt: z.string().nullable(),
      /** The silence window of the probe (minutes); null: no silence alert for this domain. */
      silenceAlertMinutes: z.number().nullable(),
    }),
  ),
  alerts: z.array(alertSchema),
});
export type DeepHealth = z.infer<typeof deepHealthSchema>;
