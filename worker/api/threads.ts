// `/api/threads`: conversations as the gateway filed them, with their messages and attachments.
import { Hono } from 'hono';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordRefSchema, threadListQuerySchema, type ThreadDetail } from '../../shared/api/threads.ts';
import { attachments, threads } from '../store/schema.ts';
import { formatThreadCursor, getThreadWithMessages, listFollowers, listThreads, parseThreadCursor, type ThreadRow } from '../store/threads.ts';
import { extractAttachmentByReference } from '../inbound/parse.ts';
import { sanitizeHtml } from '../html/sanitize.ts';
import { loadRawMessage } from '../ingress/raw-store.ts';
import type { AppEnv } from './context.ts';
import { ApiError, notFound } from './errors.ts';
import { validate } from './validate.ts';

const idParam = z.object({ id: z.string().min(1).max(64) });

function toThreadSummary(thread: ThreadRow) {
  return {
    id: thread.id,
    subject: thread.subject,
    record:
      thread.recordModel && thread.recordId ? { model: thread.recordModel, id: thread.recordId } : null,
    messageCount: thread.messageCount,
    lastMessageAt: thread.lastMessageAt?.toISOString() ?? null,
    createdAt: thread.createdAt.toISOString(),
  };
}

export const threadRoutes = new Hono<AppEnv>()
  .get('/', validate('query', threadListQuerySchema), async (c) => {
    const query = c.req.valid('query');
    const before = query.before === undefined ? undefined : parseThreadCursor(query.before);
    if (before === null) throw new ApiError(400, 'invalid_input', 'before: pass the nextCursor of the previous page');
    const rows = await listThreads(c.var.services.db, {
      limit: query.limit,
      ...(before ? { before } : {}),
      ...(query.q ? { q: query.q } : {}),
      domainId: c.var.principal.domainId,
    });
    return c.json({
      items: rows.map(toThreadSummary),
      nextCursor: rows.length === query.limit ? formatThreadCursor(rows.at(-1)!) : null,
    });
  })
  .get('/:id', validate('param', idParam), async (c) => {
    const found = await getThreadWithMessages(c.var.services.db, c.req.valid('param').id);
    if (!found) throw notFound('thread');
    const detail: ThreadDetail = {
      ...toThreadSummary(found.thread),
      followers: await listFollowers(c.var.services.db, found.thread.id),
      messages: found.messages.map((message) => ({
        id: message.id,
        messageId: message.messageId,
        inboundId: message.inboundId,
        direction: message.direction,
        from: message.fromAddress
          ? { address: message.fromAddress, ...(message.fromName ? { name: message.fromName } : {}) }
          : null,
        to: message.to,
        cc: message.cc,
        subject: message.subject,
        date: message.date?.toISOString() ?? null,
        inReplyTo: message.inReplyTo,
        references: message.references,
        text: message.text,
        replyText: message.replyText,
        html: message.html ? sanitizeHtml(message.html) : null,
        attachments: message.attachments.map((attachment) => ({
          id: attachment.id,
          filename: attachment.filename,
          contentType: attachment.contentType,
          size: attachment.sizeBytes,
          contentId: attachment.contentId,
          disposition: attachment.disposition,
          url: `/api/attachments/${attachment.id}`,
        })),
        auth: message.auth ?? null,
        createdAt: message.createdAt.toISOString(),
      })),
    };
    return c.json(detail);
  });

const recordBody = z.object({ record: recordRefSchema.nullable() });

/** The ERP tells which record a thread belongs to (after a `record.requested`), so later replies carry it. */
export const threadRecordRoute = new Hono<AppEnv>().patch('/:id', validate('param', idParam), validate('json', recordBody), async (c) => {
  const { db } = c.var.services;
  const { record } = c.req.valid('json');
  const [row] = await db
    .update(threads)
    .set({ recordModel: record?.model ?? null, recordId: record?.id ?? null })
    .where(eq(threads.id, c.req.valid('param').id))
    .returning();
  if (!row) throw notFound('thread');
  return c.json(toThreadSummary(row));
});

export const attachmentRoutes = new Hono<AppEnv>().get('/:id', validate('param', idParam), async (c) => {
  const { db, bucket } = c.var.services;
  const [row] = await db.select().from(attachments).where(eq(attachments.id, c.req.valid('param').id));
  if (!row) throw notFound('attachment');
  const body = row.r2Key.includes('#attachment=')
    ? await extractAttachmentByReference((key) => loadRawMessage(bucket, key), row.r2Key)
    : (await bucket.get(row.r2Key))?.body;
  if (!body) throw notFound('attachment bytes');
  // Served as a download, never rendered inline: the content comes from a stranger's mail.
  const filename = (row.filename ?? 'attachment').replace(/["\\\r\n]/g, '_');
  return c.body(body instanceof Uint8Array ? new Uint8Array(body) : body, 200, {
    'content-type': row.contentType,
    'content-length': String(row.sizeBytes),
    'content-disposition': `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    'x-content-type-options': 'nosniff',
  });
});
