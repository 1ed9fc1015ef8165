// The pipeline runner: loads a stored message, runs the pure stages over it (parse, classify, route) and carries
// out the decision in one D1 batch with its outbox events. Effects live here and in the mailboxes.
import { splitAddress } from '../../shared/mail/address.ts';
import { verifyAddressToken } from '../../shared/mail/tokens.ts';
import { normalizeSubject } from '../../shared/mail/subject.ts';
import { classifyMessage } from '../bounces/classify.ts';
import { loadRawMessage } from '../ingress/raw-store.ts';
import { runBatch, type Database, type Statement } from '../store/db.ts';
import { loadDirectory, type Directory } from '../store/directory.ts';
import { buildEventInsert } from '../store/events.ts';
import {
  attemptsInSeries,
  buildInboundOutcome,
  countRecentFromSender,
  type InboundOutcome,
  type InboundRow,
} from '../store/inbound.ts';
import {
  findThreadByMessageIds,
  findThreadBySubject,
  getThread,
  isFollower,
  isKnownContact,
} from '../store/threads.ts';
import { fileArchivedMessage, filesQuietly } from './mailboxes/archive.ts';
import { fileBounce } from './mailboxes/bounce.ts';
import { fileIntoThread, type FilingContext } from './mailboxes/thread.ts';
import { parseMail, UnparseableMailError, type ParsedMail } from './parse.ts';
import { collectRecipients, resolveRecipient, type ResolvedRecipient } from './recipients.ts';
import { route, type RouteDecision, type RoutingFacts, type ThreadFacts } from './route.ts';
import { evaluateRules } from './rules.ts';
import { DEFAULT_RATE_WINDOW_MINUTES, readSignals, readSpamVerdict, type SpamVerdict } from './signals.ts';
import { applyTrust } from './trust.ts';
import { describeUndecidedAuth } from './trust-policy.ts';
import { capForStorage, MAX_STORED_SUBJECT_BYTES } from './storage-caps.ts';
import type { AuthEnvelope } from './authenticate.ts';
import type { AuthVerdict } from '../../shared/api/auth.ts';
import { threadCandidateIds } from './thread-candidates.ts';
import { verifyLoopMarker } from '../deliver/loop-marker.ts';

export type PipelineDeps = {
  db: Database;
  bucket: R2Bucket;
  now: () => Date;
  /** Keys of reply and VERP tokens: the first signs, all verify. */
  tokenSecrets: string[];
  /** Hands committed outbox events to the delivery queue; the cron sweep catches what this misses. */
  enqueueEvents?: (eventIds: string[]) => Promise<void>;
  /** SPF/DKIM/DMARC/ARC; without it nothing is authenticated (and `authenticated` aliases refuse everyone). */
  authenticate?: (raw: Uint8Array, envelope: AuthEnvelope) => Promise<AuthVerdict>;
  /** Lower-cased destination addresses verified in the Cloudflare account: the only ones forward() may reach. */
  verifiedDestinations?: ReadonlySet<string>;
  /** The services over the database that holds a recipient's domain (the storage seam); without it, all is `db`'s. */
  depsForRecipient?: (recipient: string) => Promise<PipelineDeps>;
};

/** Per Odoo's gateway: the window of the per-sender rate limit. */
const RATE_WINDOW_MS = DEFAULT_RATE_WINDOW_MINUTES * 60 * 1000;

/** How processing ended, as the ingress needs to know it. */
export type ProcessResult = {
  status: 'delivered' | 'rejected' | 'failed';
  reason: string;
  route?: string;
  threadId?: string;
  /** The 550 text when the sender must be refused at SMTP time (setReject). */
  smtpReject?: string | null;
  /** Verified addresses to pass the raw mail on to with forward(); also stored on the row until done. */
  forwardTo?: string[];
};

/** The subject fallback only joins threads active this recently: an old "Re: Invoice" is another conversation. */
const SUBJECT_FALLBACK_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

function toThreadFacts(thread: { id: string; recordModel: string | null }): ThreadFacts {
  return { id: thread.id, recordModel: thread.recordModel };
}

type Facts = FilingContext['facts'];

