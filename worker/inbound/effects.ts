// The pipeline's effects: carries out a routing decision, or a failure, in one D1 batch with its outbox events.
import { splitAddress } from '../../shared/mail/address.ts';
import type { AuthVerdict } from '../../shared/api/auth.ts';
import type { MailClassification } from '../../shared/api/bounces.ts';
import { runBatch, type Statement } from '../store/db.ts';
import { loadDirectory, type Directory } from '../store/directory.ts';
import { buildEventInsert } from '../store/events.ts';
import { attemptsInSeries, buildInboundOutcome, type InboundOutcome, type InboundRow } from '../store/inbound.ts';
import type { Facts } from './facts.ts';
import { fileBounce } from './mailboxes/bounce.ts';
import { fileIntoThread, type FilingContext } from './mailboxes/thread.ts';
import type { ParsedMail } from './parse.ts';
import type { PipelineDeps, ProcessResult } from './pipeline.ts';
import type { RouteDecision } from './route.ts';
import type { SpamVerdict } from './signals.ts';
import { capForStorage, MAX_STORED_SUBJECT_BYTES } from './storage-caps.ts';

async function commit(deps: PipelineDeps, statements: Statement[], eventIds: string[]): Promise<void> {
  // One batch is one transaction in D1: rows and their outbox events land together or not at all.
  await runBatch(deps.db, statements);
  if (eventIds.length > 0 && deps.enqueueEvents) {
    try {
      await deps.enqueueEvents(eventIds);
    } catch (error) {
      // The events are committed: the cron sweep dispatches them later. Losing the fast path loses nothing.
      console.warn(JSON.stringify({ event: 'outbox.enqueue_failed', eventIds, error: String(error) }));
    }
  }
}

export async function carryOut(
  deps: PipelineDeps,
  inbound: InboundRow,
  mail: ParsedMail,
  classification: MailClassification,
  decision: RouteDecision,
  facts: Facts,
  directory: Directory,
  trust: { verdict: AuthVerdict | null; spam: SpamVerdict; quarantineNotice: boolean },
): Promise<ProcessResult> {
  const now = deps.now();
  const outcomeBase: InboundOutcome = {
    status: 'delivered',
    kind: facts.kind,
    route: decision.route,
    reason: decision.reason,
    messageId: mail.messageId,
    fromAddress: facts.sender,
    subject: mail.subject === null ? null : capForStorage(mail.subject, MAX_STORED_SUBJECT_BYTES).value,
    domainId: facts.domainId,
    tags: decision.tags,
    auth: trust.verdict,
    spam: trust.spam,
    quarantinedAt: null,
  };
  const context: FilingContext = {
    deps,
    inbound,
    mail,
    facts,
    directory,
    now,
    tags: decision.tags,
    auth: trust.verdict,
    spam: trust.spam,
  };

  switch (decision.route) {
    case 'thread':
    case 'alias': {
      const filing = await fileIntoThread(context, decision);
      await commit(
        deps,
        [
          ...filing.statements,
          buildInboundOutcome(
            deps.db,
            inbound.id,
            {
              ...outcomeBase,
              threadId: filing.threadId,
              aliasId: decision.route === 'alias' ? decision.alias.id : null,
              // forwardedAt is left alone: a replay of a mail already passed on does not pass it on again.
              forwardTo: filing.forwardTo,
            },
            now,
          ),
        ],
        filing.eventIds,
      );
      return {
        status: 'delivered',
        reason: decision.reason,
        route: decision.route,
        threadId: filing.threadId,
        forwardTo: filing.forwardTo,
      };
    }
    case 'bounce': {
      const filing = await fileBounce(context, classification);
      await commit(
        deps,
        [
          ...filing.statements,
          buildInboundOutcome(deps.db, inbound.id, { ...outcomeBase, reason: filing.reason }, now),
        ],
        filing.eventIds,
      );
      return { status: 'delivered', reason: filing.reason, route: 'bounce' };
    }
    case 'rejected':
    case 'dropped': {
      // Both end `rejected`; only a refusal answers the sender with a 550, a rule's drop is silent.
      await commit(deps, [buildInboundOutcome(deps.db, inbound.id, { ...outcomeBase, status: 'rejected' }, now)], []);
      const smtpReject = decision.route === 'rejected' ? decision.smtpReject : null;
      return { status: 'rejected', reason: decision.reason, route: decision.route, smtpReject };
    }
    case 'quarantine': {
      // Held: stored, no events (but one notice for a flood), reviewable and releasable through the API.
      const notice = trust.quarantineNotice
        ? [
            buildEventInsert(
              deps.db,
              {
                type: 'inbound.quarantined',
                domainId: facts.domainId,
                inboundId: inbound.id,
                data: {
                  inboundId: inbound.id,
                  sender: facts.sender,
                  recipient: inbound.envelopeTo,
                  reason: decision.reason,
                },
              },
              now,
            ),
          ]
        : [];
      await commit(
        deps,
        [
          ...notice.map((n) => n.statement),
          buildInboundOutcome(deps.db, inbound.id, { ...outcomeBase, quarantinedAt: now }, now),
        ],
        notice.map((n) => n.id),
      );
      return { status: 'delivered', reason: decision.reason, route: 'quarantine' };
    }
    case 'triage':
    case 'duplicate': {
      await commit(deps, [buildInboundOutcome(deps.db, inbound.id, outcomeBase, now)], []);
      return { status: 'delivered', reason: decision.reason, route: decision.route };
    }
  }
}

/**
 * Ends a message `failed` with its reason and an `inbound.failed` event; the raw bytes stay in R2 and
 * `POST /api/inbound/:id/replay` processes it again.
 */
export async function failInbound(deps: PipelineDeps, inbound: InboundRow, reason: string): Promise<ProcessResult> {
  const now = deps.now();
  const domainName = splitAddress(inbound.envelopeTo)?.domain;
  const directory = await loadDirectory(deps.db, domainName ? [domainName] : []);
  const domainId = domainName ? (directory.domainsByName.get(domainName)?.row.id ?? null) : null;
  const event = buildEventInsert(
    deps.db,
    {
      type: 'inbound.failed',
      domainId,
      inboundId: inbound.id,
      data: {
        inboundId: inbound.id,
        envelopeFrom: inbound.envelopeFrom,
        envelopeTo: inbound.envelopeTo,
        reason,
        attempts: attemptsInSeries(inbound),
      },
    },
    now,
  );
  await commit(
    deps,
    [
      event.statement,
      buildInboundOutcome(deps.db, inbound.id, { status: 'failed', kind: null, reason, domainId }, now),
    ],
    [event.id],
  );
  return { status: 'failed', reason };
}
