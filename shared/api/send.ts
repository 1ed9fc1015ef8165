// Wire shapes of `POST /api/send` (the gateway sends an ERP's mail through Cloudflare Email Service) and of a send's
// status. The same limits as the Email Service apply (checked before anything is queued): 50 recipients (To, Cc and Bcc
// together), a subject of at most 998 characters, 5 MiB once encoded, custom headers on its allowlist.
import { z } from 'zod';
import { suppressionSourceSchema } from './bounces.ts';
import { recordRefSchema } from './threads.ts';

/** RFC 4648 4: the alphabet, padding only at the end, whole groups of four (a plain character class: linear on MiBs). */
function isBase64(value: string): boolean {
  const compact = value.replace(/\r?\n/g, '');
  return compact.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(compact);
}

const mailboxInputSchema = z.union([z.email(), z.object({ address: z.email(), name: z.string().max(200).optional() })]);
export type MailboxInput = z.infer<typeof mailboxInputSchema>;

export const sendAttachmentSchema = z.object({
  filename: z.string().min(1).max(255),
  /** MIME type, e.g. `application/pdf`. */
  type: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'a MIME type such as application/pdf'),
  /** The bytes, base64 (RFC 4648 4; line breaks allowed). */
  content: z.string().refine(isBase64, 'standard base64 (RFC 4648 4) with padding'),
  disposition: z.enum(['attachment', 'inline']).default('attachment'),
  /** For `inline`: the id an HTML part refers to as `cid:<contentId>`. */
  contentId: z.string().max(200).optional(),
});

/** The structured form; the raw form is the message itself with `Content-Type: message/rfc822`. */
export const sendMailSchema = z
  .object({
    /** The sending domain: the From address's own (a 400 when they differ). */
    domain: z.string().optional(),
    from: mailboxInputSchema,
    to: z.array(mailboxInputSchema).min(1),
    cc: z.array(mailboxInputSchema).default([]),
    bcc: z.array(mailboxInputSchema).default([]),
    subject: z.string().min(1),
    text: z.string().optional(),
    html: z.string().optional(),
    /** Replies go to the signed `catchall+<token>@domain` unless this is given (they then thread by References only). */
    replyTo: mailboxInputSchema.optional(),
    /** Custom headers: `X-…`, and the Email Service's allowlist (In-Reply-To, References, List-Unsubscribe, …). */
    headers: z.record(z.string(), z.string()).default({}),
    attachments: z.array(sendAttachmentSchema).max(100).default([]),
    threadId: z.string().optional(),
    record: recordRefSchema.optional(),
    /** Or the `Idempotency-Key` header: a retry with the same key and body is answered the same, and sends nothing. */
    idempotencyKey: z.string().min(1).max(255).optional(),
  })
  .refine((value) => value.text !== undefined || value.html !== undefined, {
    message: 'give text or html (or both)',
    path: ['text'],
  })
  .refine((value) => !(value.threadId && value.record), {
    message: 'give threadId or record, not both',
    path: ['threadId'],
  });
export type SendMailInput = z.infer<typeof sendMailSchema>;

export const refusedRecipientSchema = z.object({
  address: z.string(),
  /** Why it is not sent: the suppression's reason (e.g. `complaint: abuse`, `userunknown: 5.1.1`). */
  reason: z.string(),
  source: suppressionSourceSchema.nullable(),
});
export type RefusedRecipient = z.infer<typeof refusedRecipientSchema>;

export const sendResultSchema = z.object({
  /** The Message-ID mailgate minted (or kept from the raw message), without angle brackets; on the thread at once. */
  messageId: z.string(),
  threadId: z.string(),
  /** Recipients not sent to, each with why (suppressed in this domain's list). */
  refused: z.array(refusedRecipientSchema),
  sendId: z.string(),
  /** `queued`: in the outbox; `GET /api/send/{sendId}` and the `message.sent`/`message.failed` events tell the rest. */
  status: z.literal('queued'),
  /** The Reply-To the message carries. */
  replyTo: z.string(),
  /** Headers of a raw message the Email Service would refuse (not on its allowlist), left out of what is sent. */
  droppedHeaders: z.array(z.string()),
});
export type SendResultJson = z.infer<typeof sendResultSchema>;

export const sendStatusSchema = z.object({
  sendId: z.string(),
  status: z.enum(['queued', 'sent', 'failed']),
  messageId: z.string(),
  /** The id the Email Service gave the sent message (it sets its own Message-ID); null until sent. */
  sentMessageId: z.string().nullable(),
  threadId: z.string(),
  sentAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type SendStatusJson = z.infer<typeof sendStatusSchema>;

/** A refusal of the whole request: every recipient is suppressed. */
export const allRefusedSchema = z.object({
  error: z.object({ code: z.literal('all_recipients_refused'), message: z.string() }),
  refused: z.array(refusedRecipientSchema),
});
