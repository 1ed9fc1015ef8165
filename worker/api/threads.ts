// `/api/threads`: conversations as the gateway filed them, with their messages and attachments.
import { Hono } from 'hono';
import { z } from 'zod';
import { threadListQuerySchema, updateThreadSchema, type ThreadDetail } from '../../shared/api/threads.ts';
import { isUniqueViolation } from '../store/db.ts';
import {
  findThreadByRecord,
  formatThreadCursor,
  getAttachment,
  getThread,
  getThreadWithMessages,
  listFollowers,
  listThreads,
  parseThreadCursor,
  searchThreads,
  setThreadRecord,
  type RecordRef,
  type ThreadRow,
} from '../store/threads.ts';
import { buildMatchExpression } from '../store/search-query.ts';
import { sanitizeHtml } from '../html/sanitize.ts';
import { respondWithAttachment } from './attachment-download.ts';
import { compareDescending, listDatabasesToRead, readPageAcross } from './across-databases.ts';
import type { AppEnv } from './context.ts';
import { ApiError, notFound } from './errors.ts';
import { validate } from './validate.ts';

const idParam = z.object({ id: z.string().min(1).max(64) });

function toThreadSummary(thread: ThreadRow) {
  return {
    id: thread.id,
    subject: thread.subject,
    record: thread.recordModel && thread.recordId ? { model: thread.recordModel, id: thread.recordId } : null,
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
    const domainId = c.var.principal.domainId;
    const filter = { limit: query.limit, ...(before ? { before } : {}), domainId };
    const match = query.q === undefined ? null : buildMatchExpression(query.q);
    if (query.q !== undefined && match === null)
      throw new ApiError(400, 'invalid_input', 'q: give at least one letter or digit to search for');
    // A scoped token's request already reads its domain's database; an installation-wide one reads every database.
    const reads = domainId
      ? [{ services: c.var.services, holds: () => true }]
      : await listDatabasesToRead(c.var.services);
    const rows = await readPageAcross(reads, {
      read: ({ db }) => (match ? searchThreads(db, match, filter) : listThreads(db, filter)),
      domainOf: (row) => row.domainId,
      newestFirst: (a, b) => b.activityAt - a.activityAt || compareDescending(a.id, b.id),
      limit: query.limit,
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

function recordTaken(record: RecordRef, holderId: string): ApiError {
  return new ApiError(
    409,
    'conflict',
    `record: ${record.model}/${record.id} already belongs to the thread ${holderId} of this domain`,
  );
}

/**
 * The ERP tells which record a thread belongs to (after a `record.requested`), so later replies carry it. A record
 * belongs to one thread per domain: another thread of the same domain holding it is a 409; threads of other domains
 * are never looked at (the route guard already kept a scoped token to its own threads).
 */
export const threadRecordRoute = new Hono<AppEnv>().patch(
  '/:id',
  validate('param', idParam),
  validate('json', updateThreadSchema),
  async (c) => {
    const { db } = c.var.services;
    const { record } = c.req.valid('json');
    const thread = await getThread(db, c.req.valid('param').id);
    if (!thread) throw notFound('thread');
    const holder = record ? await findThreadByRecord(db, thread.domainId, record) : undefined;
    if (record && holder && holder.id !== thread.id) throw recordTaken(record, holder.id);
    const row = await setThreadRecord(db, thread.id, record).catch(async (error: unknown) => {
      // Set on another thread between the look and the write.
      const winner =
        record && isUniqueViolation(error) ? await findThreadByRecord(db, thread.domainId, record) : undefined;
      throw winner && record ? recordTaken(record, winner.id) : error;
    });
    if (!row) throw notFound('thread');
    return c.json(toThreadSummary(row));
  },
);

export const attachmentRoutes = new Hono<AppEnv>().get('/:id', validate('param', idParam), async (c) => {
  const row = await getAttachment(c.var.services.db, c.req.valid('param').id);
  if (!row) throw notFound('attachment');
  return respondWithAttachment(c, row);
});
