// Wire shapes of the inbound log (`/api/inbound`): every message received, where it went and why.
import { z } from 'zod';
import { pageOf, pageQuerySchema } from './common.ts';

export const inboundStatusSchema = z.enum(['pending', 'processing', 'delivered', 'rejected', 'failed']);
export type InboundStatusJson = z.infer<typeof inboundStatusSchema>;

export const inboundListQuerySchema = pageQuerySchema.extend({
  status: inboundStatusSchema.optional(),
  /** `thread`, `alias`, `bounce`, `triage`, `quarantine`, `rejected`, `dropped`, `duplicate`. */
  route: z.string().max(32).optional(),
});

export const inboundItemSchema = z.object({
  id: z.string(),
  messageId: z.string().nullable(),
  /** The header From address once parsed, else the envelope sender. */
  from: z.string(),
  /** The envelope recipient. */
  to: z.string(),
  envelopeFrom: z.string(),
  subject: z.string().nullable(),
  sizeBytes: z.number(),
  status: inboundStatusSchema,
  kind: z.string().nullable(),
  route: z.string().nullable(),
  reason: z.string().nullable(),
  threadId: z.string().nullable(),
  tags: z.array(z.string()),
  /** The authentication verdict (SPF/DKIM/DMARC/ARC), once processed. */
  auth: z.record(z.string(), z.unknown()).nullable(),
  spam: z.record(z.string(), z.unknown()).nullable(),
  /** When the message was held for review (DMARC, spam, rate limit); release it with POST /api/inbound/:id/release. */
  quarantinedAt: z.string().nullable(),
  /** Verified addresses this mail is passed on to with forward() (a forward alias, or a reply's followers). */
  forwardTo: z.array(z.string()),
  /** When every forward() succeeded; null while one is owed (the sender's retry redoes it). */
  forwardedAt: z.string().nullable(),
  /** Processing attempts, all told (replays included); after 8 since it arrived or was last replayed, an unfinished message ends `failed`. */
  attempts: z.number(),
  /**
   * How it entered: Email Routing (`email`), an MTA through the relay ingress (`relay`), an archive import (`import`).
   * The defaults read a gateway from before these fields as what it was: Email Routing only, nothing imported.
   */
  source: z.enum(['email', 'relay', 'import']).default('email'),
  /** Old mail brought in by an import; `archive` ones only joined threads (no ERP record, event or forward). */
  imported: z.boolean().default(false),
  importMode: z.enum(['archive', 'deliver', 'restore']).nullable().default(null),
  /** Why the last attempt failed (kept on a `failed` message; cleared once it is processed). Older gateways omit it. */
  lastError: z.string().nullable().optional(),
  /** While `pending`/`processing`: when the cron sweep takes it again (the end of a backoff or of a running attempt's lease). */
  nextAttemptAt: z.string().nullable().optional(),
  receivedAt: z.string(),
  updatedAt: z.string().nullable(),
});
export type InboundItem = z.infer<typeof inboundItemSchema>;

export const inboundPageSchema = pageOf(inboundItemSchema);
