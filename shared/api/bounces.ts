// Wire shapes of a classified inbound message (bounce, complaint, auto-reply or plain mail): `mailgate classify`, events, API.
import { z } from 'zod';
import { optionalDomainNameSchema } from './common.ts';

export const mailKindSchema = z.enum(['bounce', 'feedback', 'auto-reply', 'mail']);
export type MailKind = z.infer<typeof mailKindSchema>;

/** RFC 3464 2.3.3 Action values. */
export const deliveryActionSchema = z.enum(['failed', 'delayed', 'delivered', 'relayed', 'expanded']);
export type DeliveryAction = z.infer<typeof deliveryActionSchema>;

/** Sisimai's reason vocabulary (the de facto names of bounce reasons), plus `feedback` for complaints. */
export const bounceReasonSchema = z.enum([
  'userunknown',
  'hostunknown',
  'mailboxfull',
  'exceedlimit',
  'filtered',
  'blocked',
  'rejected',
  'spamdetected',
  'virusdetected',
  'policyviolation',
  'expired',
  'suspend',
  'hasmoved',
  'mesgtoobig',
  'networkerror',
  'securityerror',
  'systemerror',
  'systemfull',
  'toomanyconn',
  'notaccept',
  'norelaying',
  'syntaxerror',
  'contenterror',
  'authfailure',
  'requireptr',
  'badreputation',
  'notcompliantrfc',
  'speeding',
  'failedstarttls',
  'mailererror',
  'suppressed',
  'onhold',
  'delivered',
  'feedback',
  'vacation',
  'undefined',
]);
export type BounceReason = z.infer<typeof bounceReasonSchema>;

export const affectedRecipientSchema = z.object({
  address: z.string(),
  action: deliveryActionSchema.nullable(),
  /** RFC 3463 enhanced status code (`5.1.1`), or null when the report gives none. */
  status: z.string().nullable(),
  /** SMTP reply code (`550`), or null. */
  replyCode: z.string().nullable(),
  diagnostic: z.string().nullable(),
  remoteMta: z.string().nullable(),
  reportingMta: z.string().nullable(),
  arrivalDate: z.string().nullable(),
  reason: bounceReasonSchema,
  /** True for a permanent failure (status class 5 / reply 5xx): retrying will not help. */
  permanent: z.boolean(),
});
export type AffectedRecipient = z.infer<typeof affectedRecipientSchema>;

/** The headers of the message that bounced, as far as the report quotes them. */
export const originalHeadersSchema = z.object({
  messageId: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  subject: z.string().nullable(),
  date: z.string().nullable(),
});
export type OriginalHeaders = z.infer<typeof originalHeadersSchema>;

export const mailClassificationSchema = z.object({
  kind: mailKindSchema,
  recipients: z.array(affectedRecipientSchema),
  /** Message-ID (bare, without angle brackets) of the message that bounced or was complained about. */
  originalMessageId: z.string().nullable(),
  originalHeaders: originalHeadersSchema.optional(),
  reportingMta: z.string().nullable().optional(),
  /** ARF Feedback-Type (RFC 5965 3.1): abuse, fraud, virus, not-spam, opt-out, other… */
  feedbackType: z.string().optional(),
  /** Why the message was taken for an auto-reply (`auto-submitted`, `x-autoreply`, `subject`…). */
  autoReplyReason: z.string().optional(),
});
export type MailClassification = z.infer<typeof mailClassificationSchema>;

/**
 * Where an entry comes from: a verified bounce or complaint, an admin's hand (`manual`), or a list carried over from
 * another mail system (`imported`).
 */
export const suppressionSourceSchema = z.enum(['bounce', 'complaint', 'manual', 'imported']);
export type SuppressionSourceJson = z.infer<typeof suppressionSourceSchema>;

/**
 * One entry of the suppression list (`GET /api/suppressions`, `GET /api/suppressions/:address`). Entries belong to one
 * domain (each tenant's ERP keeps its own list).
 */
const suppressionEntrySchema = z.object({
  address: z.string(),
  /** The domain whose list this entry is (absent from gateways older than per-domain lists; null: no entry anywhere). */
  domain: z.string().nullable().optional(),
  /** False for an address that is unknown or only counting bounces: the ERP may send. */
  suppressed: z.boolean(),
  suppressedAt: z.string().nullable(),
  /** Why: a bounce reason (`userunknown`), `N bounces over D days (…)`, `complaint`, or the admin's text. */
  reason: z.string().nullable(),
  source: suppressionSourceSchema.nullable(),
  /** Counted failures in the current 13-week window (reset by a normal mail from the address). */
  bounceCount: z.number().int(),
  firstBounceAt: z.string().nullable(),
  lastBounceAt: z.string().nullable(),
  complained: z.boolean(),
  updatedAt: z.string().nullable(),
});
export const suppressionSchema = suppressionEntrySchema.extend({
  /**
   * Only when an installation-wide token asked about an address without naming a domain: every domain's entry. The
   * fields above are then the strongest of them (suppressed anywhere means suppressed).
   */
  domains: z.array(suppressionEntrySchema).optional(),
});
export type SuppressionJson = z.infer<typeof suppressionSchema>;

/**
 * `?domain=` of the suppression and bounce routes: the domain whose list is read or changed. A domain-scoped token
 * always acts on its own (naming another is a 403); an installation-wide token that names none reads every domain,
 * and `DELETE /api/suppressions/:address` then lifts the address in every domain.
 */
const domainQueryField = optionalDomainNameSchema;
export const suppressionQuerySchema = z.object({ domain: domainQueryField });

