// The OpenAPI operations of outgoing mail: minted headers, sends through the Email Service, the SMTP test.
import { createOutboundSchema, outboundSchema } from '../../../shared/api/outbound.ts';
import { sendMailSchema, sendResultSchema, sendStatusSchema } from '../../../shared/api/send.ts';
import { smtpTestRequestSchema, smtpTestResultSchema } from '../../../shared/api/smtp-test.ts';
import type { Operations } from './operation.ts';

export const sendingOperations: Operations = {
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
};
