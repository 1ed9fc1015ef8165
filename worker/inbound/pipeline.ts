// The pipeline runner: loads a stored message, runs the pure stages over it and writes the outcome. Effects live here.
import type { Database } from '../store/db.ts';
import { findDomainByName, type DomainRow } from '../store/domains.ts';
import { newId } from '../store/ids.ts';
import {
  buildInboundOutcome,
  claimInbound,
  getInbound,
  resetInboundForReplay,
  type InboundRow,
} from '../store/inbound.ts';
import { buildFileMessage, findThreadByMessageIds, type NewAttachment } from '../store/threads.ts';
import { loadRawMessage } from '../ingress/raw-store.ts';
import { splitAddress } from '../../shared/mail/address.ts';
import { normalizeSubject } from '../../shared/mail/subject.ts';
import { parseMail, UnparseableMailError, type ParsedMail } from './parse.ts';

export type PipelineDeps = {
  db: Database;
  bucket: R2Bucket;
  now: () => Date;
};

/** How processing ended, as the ingress needs to know it (a rejection becomes an SMTP 550). */
export type ProcessResult = { status: 'delivered' | 'rejected' | 'failed'; reason: string; threadId?: string };

const FINAL_STATUSES = new Set(['delivered', 'rejected', 'failed']);

/** References are newest-last (RFC 5322 3.6.4); the parent is the most specific match, so try it first. */
function threadCandidateIds(mail: ParsedMail): string[] {
  const ids = [...(mail.inReplyTo ? [mail.inReplyTo] : []), ...mail.references.slice().reverse()];
  return [...new Set(ids)].filter((id) => id !== mail.messageId);
}

async function storeAttachments(
  bucket: R2Bucket,
  inbound: InboundRow,
  messageRowId: string,
  mail: ParsedMail,
): Promise<NewAttachment[]> {
  // Deterministic keys: a retried run overwrites what a failed run left, instead of orphaning it.
  return Promise.all(
    mail.attachments.map(async (attachment, index) => {
      const r2Key = `attachments/${inbound.id}/${index}`;
      await bucket.put(r2Key, attachment.content, {
        httpMetadata: { contentType: attachment.contentType },
        customMetadata: { inboundId: inbound.id, filename: attachment.filename ?? '' },
      });
      return {
        id: newId('att'),
        messageId: messageRowId,
        r2Key,
        filename: attachment.filename,
        contentType: attachment.contentType,
        sizeBytes: attachment.content.byteLength,
        contentId: attachment.contentId,
        disposition: attachment.disposition,
      };
    }),
  );
}

async function fileIntoThread(
  deps: PipelineDeps,
  inbound: InboundRow,
  mail: ParsedMail,
  domain: DomainRow | undefined,
): Promise<ProcessResult> {
  const now = deps.now();
  const domainId = domain?.id ?? null;
  const match = await findThreadByMessageIds(deps.db, domainId, threadCandidateIds(mail));
  const threadId = match?.threadId ?? newId('thr');
  const reason = match
    ? `reply to <${match.matchedMessageId}> in thread ${threadId}`
    : `new thread ${threadId}: no known Message-ID in In-Reply-To or References`;
  const messageRowId = newId('msg');
  const attachmentRows = await storeAttachments(deps.bucket, inbound, messageRowId, mail);
  const statements = [
    ...buildFileMessage(deps.db, {
      newThread: match
        ? null
        : { id: threadId, domainId, subject: mail.subject, normalizedSubject: normalizeSubject(mail.subject) },
      message: {
        id: messageRowId,
        threadId,
        inboundId: inbound.id,
        direction: 'inbound',
        messageId: mail.messageId,
        inReplyTo: mail.inReplyTo,
        references: mail.references,
        fromAddress: mail.from?.address ?? null,
        fromName: mail.from?.name ?? null,
        to: mail.to,
        cc: mail.cc,
        subject: mail.subject,
        date: mail.date,
        text: mail.text,
        html: mail.html,
      },
      attachments: attachmentRows,
      at: now,
    }),
    buildInboundOutcome(
      deps.db,
      inbound.id,
      {
        status: 'delivered',
        kind: 'mail',
        route: 'thread',
        reason,
        threadId,
        messageId: mail.messageId,
        fromAddress: mail.from?.address ?? null,
        subject: mail.subject,
      },
      now,
    ),
  ];
  // One batch is one transaction in D1: the message, its thread and the inbound status land together or not at all.
  await deps.db.batch(statements as [(typeof statements)[number], ...typeof statements]);
  return { status: 'delivered', reason, threadId };
}

/**
 * Processes one stored message. Idempotent: a message already in a final state is left as it is. Transient errors
 * (D1, R2) propagate, leaving the row in `processing` for the sender's retry or a replay; a message that cannot be
 * parsed ends `failed` with its raw bytes kept.
 */
export async function processInbound(deps: PipelineDeps, inboundId: string): Promise<ProcessResult> {
  const inbound = await getInbound(deps.db, inboundId);
  if (!inbound) throw new Error(`inbound message ${inboundId} does not exist`);
  if (FINAL_STATUSES.has(inbound.status)) {
    return { status: inbound.status as ProcessResult['status'], reason: inbound.reason ?? '' };
  }
  await claimInbound(deps.db, inbound.id, deps.now());
  const raw = await loadRawMessage(deps.bucket, inbound.rawKey);
  let mail: ParsedMail;
  try {
    mail = await parseMail(raw);
  } catch (error) {
    if (!(error instanceof UnparseableMailError)) throw error;
    await buildInboundOutcome(deps.db, inbound.id, { status: 'failed', kind: null, reason: error.message }, deps.now());
    return { status: 'failed', reason: error.message };
  }
  const recipientDomain = splitAddress(inbound.envelopeTo)?.domain;
  const domain = recipientDomain ? await findDomainByName(deps.db, recipientDomain) : undefined;
  return fileIntoThread(deps, inbound, mail, domain);
}

/**
 * Reprocesses a message from its stored raw bytes (admin replay, e.g. after fixing an alias): what an earlier run
 * filed from it is removed first, so a replay never duplicates a message in its thread.
 */
export async function replayInbound(deps: PipelineDeps, inboundId: string): Promise<ProcessResult> {
  await resetInboundForReplay(deps.db, inboundId, deps.now());
  return processInbound(deps, inboundId);
}
