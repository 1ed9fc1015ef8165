// The OpenAPI operations of the suppression lists and the bounce log.
import { pageOf } from '../../../shared/api/common.ts';
import { z } from 'zod';
import {
  addSuppressionBulkSchema,
  addSuppressionSchema,
  addSuppressionsResultSchema,
  bounceListQuerySchema,
  bounceRecordSchema,
  liftSuppressionQuerySchema,
  suppressionListQuerySchema,
  suppressionQuerySchema,
  suppressionSchema,
} from '../../../shared/api/bounces.ts';
import type { Operations } from './operation.ts';

export const bounceOperations: Operations = {
  '/api/suppressions': {
    get: {
      summary:
        "Suppressed addresses, newest first: a domain-scoped token's own domain; an installation-wide token's `?domain=`, or every domain.",
      query: suppressionListQuerySchema,
      response: pageOf(suppressionSchema),
    },
    post: {
      summary:
        "Add addresses to a domain's list: one entry, or `entries` (at most 1,000) of one domain. `source` manual (default), imported, or bounce/complaint with `suppressedAt` and counters for a restore. Idempotent: an address already suppressed keeps its entry (`alreadyThere`) unless `replace: true`. A domain-scoped write token adds to its own domain; an installation-wide token names `domain` when several are configured.",
      request: z.union([addSuppressionSchema, addSuppressionBulkSchema]),
      response: addSuppressionsResultSchema,
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
      response: pageOf(bounceRecordSchema),
    },
  },
};
