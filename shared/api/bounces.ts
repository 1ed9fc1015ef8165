// Wire shapes of a classified inbound message (bounce, complaint, auto-reply or plain mail): `mailgate classify`, events, API.
import { z } from 'zod';

export const mailKindSchema = z.enum(['bounce', 'feedback', 'auto-reply', 'mail']);
export type MailKind = z.infer<typeof mailKindSchema>;

/** RFC 3464 2.3.3 Action values. */
export const deliveryActionSchema = z.enum(['failed', 'delayed', 'delivered', 'relayed', 'expanded']);
export type DeliveryAction = z.infer<typeof deliveryActionSchema>;

/** Sisimai's reason vocabulary (the de facto names of bounce reasons), plus `feedback` for complaints. */
export const bounceReasonSchema = z.enum([
  'userunknown', 'hostunknown', 'mailboxfull', 'exceedlimit', 'filtered', 'blocked', 'rejected', 'spamdetected',
  'virusdetected', 'policyviolation', 'expired', 'suspend', 'hasmoved', 'mesgtoobig', 'networkerror', 'securityerror',
  'systemerror', 'systemfull', 'toomanyconn', 'notaccept', 'norelaying', 'syntaxerror', 'contenterror', 'authfailure',
  'requireptr', 'badreputation', 'notcompliantrfc', 'speeding', 'failedstarttls', 'mailererror', 'suppressed',
  'onhold', 'delivered', 'feedback', 'vacation', 'undefined',
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

/** One output line of `mailgate classify` (contracts.md). */
export const classifyLineSchema = z.object({
  file: z.string(),
  kind: mailKindSchema.optional(),
  recipients: z.array(affectedRecipientSchema.pick({ address: true, status: true, action: true, reason: true, permanent: true }).passthrough()).optional(),
  error: z.string().optional(),
});
export type ClassifyLine = z.infer<typeof classifyLineSchema>;

/** One entry of the suppression list (`GET /api/suppressions`, `GET /api/suppressions/:address`). */
export const suppressionSchema = z.object({
  address: z.string(),
  /** False for an address that is unknown or only counting bounces: the ERP may send. */
  suppressed: z.boolean(),
  suppressedAt: z.string().nullable(),
  /** Why: a bounce reason (`userunknown`), `N bounces over D days (…)`, `complaint`, or the admin's text. */
  reason: z.string().nullable(),
  source: z.enum(['bounce', 'complaint', 'manual']).nullable(),
  /** Counted failures in the current 13-week window (reset by a normal mail from the address). */
  bounceCount: z.number().int(),
  firstBounceAt: z.string().nullable(),
  lastBounceAt: z.string().nullable(),
  complained: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type SuppressionJson = z.infer<typeof suppressionSchema>;

/** A path or query address: an addr-spec (RFC 5321 4.5.3.1.3: at most 254 octets in practice), compared lower-case. */
export const addressParamSchema = z.object({
  address: z
    .string()
    .max(254)
    .regex(/^[^@\s]+@[^@\s]+$/, 'an e-mail address (local@domain)')
    .transform((address) => address.toLowerCase()),
});

export const suppressionListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The `nextCursor` of the previous page. */
  before: z.string().min(1).max(320).optional(),
});

/** `DELETE /api/suppressions/:address?force=true`: lifting a complaint must be asked for explicitly. */
export const liftSuppressionQuerySchema = z.object({
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
  receivedAt: z.string(),
});
export type BounceRecordJson = z.infer<typeof bounceRecordSchema>;

export const bounceListQuerySchema = z.object({
  address: z
    .string()
    .max(254)
    .transform((address) => address.toLowerCase())
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.string().min(1).max(64).optional(),
});