async function gatherFacts(
  deps: PipelineDeps,
  inbound: InboundRow,
  mail: ParsedMail,
  kind: RoutingFacts['kind'],
  verdict: AuthVerdict | null,
): Promise<{ facts: Facts; directory: Directory }> {
  const recipients = collectRecipients(inbound.envelopeTo, mail);
  const domainNames = recipients.map((r) => splitAddress(r.address)?.domain).filter((d): d is string => !!d);
  const directory = await loadDirectory(deps.db, domainNames);
  const resolved = recipients.map((r) => resolveRecipient(r, directory.domainsByName));
  const recipient = resolved[0] ?? null;
  const domainEntry = recipient ? directory.domainsByName.get(recipient.domainName) : undefined;
  const domain = domainEntry?.row ?? null;
  const domainId = domain?.id ?? null;
  const sender = (mail.from?.address ?? inbound.envelopeFrom).toLowerCase();
  const otherRecipients = resolved
    .slice(1)
    .filter((r): r is ResolvedRecipient => r !== null && r.domainName === recipient?.domainName);

  let tokenThread: ThreadFacts | null = null;
  if (recipient?.role === 'catchall' && recipient.tag && domainId) {
    const threadId = await verifyAddressToken('reply', recipient.tag, deps.tokenSecrets);
    const thread = threadId ? await getThread(deps.db, threadId) : undefined;
    // A valid token for another domain's thread is treated like no token at all.
    if (thread && thread.domainId === domainId) tokenThread = toThreadFacts(thread);
  }
  const referenceMatch = tokenThread ? null : await findThreadByMessageIds(deps.db, domainId, threadCandidateIds(mail));
  const subjectThread =
    !tokenThread && !referenceMatch && domain?.subjectFallback && domainId
      ? await findThreadBySubject(
          deps.db,
          domainId,
          normalizeSubject(mail.subject),
          sender,
          new Date(deps.now().getTime() - SUBJECT_FALLBACK_WINDOW_MS),
        )
      : null;
  const candidateThreadIds = [tokenThread?.id, referenceMatch?.thread.id].filter((id): id is string => !!id);
  const [known, follower] = domainId
    ? await Promise.all([isKnownContact(deps.db, domainId, sender), isFollower(deps.db, candidateThreadIds, sender)])
    : [false, false];
  const ownForwardOf = await verifyLoopMarker(
    readSignals(mail.headers, inbound.envelopeFrom).loopMarker,
    deps.tokenSecrets,
  );
  const rules = evaluateRules(domainId ? (directory.rulesByDomainId.get(domainId) ?? []) : [], {
    recipient: inbound.envelopeTo,
    sender,
    mail,
  });
  const facts: Facts = {
    envelopeFrom: inbound.envelopeFrom,
    recipient,
    recipientAddress: inbound.envelopeTo,
    otherRecipients,
    domain: domain
      ? {
          name: domain.name,
          catchall: domain.catchall,
          unknownRecipientPolicy: domain.unknownRecipientPolicy,
          catchallOnlyPolicy: domain.catchallOnlyPolicy,
        }
      : null,
    aliasesById: directory.aliasesById,
    rules,
    kind,
    tokenThread,
    referenceThread: referenceMatch
      ? {
          ...toThreadFacts(referenceMatch.thread),
          matchedMessageId: referenceMatch.matchedMessageId,
          ownId: referenceMatch.matchedMessageId === mail.messageId,
        }
      : null,
    subjectThread: subjectThread ? toThreadFacts(subjectThread) : null,
    contact: { verdict, isKnown: known, isFollower: follower },
    domainId,
    sender,
    ownForwardOf,
  };
  return { facts, directory };
}

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

async function carryOut(
  deps: PipelineDeps,
  inbound: InboundRow,
  mail: ParsedMail,
  raw: ArrayBuffer,
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
      const filing = await fileBounce(context, raw);
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

/** Authentication is undecided (DNS temperror) and attempts remain: the attempt fails so that it is retried. */
export class AuthUndecidedError extends Error {
  override name = 'AuthUndecidedError';
}

/**
 * The stages over one claimed message (`inbound` is its row as claimed, with this attempt counted): parse,
 * classify, authenticate, route, trust, and the one D1 batch that files it. A message that cannot be parsed ends
 * `failed`; transient trouble (D1, R2, DNS left authentication undecided) throws, for the attempt runner to count.
 */
export async function runPipeline(
  deps: PipelineDeps,
  inbound: InboundRow,
  options: { released?: boolean; attemptsSpent: number; lastAttempt: boolean },
): Promise<ProcessResult> {
  // Archive imports only join threads: no authentication, routing, record, event or forward.
  if (filesQuietly(inbound)) return fileArchivedMessage(deps, inbound);
  const raw = await loadRawMessage(deps.bucket, inbound.rawKey);
  let mail: ParsedMail;
  try {
    mail = await parseMail(raw);
  } catch (error) {
    if (!(error instanceof UnparseableMailError)) throw error;
    return failInbound(deps, inbound, error.message);
  }
  const rawBytes = new Uint8Array(raw);
  const { kind } = classifyMessage(rawBytes, { from: inbound.envelopeFrom, to: inbound.envelopeTo });
  const verdict = await authenticateSafely(deps, rawBytes, inbound);
  const undecided = describeUndecidedAuth(verdict);
  if (undecided && !options.lastAttempt && !options.released)
    throw new AuthUndecidedError(`authentication undecided: ${undecided}`);
  const { facts, directory } = await gatherFacts(deps, inbound, mail, kind, verdict);
  const routed = route(facts);
  const domainRow = facts.recipient ? directory.domainsByName.get(facts.recipient.domainName)?.row : undefined;
  const spam = readSpamVerdict(mail.headers);
  const { decision, quarantineNotice } = applyTrust(routed, {
    ownForwardOf: facts.ownForwardOf,
    signals: readSignals(mail.headers, inbound.envelopeFrom),
    verdict,
    spam,
    dmarcFailurePolicy: domainRow?.dmarcFailurePolicy ?? 'quarantine',
    spamPolicy: domainRow?.spamPolicy ?? 'quarantine',
    recentFromSender:
      routed.route === 'thread' || routed.route === 'alias'
        ? await countRecentFromSender(deps.db, {
            sender: facts.sender,
            envelopeTo: inbound.envelopeTo,
            threadId: routed.route === 'thread' ? routed.threadId : null,
            since: new Date(deps.now().getTime() - RATE_WINDOW_MS),
            excludeId: inbound.id,
          })
        : 0,
    released: options.released ?? false,
    authUndecided: undecided ? `${undecided}, still after ${options.attemptsSpent} attempts` : null,
  });
  return carryOut(deps, inbound, mail, raw, decision, facts, directory, { verdict, spam, quarantineNotice });
}

/** Authentication never decides by crashing: an unexpected error leaves the message unauthenticated, and says so. */
async function authenticateSafely(
  deps: PipelineDeps,
  raw: Uint8Array,
  inbound: InboundRow,
): Promise<AuthVerdict | null> {
  if (!deps.authenticate) return null;
  try {
    return await deps.authenticate(raw, { mailFrom: inbound.envelopeFrom, trustTopReceived: inbound.trustReceived });
  } catch (error) {
    console.error(JSON.stringify({ event: 'authenticate.error', inboundId: inbound.id, error: String(error) }));
    return null;
  }
}
