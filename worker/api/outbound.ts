// `POST /api/outbound`: mints the Message-ID, signed Reply-To and VERP Return-Path of a mail the ERP sends, and
// registers it on its thread, so that replies and bounces come back to the right thread and record.
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { createOutboundSchema, type OutboundJson } from '../../shared/api/outbound.ts';
import { signAddressToken } from '../../shared/mail/tokens.ts';
import { listDomains, findDomainByName, type DomainRow } from '../store/domains.ts';
import { newId } from '../store/ids.ts';
import { threads } from '../store/schema.ts';
import { normalizeSubject } from '../../shared/mail/subject.ts';
import { buildAddContacts, buildAddFollowers, buildFileMessage, getThread } from '../store/threads.ts';
import type { AppEnv } from './context.ts';
import { assertDomainInScope } from './domain-guard.ts';
import { ApiError, notFound } from './errors.ts';
import { validate } from './validate.ts';

async function chooseDomain(c: { var: AppEnv['Variables'] }, name: string | undefined, threadDomainId: string | null): Promise<DomainRow> {
  const { db } = c.var.services;
  if (name) {
    const domain = await findDomainByName(db, name);
    if (!domain) throw new ApiError(400, 'invalid_input', `the domain ${name} is not configured`);
    return domain;
  }
  const scopedDomainId = c.var.principal.domainId;
  const all = (await listDomains(db)).filter((domain) => scopedDomainId === null || domain.id === scopedDomainId);
  const fromThread = threadDomainId ? all.find((domain) => domain.id === threadDomainId) : undefined;
  if (fromThread) return fromThread;
  if (all.length === 1) return all[0]!;
  throw new ApiError(400, 'invalid_input', 'several domains are configured: say which one with "domain"');
}

export const outboundRoutes = new Hono<AppEnv>().post('/', validate('json', createOutboundSchema), async (c) => {
  const input = c.req.valid('json');
  const { db, tokenSecrets, now: clock } = c.var.services;
  if (tokenSecrets.length === 0) {
    throw new ApiError(500, 'not_configured', 'REPLY_TOKEN_SECRET is not set: no reply address can be signed');
  }
  const now = clock();
  let thread = input.threadId ? await getThread(db, input.threadId) : undefined;
  if (input.threadId && !thread) throw notFound('thread');
  if (!thread && input.record) {
    [thread] = await db
      .select()
      .from(threads)
      .where(and(eq(threads.recordModel, input.record.model), eq(threads.recordId, input.record.id)))
      .limit(1);
  }
  const domain = await chooseDomain(c, input.domain, thread?.domainId ?? null);
  assertDomainInScope(c.var.principal, domain.id);
  if (thread?.domainId) assertDomainInScope(c.var.principal, thread.domainId);
  const threadId = thread?.id ?? newId('thr', now.getTime());
  const messageRowId = newId('msg', now.getTime());
  // RFC 5322 3.6.4: globally unique, with the domain on the right; the random part carries no information.
  const messageId = `${messageRowId.slice(4)}.${crypto.randomUUID().slice(0, 8)}@${domain.name}`;
  const recipients = [...input.to, ...input.cc].map((r) => (typeof r === 'string' ? { address: r } : r));
  const toJson = input.to.map((r) => (typeof r === 'string' ? { address: r } : r));
  const ccJson = input.cc.map((r) => (typeof r === 'string' ? { address: r } : r));
  const [replyToken, verpToken] = await Promise.all([
    signAddressToken('reply', threadId, tokenSecrets),
    signAddressToken('verp', messageRowId, tokenSecrets),
  ]);
  const statements = [
    ...buildFileMessage(db, {
      newThread: thread
        ? null
        : {
            id: threadId,
            domainId: domain.id,
            subject: input.subject ?? null,
            normalizedSubject: normalizeSubject(input.subject),
            recordModel: input.record?.model ?? null,
            recordId: input.record?.id ?? null,
            createdAt: now,
          },
      message: {
        id: messageRowId,
        threadId,
        direction: 'outbound',
        messageId,
        to: toJson,
        cc: ccJson,
        subject: input.subject ?? null,
        date: now,
        createdAt: now,
      },
      attachments: [],
      at: now,
    }),
    ...buildAddFollowers(db, threadId, recipients.map((r) => r.address)),
    ...buildAddContacts(db, domain.id, recipients),
  ];
  await db.batch(statements as unknown as Parameters<typeof db.batch>[0]);
  const answer: OutboundJson = {
    messageId,
    messageIdHeader: `<${messageId}>`,
    replyTo: `${domain.catchall}${domain.subaddressSeparator}${replyToken}@${domain.name}`,
    returnPath: `${domain.bounce}${domain.subaddressSeparator}${verpToken}@${domain.name}`,
    threadId,
  };
  return c.json(answer, 201);
});
