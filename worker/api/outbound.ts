// `POST /api/outbound`: mints the Message-ID, signed Reply-To and VERP Return-Path of a mail the ERP sends, and
// registers it (with its recipients, which later bounces must name) on its thread, so that replies and bounces come
// back to the right thread and record. Threads and records are looked up inside one domain only.
import { Hono } from 'hono';
import { createOutboundSchema, type CreateOutboundInput as OutboundInput, type OutboundJson } from '../../shared/api/outbound.ts';
import { signAddressToken } from '../../shared/mail/tokens.ts';
import { normalizeSubject } from '../../shared/mail/subject.ts';
import { isUniqueViolation, runBatch } from '../store/db.ts';
import type { DomainRow } from '../store/domains.ts';
import { newId } from '../store/ids.ts';
import { buildAddContacts, buildAddFollowers, buildFileMessage, findThreadByRecord, getThread, type ThreadRow } from '../store/threads.ts';
import type { AppEnv } from './context.ts';
import { ApiError, notFound } from './errors.ts';
import { requireOneDomain } from './tenant.ts';
import { validate } from './validate.ts';

type RequestVars = { var: AppEnv['Variables'] };

/** The domain and (existing) thread a mail belongs to: the named thread, else the domain's thread of the record. */
async function locateThread(c: RequestVars, input: OutboundInput): Promise<{ domain: DomainRow; thread: ThreadRow | undefined }> {
  const { db } = c.var.services;
  const named = input.threadId ? await getThread(db, input.threadId) : undefined;
  if (input.threadId && !named) throw notFound('thread');
  const domain = await requireOneDomain(c, input.domain, named?.domainId ?? null);
  if (named && named.domainId !== domain.id) {
    // A scoped token reaching another tenant's thread learns no more than a 403; a mismatch of the caller's own
    // choices is a 400.
    if (c.var.principal.domainId !== null) throw new ApiError(403, 'forbidden', 'this token is limited to another domain');
    throw new ApiError(400, 'invalid_input', `threadId: the thread ${named.id} does not belong to the domain ${domain.name}`);
  }
  const thread = named ?? (input.record ? await findThreadByRecord(db, domain.id, input.record) : undefined);
  return { domain, thread };
}

const toAddressJson = (recipient: OutboundInput['to'][number]) => (typeof recipient === 'string' ? { address: recipient } : recipient);

async function mintOutboundOnce(c: RequestVars, input: OutboundInput): Promise<OutboundJson> {
  const { db, tokenSecrets, now: clock } = c.var.services;
  const now = clock();
  const { domain, thread } = await locateThread(c, input);
  const threadId = thread?.id ?? newId('thr', now.getTime());
  const messageRowId = newId('msg', now.getTime());
  // RFC 5322 3.6.4: globally unique, with the domain on the right; the random part carries no information.
  const messageId = `${messageRowId.slice(4)}.${crypto.randomUUID().slice(0, 8)}@${domain.name}`;
  const toJson = input.to.map(toAddressJson);
  const ccJson = input.cc.map(toAddressJson);
  const recipients = [...toJson, ...ccJson];
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
      // The recipients stay on the outbound message: a bounce or complaint counts only for an address named here.
      message: { id: messageRowId, threadId, direction: 'outbound', messageId, to: toJson, cc: ccJson, subject: input.subject ?? null, date: now, createdAt: now },
      attachments: [],
      at: now,
    }),
    ...buildAddFollowers(db, threadId, recipients.map((r) => r.address)),
    ...buildAddContacts(db, domain.id, recipients),
  ];
  await runBatch(db, statements);
  return {
    messageId,
    messageIdHeader: `<${messageId}>`,
    replyTo: `${domain.catchall}${domain.subaddressSeparator}${replyToken}@${domain.name}`,
    returnPath: `${domain.bounce}${domain.subaddressSeparator}${verpToken}@${domain.name}`,
    threadId,
  };
}

async function mintOutbound(c: RequestVars, input: OutboundInput): Promise<OutboundJson> {
  try {
    return await mintOutboundOnce(c, input);
  } catch (error) {
    // Two first mails of the same record at once: the loser finds the winner's thread on a second look.
    if (!input.record || !isUniqueViolation(error)) throw error;
    return mintOutboundOnce(c, input);
  }
}

export const outboundRoutes = new Hono<AppEnv>().post('/', validate('json', createOutboundSchema), async (c) => {
  if (c.var.services.tokenSecrets.length === 0) {
    throw new ApiError(500, 'not_configured', 'REPLY_TOKEN_SECRET is not set: no reply address can be signed');
  }
  return c.json(await mintOutbound(c, c.req.valid('json')), 201);
});
