// `POST /api/outbound`: mints the Message-ID, signed Reply-To and VERP Return-Path of a mail the ERP sends, and
// registers it (with its recipients, which later bounces must name) on its thread, so that replies and bounces come
// back to the right thread and record. Threads and records are looked up inside one domain only.
import { Hono } from 'hono';
import {
  createOutboundSchema,
  type CreateOutboundInput as OutboundInput,
  type OutboundJson,
} from '../../shared/api/outbound.ts';
import { mintMessageId, signReplyAddresses } from '../outgoing/outbound-identity.ts';
import { isUniqueViolation, runBatch } from '../store/db.ts';
import { newId } from '../store/ids.ts';
import { buildFileOutbound } from '../store/outbound.ts';
import type { AppEnv } from './context.ts';
import { ApiError } from './errors.ts';
import { locateThread } from './outbound-thread.ts';
import { validate } from './validate.ts';

type RequestVars = { var: AppEnv['Variables'] };

const toAddressJson = (recipient: OutboundInput['to'][number]) =>
  typeof recipient === 'string' ? { address: recipient } : recipient;

async function mintOutboundOnce(c: RequestVars, input: OutboundInput): Promise<OutboundJson> {
  const { db, tokenSecrets, now: clock } = c.var.services;
  const now = clock();
  const { domain, thread } = await locateThread(c, input);
  const threadId = thread?.id ?? newId('thr', now.getTime());
  const messageRowId = newId('msg', now.getTime());
  const messageId = mintMessageId(messageRowId, domain.name);
  const toJson = input.to.map(toAddressJson);
  const ccJson = input.cc.map(toAddressJson);
  const recipients = [...toJson, ...ccJson];
  const addresses = await signReplyAddresses(domain, threadId, messageRowId, tokenSecrets);
  const statements = buildFileOutbound(db, {
    domainId: domain.id,
    thread,
    threadId,
    record: input.record,
    // The recipients stay on the outbound message: a bounce or complaint counts only for an address named here.
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
    followers: recipients.map((r) => r.address),
    contacts: recipients,
    at: now,
  });
  await runBatch(db, statements);
  return { messageId, messageIdHeader: `<${messageId}>`, ...addresses, threadId };
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
