// Wire shapes of the inbound log (`/api/inbound`): every message received, where it went and why.
import { z } from 'zod';
import { pageOf, pageQuerySchema } from './common.ts';

export const inboundStatusSchema = z.enum(['pending', 'processing', 'delivered', 'rejected', 'failed']);
export type InboundStatusJson = z.infer<typeof inboundStatusSchema>;

export const inboundListQuerySchema = pageQuerySchema.extend({ status: inboundStatusSchema.optional() });

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
  attempts: z.number(),
  receivedAt: z.string(),
  updatedAt: z.string().nullable(),
});
export type InboundItem = z.infer<typeof inboundItemSchema>;

export const inboundPageSchema = pageOf(inboundItemSchema);
