// Mailbox for thread and alias routes: files the message into its thread (new or existing) with its attachments,
// followers and outbox events (message.received, thread.created, record.requested, odoo.handoff).
import type { AuthVerdict } from '../../../shared/api/auth.ts';
import { extractReplyText } from '../../replies/strip.ts';
import { sanitizeTree } from '../../html/sanitize.ts';
import { parseHtml } from '../../html/tree.ts';
import type { SpamVerdict } from '../signals.ts';
import { normalizeSubject } from '../../../shared/mail/subject.ts';
import type { Statement } from '../../store/db.ts';
import type { Directory } from '../../store/directory.ts';
import { buildEventInserts, type NewEvent } from '../../store/events.ts';
import { newId } from '../../store/ids.ts';
import type { InboundRow } from '../../store/inbound.ts';
import { buildBounceResetForSender } from '../../store/suppressions.ts';
import { provesAddressAlive } from '../../bounces/suppression.ts';
import {
  buildAddFollowers,
  buildFileMessage,
  listFollowers,
  type NewAttachment,
  type NewMessage,
} from '../../store/threads.ts';
import { attachmentReferenceKey, type ParsedMail } from '../parse.ts';
import type { PipelineDeps } from '../pipeline.ts';
import type { RouteDecision, RoutingFacts } from '../route.ts';
import { buildRecordValues } from './record-values.ts';
import { capForStorage, fitForStorage, MAX_STORED_HTML_BYTES, MAX_STORED_TEXT_BYTES } from '../storage-caps.ts';
import { newestReferences } from '../thread-candidates.ts';
import { planFollowerForwards } from '../forward-plan.ts';

export type FilingContext = {
  deps: PipelineDeps;
  inbound: InboundRow;
  mail: ParsedMail;
  facts: RoutingFacts & {
    domainId: string | null;
    sender: string;
    /** Set when the mail is one of this installation's own forwards coming back (its signed loop marker). */
    ownForwardOf: string | null;
  };
  directory: Directory;
  now: Date;
  tags: string[];
  auth: AuthVerdict | null;
  spam: SpamVerdict;
};

export type Filing = {
  statements: Statement[];
  eventIds: string[];
  threadId: string;
  /** Verified addresses to pass the raw mail on to with forward(): a `forward` alias, or the followers of a reply. */
  forwardTo: string[];
};

/**
 * Copies each attachment to R2 (or keeps it by reference in the raw message) and returns its rows. A part cut out
 * before parsing is decoded here, one at a time, so that no two of them are in memory at once.
 */
export async function storeAttachments(
  context: Pick<FilingContext, 'deps' | 'inbound' | 'mail'>,
  messageRowId: string,
): Promise<NewAttachment[]> {
  const { deps, inbound, mail } = context;
  const puts: Promise<unknown>[] = [];
  const rows: NewAttachment[] = [];
  for (const [index, attachment] of mail.attachments.entries()) {
    // Deterministic keys: a retried run overwrites what a failed run left, instead of orphaning it.
    // Over the attachment limit the bytes stay inside the raw message: no second copy in R2 or in memory.
    const r2Key = attachment.storedByReference
      ? attachmentReferenceKey(inbound.rawKey, index, attachment.cutRange)
      : `attachments/${inbound.id}/${index}`;
    if (!attachment.storedByReference) {
      const put = async (content: Uint8Array) =>
        deps.bucket.put(r2Key, content, {
          httpMetadata: { contentType: attachment.contentType },
          customMetadata: { inboundId: inbound.id, filename: attachment.filename ?? '' },
        });
      if (attachment.cutRange) await put(await attachment.loadContent());
      else puts.push(put(attachment.content));
    }
    rows.push({
      id: newId('att'),
      messageId: messageRowId,
      r2Key,
      filename: attachment.filename,
      contentType: attachment.contentType,
      sizeBytes: attachment.sizeBytes,
      contentId: attachment.contentId,
      disposition: attachment.disposition,
    });
  }
  await Promise.all(puts);
  return rows;
}

/** The `messages` row of a received mail filed into `threadId`. */
export function buildInboundMessageRow(input: {
  id: string;
  threadId: string;
  inbound: InboundRow;
  mail: ParsedMail;
  replyText: string | null;
  tags: string[];
  auth: AuthVerdict | null;
  now: Date;
}): NewMessage & { threadId: string } {
  const { mail } = input;
  return {
    id: input.id,
    threadId: input.threadId,
    inboundId: input.inbound.id,
    direction: 'inbound',
    messageId: mail.messageId,
    inReplyTo: mail.inReplyTo,
    references: newestReferences(mail),
    fromAddress: mail.from?.address ?? null,
    fromName: mail.from?.name ?? null,
    to: mail.to,
    cc: mail.cc,
    subject: mail.subject,
    date: mail.date,
    text: mail.text,
    html: mail.html,
    replyText: input.replyText,
    tags: input.tags,
    auth: input.auth,
    createdAt: input.now,
  };
}

