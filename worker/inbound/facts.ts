// The facts stage: reads what routing needs about one message (recipients, thread matches, contact, rules) from D1.
import { splitAddress } from '../../shared/mail/address.ts';
import { verifyAddressToken } from '../../shared/mail/tokens.ts';
import { normalizeSubject } from '../../shared/mail/subject.ts';
import type { AuthVerdict } from '../../shared/api/auth.ts';
import { loadDirectory, type Directory } from '../store/directory.ts';
import type { InboundRow } from '../store/inbound.ts';
import {
  findThreadByMessageIds,
  findThreadBySubject,
  getThread,
  isFollower,
  isKnownContact,
} from '../store/threads.ts';
import { verifyLoopMarker } from '../deliver/loop-marker.ts';
import { readHeaderSignals } from './automation.ts';
import type { FilingContext } from './mailboxes/thread.ts';
import type { ParsedMail } from './parse.ts';
import type { PipelineDeps } from './pipeline.ts';
import { collectRecipients, resolveRecipient, type ResolvedRecipient } from './recipients.ts';
import type { RoutingFacts, ThreadFacts } from './route.ts';
import { evaluateRules } from './rules.ts';
import { threadCandidateIds } from './thread-candidates.ts';

/** The subject fallback only joins threads active this recently: an old "Re: Invoice" is another conversation. */
const SUBJECT_FALLBACK_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

function toThreadFacts(thread: { id: string; recordModel: string | null }): ThreadFacts {
  return { id: thread.id, recordModel: thread.recordModel };
}

export type Facts = FilingContext['facts'];

export async function gatherFacts(
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
  const ownForwardOf = await verifyLoopMarker(readHeaderSignals(mail.headers).loopMarker, deps.tokenSecrets);
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
