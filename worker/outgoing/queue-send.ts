// `POST /api/send` behind the handler: idempotency, per-recipient suppression, the Email Service's limits, the daily
// cap, then one batch that puts the outgoing message on its thread and the send in the outbox. Nothing leaves here:
// the outbox's send-email target hands the stored message to the binding, with retries.
import type { RefusedRecipient, SendResultJson } from '../../shared/api/send.ts';
import type { DomainRow } from '../store/domains.ts';
import { isUniqueViolation, runBatch, type Database, type Statement } from '../store/db.ts';
import { buildEventInsert } from '../store/events.ts';
import { newId } from '../store/ids.ts';
import { buildFileOutbound, listConversationIds } from '../store/outbound.ts';
import {
  buildSendInsert,
  findSendByKey,
  readDailySends,
  releaseDailySends,
  reserveDailySends,
  toUtcDay,
} from '../store/outgoing.ts';
import { loadSuppressions } from '../store/suppressions.ts';
import { findThreadByMessageIds, type RecordRef, type ThreadRow } from '../store/threads.ts';
import { listRecipients, type Mailbox, type OutgoingDraft } from './draft.ts';
import { attachmentReferenceKey } from '../inbound/parse.ts';
import { MAX_STORED_HTML_BYTES, MAX_STORED_TEXT_BYTES, capForStorage } from '../inbound/storage-caps.ts';
import { buildEmailServiceMessage, sendPayloadKey } from './email-message.ts';
import { checkDraftLimits, type DraftProblem } from './email-service-rules.ts';
import { mintMessageId, signReplyAddresses } from './outbound-identity.ts';
import { buildThreadingHeaders } from './threading-headers.ts';

export type SendDeps = {
  db: Database;
  bucket: R2Bucket;
  tokenSecrets: readonly string[];
  now(): Date;
  /** Hands the send's event to the Queue at once; without it the cron sweep dispatches it. */
  enqueueEvents?: (eventIds: string[]) => Promise<void>;
};

export type SendRequest = {
  domain: DomainRow;
  /** The thread the caller named (threadId, or its record's), already checked to be the domain's. */
  thread: ThreadRow | undefined;
  record: RecordRef | undefined;
  draft: OutgoingDraft;
  idempotencyKey: string;
  /** SHA-256 of the request as validated: the same key with another body is a conflict. */
  requestHash: string;
  /** Recipients the domain may mail per UTC day. */
  dailyLimit: number;
};

export type SendAnswer =
  | { kind: 'queued'; result: SendResultJson }
  | { kind: 'replayed'; result: SendResultJson }
  | { kind: 'conflict' }
  | { kind: 'invalid'; problem: DraftProblem }
  | { kind: 'all-refused'; refused: RefusedRecipient[] }
  | { kind: 'over-limit'; used: number; requested: number; limit: number };

/** The header that carries mailgate's own Message-ID: the Email Service replaces Message-ID with its own. */
const MAILGATE_MESSAGE_ID_HEADER = 'X-Mailgate-Message-Id';

/** Suppressed recipients of the domain, each with why; the draft keeps the others. */
async function splitSuppressed(
  db: Database,
  domainId: string,
  draft: OutgoingDraft,
): Promise<{ draft: OutgoingDraft; refused: RefusedRecipient[] }> {
  const entries = await loadSuppressions(
    db,
    domainId,
    listRecipients(draft).map((mailbox) => mailbox.address),
  );
  const refused: RefusedRecipient[] = [];
  const keep = (list: Mailbox[]) =>
    list.filter((mailbox) => {
      const entry = entries.get(mailbox.address.toLowerCase());
      if (!entry?.suppressedAt) return true;
      refused.push({
        address: entry.address,
        reason: entry.reason ?? `suppressed (${entry.source ?? 'manual'})`,
        source: entry.source,
      });
      return false;
    });
  return { draft: { ...draft, to: keep(draft.to), cc: keep(draft.cc), bcc: keep(draft.bcc) }, refused };
}

/** The thread a reply of the ERP belongs to when it names none: the one that knows the message it answers. */
async function findThreadOfReferences(
  db: Database,
  domainId: string,
  draft: OutgoingDraft,
): Promise<ThreadRow | undefined> {
  const ids = [...(draft.inReplyTo ? [draft.inReplyTo] : []), ...[...draft.references].reverse()];
  if (ids.length === 0) return undefined;
  return (await findThreadByMessageIds(db, domainId, ids))?.thread;
}

/** The signed catchall, unless the caller chose another address: its own catchall without a token gets the token. */
function chooseReplyTo(domain: DomainRow, draft: OutgoingDraft, signed: string): Mailbox {
  const given = draft.replyTo;
  const plainCatchall = `${domain.catchall}@${domain.name}`;
  if (given && given.address.toLowerCase() !== plainCatchall) return given;
  const name = given?.name ?? draft.from.name;
  return name ? { address: signed, name } : { address: signed };
}

function replayOrConflict(
  existing: { requestHash: string; response: Record<string, unknown> },
  requestHash: string,
): SendAnswer {
  return existing.requestHash === requestHash
    ? { kind: 'replayed', result: existing.response as SendResultJson }
    : { kind: 'conflict' };
}

