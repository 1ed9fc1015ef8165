// The OpenAPI 3.1 description of the API, generated from the same zod schemas the routes validate with.
import { z } from 'zod';
import { apiErrorSchema } from '../../shared/api/common.ts';
import {
  aliasSchema,
  createAliasSchema,
  createRuleSchema,
  updateAliasSchema,
  updateDomainSchema,
} from '../../shared/api/aliases.ts';
import { domainReportSchema } from '../../shared/api/dns.ts';
import { createDomainSchema, domainSchema } from '../../shared/api/domains.ts';
import { domainMoveSchema, moveDomainSchema } from '../../shared/api/domain-move.ts';
import { createOutboundSchema, outboundSchema } from '../../shared/api/outbound.ts';
import { sendMailSchema, sendResultSchema, sendStatusSchema } from '../../shared/api/send.ts';
import { smtpTestRequestSchema, smtpTestResultSchema } from '../../shared/api/smtp-test.ts';
import { inboundItemSchema, inboundListQuerySchema, inboundPageSchema } from '../../shared/api/inbound.ts';
import { statsQuerySchema, statsSchema } from '../../shared/api/stats.ts';
import {
  threadDetailSchema,
  threadListQuerySchema,
  threadPageSchema,
  threadSummarySchema,
  updateThreadSchema,
} from '../../shared/api/threads.ts';
import {
  bounceListQuerySchema,
  bounceRecordSchema,
  liftSuppressionQuerySchema,
  suppressionListQuerySchema,
  suppressionQuerySchema,
  suppressionSchema,
} from '../../shared/api/bounces.ts';
import {
  createOdooTargetSchema,
  createWebhookSchema,
  deliveryJsonSchema,
  listDeliveriesQuerySchema,
  odooTargetJsonSchema,
  webhookJsonSchema,
  webhookSecretJsonSchema,
} from '../../shared/api/deliveries.ts';
import { createdTokenSchema, createTokenSchema, tokenSchema } from '../../shared/api/tokens.ts';
import { ingressEnvelopeSchema, ingressResultSchema } from '../../shared/api/ingress.ts';
import { deepHealthSchema } from '../../shared/api/health.ts';

type Operation = {
  summary: string;
  request?: z.ZodType;
  /** A request body that is not JSON (the relay ingress takes raw mail). */
  requestType?: string;
  query?: z.ZodObject;
  response?: z.ZodType;
  responseType?: string;
  /** Another media type the same route takes as its body (the raw message of `POST /api/send`). */
  alternativeRequestType?: string;
};

/** `{items}` and `{items, nextCursor}` answers. */
const list = (item: z.ZodType) => z.object({ items: z.array(item) });
const page = (item: z.ZodType) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

