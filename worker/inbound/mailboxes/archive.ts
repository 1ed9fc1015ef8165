// Mailbox for archive imports (`mailgate import-mbox` without --deliver): old mail is filed into the thread its
// headers name — merging the threads it shows to be one conversation, whatever the order mail came in — and nothing
// else happens: no authentication (old keys), no ERP record, no event, no forward, no bounce or suppression change.
import { splitAddress } from '../../../shared/mail/address.ts';
import { normalizeSubject } from '../../../shared/mail/subject.ts';
import { extractReplyText } from '../../replies/strip.ts';
import { loadRawMessage } from '../../ingress/raw-store.ts';
import {
  buildMergeThreads,
  findLiveThreadIds,
  findThreadsKnowing,
  hasMessageInThread,
} from '../../store/archive-threads.ts';
import { runBatch, type Statement } from '../../store/db.ts';
import { findDomainByName } from '../../store/domains.ts';
import { newId } from '../../store/ids.ts';
import { buildInboundOutcome, type InboundOutcome, type InboundRow } from '../../store/inbound.ts';
import { buildAddFollowers, buildFileMessage, getThread, type ThreadRow } from '../../store/threads.ts';
import { classifyMail } from '../../bounces/classify.ts';
import { tryParseMail } from '../parse.ts';
import type { PipelineDeps, ProcessResult } from '../pipeline.ts';
import { threadCandidateIds } from '../thread-candidates.ts';
import { buildInboundMessageRow, storeAttachments } from './thread.ts';

export type ArchivePlacement = { target: ThreadRow | null; mergeIds: string[] };

/** Archive imports and restores are filed here, without the live pipeline's checks and effects. */
export function filesQuietly(inbound: Pick<InboundRow, 'importMode'>): boolean {
  return inbound.importMode === 'archive' || inbound.importMode === 'restore';
}

/**
 * A restore puts a message back where the export found it: its thread (same id, created when missing, only in the
 * recipient's domain), or no thread at all.
 */
async function placeRestoredMessage(
  deps: PipelineDeps,
  inbound: InboundRow,
  domainId: string,
): Promise<{ target: ThreadRow | null; newThreadId: string | null }> {
  if (!inbound.threadId) return { target: null, newThreadId: null };
  const thread = await getThread(deps.db, inbound.threadId);
  if (!thread) return { target: null, newThreadId: inbound.threadId };
  return thread.domainId === domainId ? { target: thread, newThreadId: null } : { target: null, newThreadId: null };
}

/**
 * Where an old message goes among the threads that know its ids: the live one (most recently active) if any, else
 * the oldest; every other import-only thread it names merges into that one. Live threads are never merged away.
 */
export function placeArchivedMessage(known: ThreadRow[], liveIds: ReadonlySet<string>): ArchivePlacement {
  if (known.length === 0) return { target: null, mergeIds: [] };
  const live = known.filter((thread) => liveIds.has(thread.id) || thread.recordId !== null);
  const byActivity = (a: ThreadRow, b: ThreadRow) =>
    (b.lastMessageAt?.getTime() ?? 0) - (a.lastMessageAt?.getTime() ?? 0);
  // Ids sort by creation time: the oldest import-only thread keeps its id.
  const target =
    live.length > 0 ? [...live].sort(byActivity)[0]! : [...known].sort((a, b) => a.id.localeCompare(b.id))[0]!;
  const mergeIds = known.filter((thread) => thread !== target && !live.includes(thread)).map((thread) => thread.id);
  return { target, mergeIds };
}

/** Records how the import ended, in one batch with what it filed. */
async function finish(
  deps: PipelineDeps,
  inbound: InboundRow,
  statements: Statement[],
  outcome: InboundOutcome,
): Promise<ProcessResult> {
  await runBatch(deps.db, [...statements, buildInboundOutcome(deps.db, inbound.id, outcome, deps.now())]);
  return {
    status: outcome.status,
    reason: outcome.reason,
    route: outcome.route ?? undefined,
    threadId: outcome.threadId ?? undefined,
  };
}

