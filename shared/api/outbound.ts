// Wire shapes of `POST /api/outbound`: the headers an ERP puts on a mail it sends so replies and bounces come back.
import { z } from 'zod';
import { recordRefSchema } from './threads.ts';

const recipientSchema = z.union([z.email(), z.object({ address: z.email(), name: z.string().max(200).optional() })]);

export const createOutboundSchema = z
  .object({
    to: z.array(recipientSchema).min(1).max(100),
    cc: z.array(recipientSchema).max(100).default([]),
    subject: z.string().max(998).optional(),
    threadId: z.string().optional(),
    record: recordRefSchema.optional(),
    /**
     * The alias domain to mint addresses in, and the only domain a `record` is looked up in. A domain-scoped token
     * acts on its own domain; an installation-wide token must name it, unless `threadId` (its thread's domain) or a
     * single configured domain leaves no choice (400 otherwise).
     */
    domain: z.string().optional(),
  })
  .refine((value) => !(value.threadId && value.record), 'give threadId or record, not both');
export type CreateOutboundInput = z.infer<typeof createOutboundSchema>;

export const outboundSchema = z.object({
  messageId: z.string(),
  /** `catchall+<reply token>@domain`: replies to it join the thread, whatever the client does with References. */
  replyTo: z.string(),
  /** `bounce+<VERP token>@domain`: the envelope sender, so a bounce names the exact message and recipient. */
  returnPath: z.string(),
  threadId: z.string(),
  /** Message-ID header value, with angle brackets, ready to put on the mail. */
  messageIdHeader: z.string(),
});
export type OutboundJson = z.infer<typeof outboundSchema>;