const operations: Record<string, Record<string, Operation>> = {
  '/health': { get: { summary: 'Liveness: answers without authentication.' } },
  '/health/deep': {
    get: {
      summary:
        'Admin: D1, R2 and the queue checked; the delivery backlog, the oldest unfinished message, the last mail per domain and the open alerts. 503 when a component does not answer.',
      response: deepHealthSchema,
    },
  },
  '/api/domains': {
    get: { summary: 'List alias domains.', response: z.object({ items: z.array(domainSchema) }) },
    post: { summary: 'Add an alias domain.', request: createDomainSchema, response: domainSchema },
  },
  '/api/domains/{name}': {
    get: { summary: "A domain's settings and policies." },
    patch: {
      summary: 'Change policies: unknown recipients, catchall-only mail, subject fallback, DMARC, spam.',
      request: updateDomainSchema,
    },
  },
  '/api/domains/{name}/dns': {
    get: {
      summary: "Check the domain's MX, SPF, DKIM and DMARC records and compute the fixes.",
      response: domainReportSchema,
    },
  },
  '/api/domains/{name}/rules': {
    get: { summary: 'Routing rules, in evaluation order.' },
    post: { summary: 'Add a routing rule.', request: createRuleSchema },
  },
  '/api/domains/{name}/rules/{id}': { delete: { summary: 'Remove a routing rule.' } },
  '/api/domains/{name}/move': {
    post: {
      summary:
        "Installation-wide admin: move the domain's data to another D1 binding (`DB` or one listed in MAILGATE_DATA_BINDINGS), one step of at most `maxQueries` D1 queries per call; call again until `state` is `done` (each call resumes). While rows are copied the domain's mail is deferred with a temporary error (senders retry) and writes to it answer 503 with Retry-After. `dryRun: true` counts what would move and changes nothing. 400 for an unknown domain or binding, or the binding it already lives in; 409 while a move to another binding is under way.",
      request: moveDomainSchema,
      response: domainMoveSchema,
    },
  },
  '/api/aliases': {
    get: { summary: 'List aliases.' },
    post: {
      summary: "Create an alias. An `odooTargetId` must be an Odoo target of the alias's own domain (400 otherwise).",
      request: createAliasSchema,
      response: aliasSchema,
    },
  },
  '/api/aliases/{id}': {
    patch: {
      summary: "Change an alias (the same rules as creation: an Odoo target of the alias's own domain).",
      request: updateAliasSchema,
      response: aliasSchema,
    },
    delete: { summary: 'Delete an alias.' },
  },
  '/api/outbound': {
    post: {
      summary:
        "Mint the Message-ID, signed Reply-To and VERP Return-Path of an outgoing mail. A `record` is looked up inside one domain only: a domain-scoped token's own, else `domain`, which an installation-wide token must give unless `threadId` or a single configured domain says which (400 otherwise).",
      request: createOutboundSchema,
      response: outboundSchema,
    },
  },
  '/api/send': {
    post: {
      summary:
        "Send a message as one of the gateway's domains (the From address's: a domain-scoped token only its own, 403 otherwise) through Cloudflare Email Service, from the outbox with retries. Structured JSON, or the raw message with `Content-Type: message/rfc822`. An `Idempotency-Key` header (or `idempotencyKey`) is required: the same key and body answer the same (200, `Idempotent-Replayed: true`) and send nothing more; another body answers 409. Suppressed recipients of the domain are refused each with its reason (422 when no To recipient is left). The Email Service's limits are checked first: 50 recipients, a 998-character subject, its header allowlist (400), 5 MiB once encoded (413); past the domain's daily send limit, 429. Answers 202 `{messageId, threadId, refused, sendId, status: \"queued\", replyTo, droppedHeaders}`; the mail's outcome comes as `message.sent`/`message.failed` events.",
      request: sendMailSchema,
      alternativeRequestType: 'message/rfc822',
      response: sendResultSchema,
    },
  },
  '/api/send/{id}': {
    get: {
      summary: 'What became of a send: queued, sent (with the id the Email Service gave it) or failed (with why).',
      response: sendStatusSchema,
    },
  },
  '/api/smtp-test': {
    post: {
      summary:
        "Test an SMTP server from the Worker (an ERP's Outgoing Mail Server, any write token): connect with implicit TLS (`ssl`), plain then STARTTLS (`starttls`) or plain (`none`); banner, EHLO extensions (SIZE, AUTH mechanisms, 8BITMIME, SMTPUTF8, STARTTLS); AUTH PLAIN/LOGIN when `username` and `password` are given (used once: never stored, logged or returned), else whether the server relays without a login; then QUIT. Answers 200 with the outcome in words (timeout or blocked port, connection refused, TLS handshake failed, wrong port for the encryption, STARTTLS not offered, authentication refused, relay needs authentication) and every step. The host follows the delivery targets' rules (no private or loopback address unless MAILGATE_ALLOW_PRIVATE_TARGETS); port 25 is refused (Workers cannot open it).",
      request: smtpTestRequestSchema,
      response: smtpTestResultSchema,
    },
  },
  '/files/{id}': {
    get: {
      summary:
        'A download by signed, expiring link (`?exp=&sig=`, no token): an attachment (`att_…`, the `downloadUrl` of webhook payloads) or the stored original of a received message (`inb_…`, named by `X-Mailgate-Original-Message` in a re-encoded JSON-2 hand-off to Odoo).',
      responseType: 'application/octet-stream',
    },
  },
  '/api/inbound': {
    get: { summary: 'The log of received messages.', query: inboundListQuerySchema, response: inboundPageSchema },
  },
  '/api/inbound/{id}': { get: { summary: 'One received message.', response: inboundItemSchema } },
  '/api/inbound/{id}/raw': {
    get: { summary: 'The stored raw bytes, exactly as received.', responseType: 'message/rfc822' },
  },
  '/api/inbound/{id}/replay': { post: { summary: 'Process a message again.', response: inboundItemSchema } },
  '/api/threads': {
    get: {
      summary: 'Threads, most recent first; `q` searches subjects and participants.',
      query: threadListQuerySchema,
      response: threadPageSchema,
    },
  },
  '/api/threads/{id}': {
    get: { summary: 'A thread with its messages and followers.', response: threadDetailSchema },
    patch: {
      summary:
        'Set the ERP record a thread belongs to: one thread per record and domain (409 when another thread of the domain holds it).',
      request: updateThreadSchema,
      response: threadSummarySchema,
    },
  },
  '/api/attachments/{id}': { get: { summary: 'Download an attachment.', responseType: 'application/octet-stream' } },
  '/api/inbound/{id}/release': {
    post: {
      summary: 'Release a message held in quarantine: it is processed as if it had passed.',
      response: inboundItemSchema,
    },
  },
  '/api/suppressions': {
    get: {
      summary:
        "Suppressed addresses, newest first: a domain-scoped token's own domain; an installation-wide token's `?domain=`, or every domain.",
      query: suppressionListQuerySchema,
      response: page(suppressionSchema),
    },
  },
  '/api/suppressions/{address}': {
    get: {
      summary:
        "Whether an address is suppressed in a domain's list (200 `{suppressed: false}` for an unknown one): check before every send. A domain-scoped token reads its own domain; an installation-wide token names one with `?domain=`, or gets the strongest entry across every domain (with each in `domains`).",
      query: suppressionQuerySchema,
      response: suppressionSchema,
    },
    delete: {
      summary:
        "Lift a suppression in the token's domain, in `?domain=`, or (installation-wide token, no domain) in every domain; a complaint needs `?force=true` (409 otherwise).",
      query: liftSuppressionQuerySchema,
      response: suppressionSchema,
    },
  },
  '/api/bounces': {
    get: {
      summary:
        'The bounce log of a domain (same domain rules as the suppression list), newest first; `verified: false` marks a report not linked to mail mailgate sent to that address (logged and counted only).',
      query: bounceListQuerySchema,
      response: page(bounceRecordSchema),
    },
  },
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
  '/api/tokens': {
    get: { summary: 'API tokens (never the token itself), with their last use.', response: list(tokenSchema) },
    post: {
      summary:
        'Create a token (admin, or read/write/ingress for one domain; `trustedRelay` for an ingress token of your own MTA); shown once, stored as SHA-256.',
      request: createTokenSchema,
      response: createdTokenSchema,
    },
  },
  '/api/tokens/{id}': { delete: { summary: 'Revoke a token: it stops working at once.' } },
  '/api/ingress/raw': {
    post: {
      summary:
        'Relay ingress (`mailgate relay`, a Postfix/Exim pipe): the raw RFC 5322 message as the body (at most 25 MiB, else 413), the envelope in the query or in X-Mailgate-Sender/X-Mailgate-Recipient; an `ingress` token (its domain only), or `write`/admin with `import=1`. 202 accepted, 422 refused with the 550 text, 5xx/429 retry later.',
      requestType: 'message/rfc822',
      query: ingressEnvelopeSchema,
      response: ingressResultSchema,
    },
  },
  '/api/stats': {
    get: {
      summary:
        "Mail received, bounces and complaints per UTC day (the console's charts), mail sent through POST /api/send (`outgoing`), and for one domain its daily send limit (`sendLimit`).",
      query: statsQuerySchema,
      response: statsSchema,
    },
  },
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' });
}

