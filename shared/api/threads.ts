// Wire shapes of threads and their messages (`/api/threads`).
import { z } from 'zod';
import { mailboxSchema, pageOf, pageQuerySchema } from './common.ts';

export const attachmentSchema = z.object({
  id: z.string(),
  filename: z.string().nullable(),
  contentType: z.string(),
  size: z.number(),
  contentId: z.string().nullable(),
  disposition: z.enum(['attachment', 'inline']).nullable(),
  /** Path of the download route, relative to the API's origin. */
  url: z.string(),
});

export const threadMessageSchema = z.object({
  id: z.string(),
  messageId: z.string().nullable(),
  inboundId: z.string().nullable(),
  direction: z.enum(['inbound', 'outbound']),
  from: mailboxSchema.nullable(),
  to: z.array(mailboxSchema),
  cc: z.array(mailboxSchema),
  subject: z.string().nullable(),
  date: z.string().nullable(),
  inReplyTo: z.string().nullable(),
  references: z.array(z.string()),
  text: z.string().nullable(),
  replyText: z.string().nullable(),
  html: z.string().nullable(),
  attachments: z.array(attachmentSchema),
  auth: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
});

export const recordRefSchema = z.object({ model: z.string(), id: z.string() });

/**
 * `PATCH /api/threads/:id`: the ERP record the thread belongs to (null clears it). A record belongs to one thread per
 * domain: another thread of the same domain holding it answers 409.
 */
export const updateThreadSchema = z.object({ record: recordRefSchema.nullable() });

export const threadSummarySchema = z.object({
  id: z.string(),
  subject: z.string().nullable(),
  record: recordRefSchema.nullable(),
  messageCount: z.number(),
  lastMessageAt: z.string().nullable(),
  createdAt: z.string(),
});

export const threadDetailSchema = threadSummarySchema.extend({
  followers: z.array(z.string()),
  messages: z.array(threadMessageSchema),
});
export type ThreadDetail = z.infer<typeof threadDetailSchema>;

export const threadPageSchema = pageOf(threadSummarySchema);

export const threadListQuerySchema = pageQuerySchema.extend({
  /**
   * Full-text search over subjects, participants (addresses and names) and message text: every whitespace-separated
   * term must appear (its words adjacent, `ann@buyer.example` = ann buyer example), case and accents ignored, the last
   * word also as a prefix. Punctuation and FTS syntax are plain text; a query without a letter or digit is a 400.
   */
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((text) => text || undefined),
});