export async function fileIntoThread(
  context: FilingContext,
  decision: Extract<RouteDecision, { route: 'thread' | 'alias' }>,
): Promise<Filing> {
  const { deps, inbound, facts, now } = context;
  // D1 keeps capped bodies and header values (every row under 2 MB); the whole message stays in R2.
  const { truncated, ...capped } = fitForStorage(context.mail);
  const mail: ParsedMail = { ...context.mail, ...capped };
  const existingThreadId = decision.route === 'thread' ? decision.threadId : decision.joinThreadId;
  const threadId = existingThreadId ?? newId('thr', now.getTime());
  const alias = decision.route === 'alias' ? decision.alias : null;
  const recordModel = alias?.action === 'record' ? alias.model : null;
  const messageRowId = newId('msg', now.getTime());
  const attachmentRows = await storeAttachments(context, messageRowId);
  // One parse of the HTML serves the reply text and the sanitized copy (on a large body it is most of their CPU).
  const htmlTree = mail.html ? parseHtml(mail.html) : null;
  const replyText = capForStorage(
    extractReplyText({ text: mail.text, html: mail.html, htmlTree }),
    MAX_STORED_TEXT_BYTES,
  ).value;
  const followers = [...new Set([...(existingThreadId ? await listFollowers(deps.db, threadId) : []), facts.sender])];

  const attachmentsJson = attachmentRows.map((row) => ({
    id: row.id,
    filename: row.filename ?? null,
    contentType: row.contentType,
    size: row.sizeBytes,
    url: `/api/attachments/${row.id}`,
  }));
  const message = {
    id: messageRowId,
    inboundId: inbound.id,
    messageId: mail.messageId,
    from: mail.from,
    to: mail.to,
    cc: mail.cc,
    subject: mail.subject,
    date: mail.date?.toISOString() ?? null,
    text: mail.text,
    replyText,
    // Sanitised: an ERP that shows this HTML must never run a stranger's script.
    html: htmlTree ? capForStorage(sanitizeTree(htmlTree), MAX_STORED_HTML_BYTES).value : null,
    ...(truncated ? { bodyTruncated: true } : {}),
    tags: context.tags,
    auth: context.auth,
    spam: context.spam,
    attachments: attachmentsJson,
  };
  const threadJson = {
    id: threadId,
    subject: mail.subject,
    record: recordModel ? { model: recordModel, id: null } : null,
  };
  const routeJson = {
    route: decision.route,
    reason: decision.reason,
    alias: alias ? `${alias.localPart}@${facts.domain?.name}` : null,
  };

  const newEvents: NewEvent[] = [];
  const base = { domainId: facts.domainId, inboundId: inbound.id, threadId };
  if (!existingThreadId)
    newEvents.push({ ...base, type: 'thread.created', data: { thread: threadJson, route: routeJson } });
  newEvents.push({
    ...base,
    type: 'message.received',
    data: { message, thread: threadJson, followers, route: routeJson },
  });
  if (alias?.action === 'record') {
    const aliasDetails = context.directory.aliasesById.get(alias.id);
    newEvents.push({
      ...base,
      type: 'record.requested',
      data: {
        model: alias.model,
        values: buildRecordValues({
          model: alias.model,
          defaults: aliasDetails?.defaults ?? {},
          mail,
          replyText,
          tags: context.tags,
          attachments: attachmentsJson,
        }),
        alias: routeJson.alias,
        thread: threadJson,
        message,
      },
    });
  }
  if (alias?.action === 'odoo') {
    const targetId = context.directory.aliasesById.get(alias.id)?.odooTargetId ?? null;
    newEvents.push({
      ...base,
      type: 'odoo.handoff',
      data: { inboundId: inbound.id, targetId, alias: routeJson.alias },
    });
  }
  const eventInserts = buildEventInserts(deps.db, newEvents, now);

  const statements = [
    ...buildFileMessage(deps.db, {
      newThread: existingThreadId
        ? null
        : {
            id: threadId,
            domainId: facts.domainId,
            subject: mail.subject,
            normalizedSubject: normalizeSubject(mail.subject),
            recordModel,
            createdAt: now,
          },
      message: buildInboundMessageRow({
        id: messageRowId,
        threadId,
        inbound,
        mail,
        replyText,
        tags: context.tags,
        auth: context.auth,
        now,
      }),
      attachments: attachmentRows,
      at: now,
    }),
    ...(facts.kind === 'mail' ? buildAddFollowers(deps.db, threadId, [facts.sender]) : []),
    // An authenticated normal mail proves the sender alive: its bounce count restarts in this domain (Odoo's
    // _message_reset_bounce); a spoofed From proves nothing (see provesAddressAlive).
    ...(facts.kind === 'mail' && facts.domainId && provesAddressAlive(context.auth, facts.sender)
      ? buildBounceResetForSender(deps.db, facts.domainId, facts.sender, now)
      : []),
    ...eventInserts.statements,
  ];
  return {
    statements,
    eventIds: eventInserts.ids,
    threadId,
    forwardTo: planForwards(context, alias, existingThreadId ? followers : []),
  };
}

/** A `forward` alias passes on to its destination; a reply into a thread, to its followers if the domain asks so. */
function planForwards(
  context: FilingContext,
  alias: { action: string; forwardTo: string | null } | null,
  replyFollowers: string[],
): string[] {
  // A forward that came back is never forwarded again, even once an admin released it.
  if (context.facts.ownForwardOf) return [];
  if (alias?.action === 'forward') return alias.forwardTo ? [alias.forwardTo] : [];
  const domain = context.facts.domain ? context.directory.domainsByName.get(context.facts.domain.name)?.row : undefined;
  if (!domain?.forwardRepliesToFollowers || replyFollowers.length === 0 || context.facts.kind !== 'mail') return [];
  return planFollowerForwards({
    followers: replyFollowers,
    sender: context.facts.sender,
    ownDomainNames: new Set(context.directory.domainsByName.keys()),
    verified: context.deps.verifiedDestinations ?? new Set(),
  });
}