function describeOperation(path: string, operation: Operation) {
  const pathParameters = [...path.matchAll(/\{(\w+)\}/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const queryParameters = Object.entries(operation.query?.shape ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: false,
    schema: jsonSchema(schema as z.ZodType, 'input'),
  }));
  const successContent = operation.response
    ? { 'application/json': { schema: jsonSchema(operation.response, 'output') } }
    : operation.responseType
      ? { [operation.responseType]: {} }
      : { 'application/json': {} };
  return {
    summary: operation.summary,
    ...(path.startsWith('/api/') || path === '/health/deep' ? { security: [{ bearer: [] }] } : {}),
    parameters: [...pathParameters, ...queryParameters],
    ...(operation.request
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: jsonSchema(operation.request, 'input') },
              ...(operation.alternativeRequestType ? { [operation.alternativeRequestType]: {} } : {}),
            },
          },
        }
      : {}),
    ...(operation.requestType ? { requestBody: { required: true, content: { [operation.requestType]: {} } } } : {}),
    responses: {
      '200': { description: 'OK', content: successContent },
      default: {
        description: 'Error',
        content: { 'application/json': { schema: jsonSchema(apiErrorSchema, 'output') } },
      },
    },
  };
}

export function buildOpenApiDocument() {
  return {
    openapi: '3.1.0',
    info: { title: 'mailgate', version: '0.1.0', description: 'Inbound email gateway for ERPs.' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths: Object.fromEntries(
      Object.entries(operations).map(([path, methods]) => [
        path,
        Object.fromEntries(Object.entries(methods).map(([method, op]) => [method, describeOperation(path, op)])),
      ]),
    ),
  };
}

/** A human-readable page of the same document, with no script: one table of routes. */
export function renderApiDocsHtml(): string {
  const escape = (text: string) => text.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const rows = Object.entries(operations)
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(
        ([method, op]) =>
          `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escape(path)}</code></td><td>${escape(op.summary)}</td></tr>`,
      ),
    )
    .join('\n');
  return `<!doctype html><meta charset="utf-8"><title>mailgate API</title>
<style>body{font:15px system-ui;margin:2rem;max-width:60rem}td{padding:.3rem .8rem;border-bottom:1px solid #ddd}</style>
<h1>mailgate API</h1><p>Every <code>/api/*</code> route needs <code>Authorization: Bearer &lt;token&gt;</code>.
The machine-readable description is <a href="/openapi.json">/openapi.json</a>.</p><table>${rows}</table>`;
}