export async function queueSend(deps: SendDeps, request: SendRequest): Promise<SendAnswer> {
  const { db, bucket } = deps;
  const { domain, draft: requested } = request;
  const existing = await findSendByKey(db, domain.id, request.idempotencyKey);
  if (existing) return replayOrConflict(existing, request.requestHash);

  const now = deps.now();
  const thread =
    request.thread ?? (request.record ? undefined : await findThreadOfReferences(db, domain.id, requested));
  const threadId = thread?.id ?? newId('thr', now.getTime());
  const messageRowId = newId('msg', now.getTime());
  const sendId = newId('snd', now.getTime());
  const messageId = requested.messageId ?? mintMessageId(messageRowId, domain.name);
  const conversation =
    thread && !requested.inReplyTo && requested.references.length === 0 ? await listConversationIds(db, thread.id) : [];
  const inReplyTo = requested.inReplyTo ?? conversation.at(-1) ?? null;
  const references = requested.references.length > 0 ? requested.references : conversation;
  const headers = { ...buildThreadingHeaders(inReplyTo, references), [MAILGATE_MESSAGE_ID_HEADER]: `<${messageId}>` };
  const problem = checkDraftLimits({ ...requested, headers: { ...requested.headers, ...headers } });
  if (problem) return { kind: 'invalid', problem };

  const { draft, refused } = await splitSuppressed(db, domain.id, requested);
  if (draft.to.length === 0) return { kind: 'all-refused', refused };
  const recipients = listRecipients(draft);
  const reservation = {
    domainId: domain.id,
    day: toUtcDay(now),
    recipients: recipients.length,
    limit: request.dailyLimit,
  };
  if (!(await reserveDailySends(db, reservation))) {
    const used = (await readDailySends(db, domain.id, reservation.day)).recipients;
    return { kind: 'over-limit', used, requested: recipients.length, limit: request.dailyLimit };
  }

  const signed = await signReplyAddresses(domain, threadId, messageRowId, deps.tokenSecrets);
  const replyTo = chooseReplyTo(domain, draft, signed.replyTo);
  const payloadKey = sendPayloadKey(sendId);
  const result: SendResultJson = {
    messageId,
    threadId,
    refused,
    sendId,
    status: 'queued',
    replyTo: replyTo.address,
    droppedHeaders: draft.droppedHeaders,
  };
  try {
    // One R2 put whatever the attachments: each is downloaded from this object (a subrequest per copy would not fit
    // the 50 of a Workers Free invocation once a message has a few dozen).
    await bucket.put(payloadKey, JSON.stringify(buildEmailServiceMessage(draft, { replyTo, headers })));
    const event = buildEventInsert(db, { type: 'outgoing.send', domainId: domain.id, threadId, data: { sendId } }, now);
    const statements: Statement[] = [
      ...buildFileOutbound(db, {
        domainId: domain.id,
        thread,
        threadId,
        record: request.record,
        message: {
          id: messageRowId,
          threadId,
          direction: 'outbound',
          messageId,
          inReplyTo,
          references,
          fromAddress: draft.from.address.toLowerCase(),
          fromName: draft.from.name ?? null,
          // Only the recipients it goes to: a bounce or complaint counts only for an address named here.
          to: draft.to,
          cc: draft.cc,
          bcc: draft.bcc,
          subject: draft.subject,
          date: now,
          // The whole message is the stored one in R2; D1 keeps the bodies within its row limit (2 MB).
          text: draft.text === null ? null : capForStorage(draft.text, MAX_STORED_TEXT_BYTES).value,
          html: draft.html === null ? null : capForStorage(draft.html, MAX_STORED_HTML_BYTES).value,
          createdAt: now,
        },
        attachments: draft.attachments.map((attachment, index) => ({
          id: newId('att', now.getTime()),
          messageId: messageRowId,
          r2Key: attachmentReferenceKey(payloadKey, index),
          filename: attachment.filename,
          contentType: attachment.type,
          sizeBytes: attachment.content.byteLength,
          contentId: attachment.contentId ?? null,
          disposition: attachment.disposition,
          createdAt: now,
        })),
        followers: [...draft.to, ...draft.cc].map((mailbox) => mailbox.address),
        contacts: recipients,
        at: now,
      }),
      buildSendInsert(db, {
        id: sendId,
        domainId: domain.id,
        idempotencyKey: request.idempotencyKey,
        requestHash: request.requestHash,
        messageRowId,
        threadId,
        payloadKey,
        response: result,
        createdAt: now,
      }),
      event.statement,
    ];
    await runBatch(db, statements);
    await deps.enqueueEvents?.([event.id]).catch(() => undefined);
    return { kind: 'queued', result };
  } catch (error) {
    await releaseDailySends(db, reservation);
    await bucket.delete(payloadKey).catch(() => undefined);
    // The same key at the same moment from a retrying client: the first one's answer (or a conflict) stands.
    const winner = isUniqueViolation(error) ? await findSendByKey(db, domain.id, request.idempotencyKey) : undefined;
    if (winner) return replayOrConflict(winner, request.requestHash);
    throw error;
  }
}
