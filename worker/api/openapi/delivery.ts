// The OpenAPI operations of delivery to the ERP: webhooks, deliveries and Odoo targets.
import {
  createOdooTargetSchema,
  createWebhookSchema,
  deliveryJsonSchema,
  listDeliveriesQuerySchema,
  odooTargetJsonSchema,
  webhookJsonSchema,
  webhookSecretJsonSchema,
} from '../../../shared/api/deliveries.ts';
import { type Operations, list } from './operation.ts';

export const deliveryOperations: Operations = {
  '/api/webhooks': {
    get: { summary: 'Webhook endpoints (installation-wide tokens).', response: list(webhookJsonSchema) },
    post: {
      summary:
        'Register an endpoint (installation-wide admin token); its signing secret is shown once. The URL must be https to a public host: loopback, link-local, private, CGNAT, unique-local, IPv4-mapped, numeric-shorthand IP and localhost targets are refused with a 400 naming why (MAILGATE_ALLOW_PRIVATE_TARGETS=true allows them in development).',
      request: createWebhookSchema,
      response: webhookSecretJsonSchema,
    },
  },
  '/api/webhooks/{id}': { delete: { summary: 'Remove an endpoint.' } },
  '/api/webhooks/{id}/rotate': {
    post: {
      summary: 'Start a secret rotation: both secrets sign until it is finished.',
      response: webhookSecretJsonSchema,
    },
  },
  '/api/webhooks/{id}/rotate/finish': { post: { summary: 'Finish a rotation: only the new secret signs.' } },
  '/api/webhooks/{id}/enable': { post: { summary: 'Re-enable an endpoint disabled by a 410 Gone.' } },
  '/api/deliveries': {
    get: {
      summary:
        'Deliveries, newest first, with every attempt (status, latency, at most 256 characters of the answer with credentials masked).',
      query: listDeliveriesQuerySchema,
      response: list(deliveryJsonSchema),
    },
  },
  '/api/deliveries/{id}/retry': { post: { summary: 'Retry a dead or waiting delivery now.' } },
  '/api/odoo-targets': {
    get: {
      summary: 'Odoo databases mail is handed to (API keys are never returned).',
      response: list(odooTargetJsonSchema),
    },
    post: {
      summary:
        "Declare an Odoo target (installation-wide admin token) for one domain's aliases; its API key is a Worker secret named ODOO_… here. The URL follows the webhook rules (public https host).",
      request: createOdooTargetSchema,
      response: odooTargetJsonSchema,
    },
  },
  '/api/odoo-targets/{id}': { delete: { summary: 'Remove an Odoo target.' } },
};
