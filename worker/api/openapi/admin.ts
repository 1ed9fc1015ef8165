// The OpenAPI operations of API tokens, the relay ingress and the daily stats.
import { statsQuerySchema, statsSchema } from '../../../shared/api/stats.ts';
import { createTokenSchema, createdTokenSchema, tokenSchema } from '../../../shared/api/tokens.ts';
import { ingressEnvelopeSchema, ingressResultSchema } from '../../../shared/api/ingress.ts';
import { type Operations, list } from './operation.ts';

export const adminOperations: Operations = {
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
