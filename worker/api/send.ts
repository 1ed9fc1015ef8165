// `POST /api/send`: the ERP hands mailgate a message to send (structured JSON, or the raw message with
// `Content-Type: message/rfc822`), as one of its domains; `GET /api/send/:id` tells what became of it.
import { Hono, type Context } from 'hono';
import { sendMailSchema, type SendResultJson, type SendStatusJson } from '../../shared/api/send.ts';
import { splitAddress } from '../../shared/mail/address.ts';
import { draftFromJson, type OutgoingDraft } from '../outgoing/draft.ts';
import { draftFromMime, UnsendableMessageError } from '../outgoing/draft-from-mime.ts';
import { queueSend, type SendAnswer } from '../outgoing/queue-send.ts';
import { isUniqueViolation } from '../store/db.ts';
import { findDomainByName } from '../store/domains.ts';
import { getSendWithMessage } from '../store/outgoing.ts';
import type { RecordRef } from '../store/threads.ts';
import type { AppEnv } from './context.ts';
import { assertDomainInScope } from './domain-guard.ts';
import { ApiError, notFound } from './errors.ts';
import { locateThread } from './outbound-thread.ts';

/** Without a configured cap (MAILGATE_DAILY_SEND_LIMIT, a domain's dailySendLimit), recipients per domain and UTC day. */
export const DEFAULT_DAILY_SEND_LIMIT = 1000;

async function sha256Hex(data: string | Uint8Array<ArrayBuffer>): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

type ReadRequest = {
  draft: OutgoingDraft;
  requestHash: string;
  idempotencyKey: string | undefined;
  domain?: string | undefined;
  threadId?: string | undefined;
  record?: RecordRef | undefined;
};

/** The raw form: the message's own bytes are "the body" (the same file sent again hashes the same). */
async function readRawRequest(c: Context<AppEnv>): Promise<ReadRequest> {
  const raw = new Uint8Array(await c.req.arrayBuffer());
  try {
    return {
      draft: await draftFromMime(raw),
      requestHash: await sha256Hex(raw),
      idempotencyKey: c.req.header('idempotency-key'),
    };
  } catch (error) {
    if (error instanceof UnsendableMessageError) throw new ApiError(400, 'invalid_input', error.message);
    throw error;
  }
}

async function readJsonRequest(c: Context<AppEnv>): Promise<ReadRequest> {
  const body: unknown = await c.req.json().catch(() => {
    throw new ApiError(
      400,
      'invalid_input',
      'the body is not JSON (send JSON, or a raw message with Content-Type: message/rfc822)',
    );
  });
  const parsed = sendMailSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ApiError(400, 'invalid_input', `${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  const { idempotencyKey, ...input } = parsed.data;
  return {
    draft: draftFromJson(parsed.data),
    requestHash: await sha256Hex(JSON.stringify(input)),
    idempotencyKey: c.req.header('idempotency-key') ?? idempotencyKey,
    domain: input.domain,
    threadId: input.threadId,
    record: input.record,
  };
}

function answer(c: Context<AppEnv>, outcome: SendAnswer) {
  switch (outcome.kind) {
    case 'queued':
      return c.json(outcome.result, 202);
    case 'replayed':
      c.header('idempotent-replayed', 'true');
      return c.json(outcome.result, 200);
    case 'conflict':
      throw new ApiError(
        409,
        'idempotency_conflict',
        'this Idempotency-Key was used for another message: use a new key for a new message',
      );
    case 'invalid':
      throw new ApiError(
        outcome.problem.status,
        outcome.problem.status === 413 ? 'too_large' : 'invalid_input',
        `${outcome.problem.field}: ${outcome.problem.message}`,
      );
    case 'all-refused':
      return c.json(
        {
          error: {
            code: 'all_recipients_refused',
            message: `nothing sent: every To recipient is suppressed in this domain (${outcome.refused.map((entry) => `${entry.address}: ${entry.reason}`).join('; ')})`,
          },
          refused: outcome.refused,
        },
        422,
      );
    case 'over-limit':
      throw new ApiError(
        429,
        'daily_limit',
        `the domain's daily send limit is ${outcome.limit} recipients (UTC day): ${outcome.used} used, this message has ${outcome.requested}; try again tomorrow or raise dailySendLimit`,
      );
  }
}

export const sendRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    const { services } = c.var;
    if (services.tokenSecrets.length === 0) {
      throw new ApiError(500, 'not_configured', 'REPLY_TOKEN_SECRET is not set: no reply address can be signed');
    }
    const isRaw = /^message\/rfc822\b/i.test(c.req.header('content-type') ?? '');
    const request = isRaw ? await readRawRequest(c) : await readJsonRequest(c);
    if (!request.idempotencyKey || request.idempotencyKey.length > 255) {
      throw new ApiError(
        400,
        'invalid_input',
        'idempotencyKey: give an Idempotency-Key header (or the idempotencyKey field) of 1 to 255 characters, the same on every retry of this message',
      );
    }
    const fromDomain = splitAddress(request.draft.from.address)?.domain;
    if (!fromDomain) throw new ApiError(400, 'invalid_input', 'from: not an email address');
    if (request.domain && request.domain.toLowerCase() !== fromDomain) {
      throw new ApiError(
        400,
        'invalid_input',
        `domain: ${request.domain} is not the From address's domain (${fromDomain})`,
      );
    }
    const fromDomainRow = await findDomainByName(services.db, fromDomain);
    if (!fromDomainRow)
      throw new ApiError(
        400,
        'invalid_input',
        `from: ${fromDomain} is not a domain of this gateway: mailgate sends only as its own domains`,
      );
    if (c.var.principal.domainId !== null && c.var.principal.domainId !== fromDomainRow.id) {
      throw new ApiError(403, 'forbidden', `this token may only send as its own domain, not as ${fromDomain}`);
    }
    const send = async () => {
      const { domain, thread } = await locateThread(c, {
        domain: fromDomain,
        threadId: request.threadId,
        record: request.record,
      });
      return queueSend(services, {
        domain,
        thread,
        record: request.record,
        draft: request.draft,
        idempotencyKey: request.idempotencyKey!,
        requestHash: request.requestHash,
        dailyLimit: domain.dailySendLimit ?? services.defaultDailySendLimit ?? DEFAULT_DAILY_SEND_LIMIT,
      });
    };
    // Two first mails of the same record at once: the loser finds the winner's thread on a second look.
    const outcome = await send().catch((error: unknown) => {
      if (request.record && isUniqueViolation(error)) return send();
      throw error;
    });
    return answer(c, outcome);
  })
  .get('/:id', async (c) => {
    const found = await getSendWithMessage(c.var.services.db, c.req.param('id'));
    if (!found) throw notFound('send');
    assertDomainInScope(c.var.principal, found.send.domainId);
    const status: SendStatusJson = {
      sendId: found.send.id,
      status: found.send.status,
      messageId: found.messageId ?? (found.send.response as SendResultJson).messageId,
      sentMessageId: found.sentMessageId,
      threadId: found.send.threadId,
      sentAt: found.send.sentAt?.toISOString() ?? null,
      lastError: found.send.lastError,
    };
    return c.json(status);
  });