/** A path, query or body address: an addr-spec (RFC 5321 4.5.3.1.3: at most 254 octets in practice), compared lower-case. */
const suppressedAddressSchema = z
  .string()
  .trim()
  .max(254)
  .regex(/^[^@\s]+@[^@\s]+$/, 'an e-mail address (local@domain)')
  .transform((address) => address.toLowerCase());
export const addressParamSchema = z.object({ address: suppressedAddressSchema });

export const suppressionListQuerySchema = z.object({
  domain: domainQueryField,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The `nextCursor` of the previous page. */
  before: z.string().min(1).max(320).optional(),
});

/** `DELETE /api/suppressions/:address?force=true`: lifting a complaint must be asked for explicitly. */
export const liftSuppressionQuerySchema = z.object({
  domain: domainQueryField,
  force: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((value) => value === 'true' || value === '1'),
});

/** One row of the bounce log (`GET /api/bounces`). */
export const bounceRecordSchema = z.object({
  id: z.string(),
  address: z.string(),
  kind: z.enum(['bounce', 'complaint']),
  status: z.string().nullable(),
  action: z.string().nullable(),
  reason: z.string().nullable(),
  permanent: z.boolean(),
  diagnostic: z.string().nullable(),
  inboundId: z.string().nullable(),
  /** The outbound message that bounced (`msg_…`) and its thread, when linked by VERP or Message-ID. */
  messageRowId: z.string().nullable(),
  threadId: z.string().nullable(),
  /** The domain the report reached (absent from gateways older than per-domain history). */
  domain: z.string().nullable().optional(),
  /**
   * True when the report is linked to mail mailgate sent to this address (its VERP token, or a Message-ID mailgate
   * minted for it). False: anyone could have written it; it is only logged and counted, and never suppresses.
   */
  verified: z.boolean().optional(),
  receivedAt: z.string(),
});
export type BounceRecordJson = z.infer<typeof bounceRecordSchema>;

export const bounceListQuerySchema = z.object({
  domain: domainQueryField,
  address: z
    .string()
    .max(254)
    .transform((address) => address.toLowerCase())
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.string().min(1).max(64).optional(),
});

/** How many entries one `POST /api/suppressions` takes (a longer list is sent in several requests). */
export const MAX_SUPPRESSIONS_PER_REQUEST = 1000;

const timestampSchema = z.iso.datetime({ offset: true });

/**
 * One address to add to a domain's list. `source` defaults to `manual`; `reason` is the text the list shows (the
 * admin's note; a restore passes the exported one). A restore also passes the exported `suppressedAt` and counters,
 * so that the entry is the one it was (a bounce suppression then still lifts itself when the address writes again).
 */
export const newSuppressionSchema = z.object({
  address: suppressedAddressSchema,
  source: suppressionSourceSchema.default('manual'),
  reason: z.string().trim().min(1).max(500).optional(),
  /** When the address was suppressed (default: now). */
  suppressedAt: timestampSchema.optional(),
  bounceCount: z.number().int().min(0).max(1_000_000).optional(),
  firstBounceAt: timestampSchema.nullable().optional(),
  lastBounceAt: timestampSchema.nullable().optional(),
  /** Defaults to true for `source: complaint`. */
  complained: z.boolean().optional(),
});
export type NewSuppression = z.infer<typeof newSuppressionSchema>;

const addTargetFields = {
  /**
   * The domain whose list grows. A domain-scoped token adds to its own (naming another is a 403); an
   * installation-wide token must name one when several are configured.
   */
  domain: domainQueryField,
  /** Overwrite an address that is already suppressed (default: it keeps its older entry and is `alreadyThere`). */
  replace: z.boolean().default(false),
};

/** `POST /api/suppressions` with one entry. */
export const addSuppressionSchema = newSuppressionSchema.extend(addTargetFields);
/** `POST /api/suppressions` with many (at most MAX_SUPPRESSIONS_PER_REQUEST), all of one domain. */
export const addSuppressionBulkSchema = z.object({
  ...addTargetFields,
  entries: z
    .array(newSuppressionSchema)
    .min(1, 'entries: give at least one address')
    .max(MAX_SUPPRESSIONS_PER_REQUEST, `entries: at most ${MAX_SUPPRESSIONS_PER_REQUEST} per request`),
});
export type AddSuppressionBulk = z.input<typeof addSuppressionBulkSchema>;

/** Both forms, read as the bulk one (a single entry becomes a list of one, so errors name `entries[0].field`). */
export const addSuppressionsRequestSchema = z.preprocess((body) => {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || 'entries' in body) return body;
  const { domain, replace, ...entry } = body as Record<string, unknown>;
  return { domain, replace, entries: [entry] };
}, addSuppressionBulkSchema);
export type AddSuppressionsRequest = z.output<typeof addSuppressionBulkSchema>;

export const addSuppressionOutcomeSchema = z.enum(['added', 'alreadyThere', 'replaced']);
export type AddSuppressionOutcome = z.infer<typeof addSuppressionOutcomeSchema>;

/** The answer: counts, and each address (normalized) with what happened to it, in the order given. */
export const addSuppressionsResultSchema = z.object({
  domain: z.string(),
  added: z.number().int(),
  alreadyThere: z.number().int(),
  replaced: z.number().int(),
  results: z.array(z.object({ address: z.string(), outcome: addSuppressionOutcomeSchema })),
});
export type AddSuppressionsResult = z.infer<typeof addSuppressionsResultSchema>;
