// Wire shapes of webhook endpoints (`/api/webhooks`), Odoo targets (`/api/odoo-targets`) and deliveries (`/api/deliveries`).
import { z } from 'zod';
import { optionalDomainNameSchema } from './common.ts';

/** The event types an endpoint may subscribe to (an empty list means all but the internal `odoo.handoff`). */
export const webhookEventTypeSchema = z.enum([
  'message.received',
  'thread.created',
  'record.requested',
  'bounce.recorded',
  'recipient.suppressed',
  'complaint.recorded',
  'inbound.failed',
  'inbound.quarantined',
  'message.sent',
  'message.failed',
  'alert.raised',
  'odoo.handoff',
]);

export const createWebhookSchema = z.object({
  /** https, to a public host (internal addresses are refused with a 400 naming why; see the README). */
  url: z.url({ protocol: /^https?$/ }),
  events: z.array(webhookEventTypeSchema).default([]),
  /** Restricts the endpoint to one domain's events; absent: every domain. */
  domain: optionalDomainNameSchema,
});
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

export const webhookJsonSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  domain: z.string().nullable(),
  /** True during a rotation: two secrets sign every delivery. */
  rotating: z.boolean(),
  disabledAt: z.string().nullable(),
  disabledReason: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookJson = z.infer<typeof webhookJsonSchema>;

/** The only answer that carries a secret: creation and rotation. */
export const webhookSecretJsonSchema = z.object({ id: z.string(), secret: z.string() });
export type WebhookSecretJson = z.infer<typeof webhookSecretJsonSchema>;

export const odooProtocolSchema = z.enum(['xmlrpc', 'json2']);

/**
 * The Worker secrets an Odoo target may send as its API key: names with the ODOO_ prefix only (`wrangler secret put
 * ODOO_API_KEY`). Any other binding (REPLY_TOKEN_SECRET, MAILGATE_ADMIN_TOKEN, another service's key) is never sent.
 */
export const ODOO_SECRET_NAME = /^ODOO_[A-Z0-9_]{1,59}$/;
const secretNameSchema = z
  .string()
  .regex(ODOO_SECRET_NAME, 'the name of a Worker secret that starts with ODOO_ (upper case), e.g. ODOO_API_KEY');

export const createOdooTargetSchema = z
  .object({
    name: z.string().min(1).max(100),
    protocol: odooProtocolSchema,
    /** The Odoo base URL: https, to a public host (internal addresses are refused with a 400 naming why). */
    url: z.url({ protocol: /^https?$/ }),
    database: z.string().min(1).max(200).optional(),
    login: z.string().min(1).max(200).optional(),
    apiKeySecret: secretNameSchema,
    /**
     * The domain whose aliases may hand mail to this database (only aliases of that domain can use the target). May
     * be left out only when a single domain is configured.
     */
    domain: optionalDomainNameSchema,
  })
  .superRefine((value, ctx) => {
    if (value.protocol === 'xmlrpc' && (!value.database || !value.login)) {
      ctx.addIssue({ code: 'custom', path: ['database'], message: 'an XML-RPC target needs database and login' });
    }
  });
export type CreateOdooTargetInput = z.infer<typeof createOdooTargetSchema>;

export const odooTargetJsonSchema = z.object({
  id: z.string(),
  name: z.string(),
  protocol: odooProtocolSchema,
  url: z.string(),
  database: z.string().nullable(),
  login: z.string().nullable(),
  /** The secret's name only: the key never leaves the Worker. */
  apiKeySecret: z.string(),
  domain: z.string().nullable(),
  createdAt: z.string(),
});
export type OdooTargetJson = z.infer<typeof odooTargetJsonSchema>;

export const deliveryStatusSchema = z.enum(['pending', 'retrying', 'delivered', 'dead', 'cancelled']);

export const listDeliveriesQuerySchema = z.object({
  status: deliveryStatusSchema.optional(),
  eventId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const deliveryAttemptJsonSchema = z.object({
  attemptedAt: z.string(),
  statusCode: z.number().nullable(),
  latencyMs: z.number(),
  responseSnippet: z.string().nullable(),
  error: z.string().nullable(),
});

export const deliveryJsonSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  targetKind: z.enum(['webhook', 'odoo', 'send-email']),
  targetId: z.string(),
  status: deliveryStatusSchema,
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
  attemptLog: z.array(deliveryAttemptJsonSchema),
});
export type DeliveryJson = z.infer<typeof deliveryJsonSchema>;