export async function fileArchivedMessage(deps: PipelineDeps, inbound: InboundRow): Promise<ProcessResult> {
  const raw = await loadRawMessage(deps.bucket, inbound.rawKey);
  const parsed = await tryParseMail(raw);
  if ('unreadable' in parsed) {
    // Kept raw and marked failed, as live mail is; an import tells no one (no inbound.failed event).
    const reason = `imported, unreadable: ${parsed.unreadable}`;
    return finish(deps, inbound, [], { status: 'failed', reason, kind: null });
  }
  const { mail } = parsed;
  const envelope = { from: inbound.envelopeFrom, to: inbound.envelopeTo };
  const { kind } = await classifyMail({ mail, raw: new Uint8Array(raw) }, envelope);
  const sender = (mail.from?.address ?? inbound.envelopeFrom).toLowerCase();
  const parsedFacts = { kind, messageId: mail.messageId, fromAddress: sender || null, subject: mail.subject };
  const domainName = splitAddress(inbound.envelopeTo)?.domain;
  const domain = domainName ? await findDomainByName(deps.db, domainName) : undefined;
  if (!domain) {
    const reason = `imported for ${domainName ?? inbound.envelopeTo}, a domain not configured here: kept for triage`;
    return finish(deps, inbound, [], { status: 'delivered', reason, route: 'triage', ...parsedFacts });
  }

  let placement: ArchivePlacement & { newThreadId: string | null };
  if (inbound.importMode === 'restore') {
    placement = { ...(await placeRestoredMessage(deps, inbound, domain.id)), mergeIds: [] };
    if (!placement.target && !placement.newThreadId) {
      const reason = 'restored: filed in no thread, as it was';
      return finish(deps, inbound, [], {
        status: 'delivered',
        reason,
        route: 'import',
        threadId: null,
        domainId: domain.id,
        ...parsedFacts,
      });
    }
  } else {
    const known = await findThreadsKnowing(deps.db, domain.id, threadCandidateIds(mail));
    placement = {
      ...placeArchivedMessage(
        known,
        await findLiveThreadIds(
          deps.db,
          known.map((thread) => thread.id),
        ),
      ),
      newThreadId: null,
    };
  }
  const { target, mergeIds } = placement;
  const merging = buildMergeThreads(deps.db, target?.id ?? '', mergeIds);
  const mergedNote = mergeIds.length > 0 ? `, merging ${mergeIds.join(', ')}` : '';
  const base = { status: 'delivered' as const, domainId: domain.id, ...parsedFacts };
  if (target && mail.messageId && (await hasMessageInThread(deps.db, target.id, mail.messageId))) {
    const reason = `imported: <${mail.messageId}> is already in thread ${target.id}${mergedNote}`;
    return finish(deps, inbound, merging, { ...base, reason, route: 'duplicate', threadId: target.id });
  }

  const now = deps.now();
  const threadId = target?.id ?? placement.newThreadId ?? newId('thr', now.getTime());
  const messageRowId = newId('msg', now.getTime());
  const attachments = await storeAttachments({ deps, inbound, mail }, messageRowId);
  const replyText = extractReplyText({ text: mail.text, html: mail.html });
  const filing = buildFileMessage(deps.db, {
    newThread: target
      ? null
      : {
          id: threadId,
          domainId: domain.id,
          subject: mail.subject,
          normalizedSubject: normalizeSubject(mail.subject),
          createdAt: now,
        },
    message: buildInboundMessageRow({
      id: messageRowId,
      threadId,
      inbound,
      mail,
      replyText,
      tags: [],
      auth: null,
      now,
    }),
    attachments,
    at: now,
  });
  const reason = target ? `imported into thread ${threadId}${mergedNote}` : `imported: new thread ${threadId}`;
  const followers = kind === 'mail' && sender ? buildAddFollowers(deps.db, threadId, [sender]) : [];
  return finish(deps, inbound, [...merging, ...filing, ...followers], { ...base, reason, route: 'import', threadId });
}
