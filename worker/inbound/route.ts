// Stage `route(facts) → RouteDecision`: where a message goes and the one sentence that says why. Pure: the pipeline
// gathers the facts (domain, aliases, rule outcome, thread matches, contact standing) and carries out the decision.
import type { AuthVerdict } from '../../shared/api/auth.ts';
import type { ResolvedRecipient } from './recipients.ts';
import { passesContactPolicy } from './trust-policy.ts';
import type { RuleOutcome } from './rules.ts';

export type AliasFacts = {
  id: string;
  localPart: string;
  action: 'record' | 'thread' | 'odoo' | 'forward' | 'reject';
  model: string | null;
  policy: 'everyone' | 'authenticated' | 'known' | 'followers';
  bounceMessage: string | null;
  forwardTo: string | null;
};

export type DomainPolicy = {
  name: string;
  catchall: string;
  unknownRecipientPolicy: 'reject' | 'triage';
  catchallOnlyPolicy: 'bounce' | 'triage';
};

export type ThreadFacts = { id: string; recordModel: string | null };

export type RoutingFacts = {
  envelopeFrom: string;
  /** The envelope recipient resolved in our domains; null when its domain is not configured here. */
  recipient: ResolvedRecipient | null;
  recipientAddress: string;
  /** Header recipients in our domains, other than the envelope recipient. */
  otherRecipients: ResolvedRecipient[];
  domain: DomainPolicy | null;
  aliasesById: ReadonlyMap<string, AliasFacts>;
  rules: RuleOutcome;
  kind: 'mail' | 'bounce' | 'feedback' | 'auto-reply';
  /** The thread named by a valid reply token (a forged or altered token was already discarded). */
  tokenThread: ThreadFacts | null;
  /** `ownId`: the match is the message's own Message-ID (a copy to another address, a parent after its replies). */
  referenceThread: (ThreadFacts & { matchedMessageId: string; ownId: boolean }) | null;
  subjectThread: ThreadFacts | null;
  contact: { verdict: AuthVerdict | null; isKnown: boolean; isFollower: boolean };
};

type Common = { reason: string; tags: string[]; spam: boolean };
export type RouteDecision = Common &
  (
    | { route: 'thread'; threadId: string; matchedBy: 'token' | 'references' | 'subject' }
    | {
        route: 'alias';
        alias: AliasFacts;
        action: 'record' | 'thread' | 'odoo' | 'forward';
        joinThreadId: string | null;
      }
    | { route: 'bounce' }
    /** `byContactPolicy`: refused because the sender could not show who it is (an alias's contact policy). */
    | { route: 'rejected'; smtpReject: string; byContactPolicy?: true }
    | { route: 'dropped' }
    | { route: 'triage' }
    | { route: 'duplicate' }
    | { route: 'quarantine' }
  );

/** RFC 3463 5.1.1 (bad destination mailbox) for addresses we do not have. */
function unknownRecipientText(address: string): string {
  return `5.1.1 <${address}>: no such recipient here. Check the address, or write to the company's main address.`;
}

const CATCHALL_ONLY_TEXT =
  '5.1.1 This address only accepts replies to messages we sent: your message does not answer any conversation ' +
  'we know. Please write to one of our published addresses instead.';

function refusedSenderText(alias: AliasFacts, address: string, why: string): string {
  return alias.bounceMessage ?? `5.7.1 <${address}>: ${why}. Your message was not delivered.`;
}

function threadMatch(
  facts: RoutingFacts,
): { thread: ThreadFacts; matchedBy: 'token' | 'references' | 'subject'; how: string } | null {
  if (facts.tokenThread) return { thread: facts.tokenThread, matchedBy: 'token', how: 'signed reply address' };
  if (facts.referenceThread) {
    return {
      thread: facts.referenceThread,
      matchedBy: 'references',
      how: facts.referenceThread.ownId
        ? `its own Message-ID <${facts.referenceThread.matchedMessageId}> is already known`
        : `reply to <${facts.referenceThread.matchedMessageId}>`,
    };
  }
  if (facts.subjectThread)
    return { thread: facts.subjectThread, matchedBy: 'subject', how: 'same subject, known sender' };
  return null;
}

/**
 * Odoo's forward rule: a message that answers a thread but is also addressed to an alias that would create a
 * different kind of record is a forward, and becomes a new record instead of joining the thread.
 */
function isForwardTo(alias: AliasFacts, thread: ThreadFacts): boolean {
  return alias.action === 'record' && alias.model !== thread.recordModel;
}

function routeAlias(facts: RoutingFacts, alias: AliasFacts, via: string, common: Common): RouteDecision {
  const address = facts.recipientAddress;
  if (alias.action === 'reject') {
    return {
      ...common,
      route: 'rejected',
      reason: `alias ${alias.localPart}@ rejects all mail${via}`,
      smtpReject: alias.bounceMessage ?? `5.7.1 <${address}>: this address does not accept mail.`,
    };
  }
  const standing = passesContactPolicy(alias.policy, {
    verdict: facts.contact.verdict,
    isKnownContact: facts.contact.isKnown,
    isFollower: facts.contact.isFollower,
  });
  if (!standing.ok) {
    const refusal = standing.reason;
    return {
      ...common,
      route: 'rejected',
      reason: `alias ${alias.localPart}@ (policy ${alias.policy}) refused ${facts.envelopeFrom || 'the null sender'}: ${refusal}`,
      smtpReject: refusedSenderText(alias, address, refusal),
      byContactPolicy: true,
    };
  }
  const match = threadMatch(facts);
  if (facts.kind === 'auto-reply') {
    if (match) {
      return {
        ...common,
        route: 'thread',
        threadId: match.thread.id,
        matchedBy: match.matchedBy,
        reason: `auto-reply: ${match.how} in thread ${match.thread.id}`,
      };
    }
    return {
      ...common,
      route: 'triage',
      reason: `auto-reply to ${alias.localPart}@: kept for triage, no record created (RFC 3834)`,
    };
  }
  if (match && (alias.action === 'record' || alias.action === 'thread')) {
    if (!isForwardTo(alias, match.thread)) {
      return {
        ...common,
        route: 'thread',
        threadId: match.thread.id,
        matchedBy: match.matchedBy,
        reason: `${match.how} in thread ${match.thread.id}${via}`,
      };
    }
    return {
      ...common,
      route: 'alias',
      alias,
      action: alias.action,
      joinThreadId: null,
      reason: `forward to alias ${alias.localPart}@ → ${alias.model ?? 'thread'}: a new record, not thread ${match.thread.id} (${match.thread.recordModel ?? 'no record'})${via}`,
    };
  }
  const target =
    alias.action === 'record'
      ? (alias.model ?? 'record')
      : alias.action === 'forward'
        ? `forward to ${alias.forwardTo ?? '(no destination)'}`
        : alias.action === 'odoo'
          ? 'Odoo message_process'
          : 'new thread';
  return {
    ...common,
    route: 'alias',
    alias,
    action: alias.action,
    joinThreadId: alias.action === 'odoo' || alias.action === 'forward' ? (match?.thread.id ?? null) : null,
    reason: `alias ${alias.localPart}@ → ${target}${via}`,
  };
}

function routeCatchall(facts: RoutingFacts, domain: DomainPolicy, common: Common): RouteDecision {
  const match = threadMatch(facts);
  const aliasRecipients = facts.otherRecipients
    .map((recipient) => (recipient.aliasId ? facts.aliasesById.get(recipient.aliasId) : undefined))
    .filter((alias) => alias !== undefined);
  if (match) {
    const forwardAlias = aliasRecipients.find((alias) => isForwardTo(alias, match.thread));
    if (forwardAlias && facts.kind === 'mail') {
      return {
        ...common,
        route: 'duplicate',
        reason: `forward: also addressed to ${forwardAlias.localPart}@, whose copy creates the new record; not filed in thread ${match.thread.id}`,
      };
    }
    return {
      ...common,
      route: 'thread',
      threadId: match.thread.id,
      matchedBy: match.matchedBy,
      reason: `${match.how} in thread ${match.thread.id}`,
    };
  }
  const [firstAlias] = aliasRecipients;
  if (firstAlias) {
    return {
      ...common,
      route: 'duplicate',
      reason: `also addressed to ${firstAlias.localPart}@, whose copy is routed there`,
    };
  }
  if (facts.kind !== 'mail' || domain.catchallOnlyPolicy === 'triage') {
    const why = facts.kind !== 'mail' ? `${facts.kind} ` : '';
    return { ...common, route: 'triage', reason: `${why}only to ${domain.catchall}@, no thread: kept for triage` };
  }
  return {
    ...common,
    route: 'rejected',
    reason: `only to ${domain.catchall}@, no thread: bounced`,
    smtpReject: CATCHALL_ONLY_TEXT,
  };
}

export function route(facts: RoutingFacts): RouteDecision {
  const common: Common = { reason: '', tags: [...facts.rules.tags], spam: facts.rules.markedSpam };
  if (facts.recipient?.tag) common.tags.unshift(facts.recipient.tag);
  const { recipient, domain } = facts;
  if (!recipient || !domain) {
    return {
      ...common,
      route: 'triage',
      reason: `the domain of ${facts.recipientAddress} is not configured: kept for triage`,
    };
  }
  if (facts.rules.dropRuleName) {
    return { ...common, route: 'dropped', reason: `dropped by rule "${facts.rules.dropRuleName}"` };
  }
  // Bounces and complaints go to the bounce mailbox whatever address they reached: never a lead from a DSN.
  if (recipient.role === 'bounce' || facts.kind === 'bounce' || facts.kind === 'feedback') {
    const why =
      recipient.role === 'bounce' ? `to ${recipient.localPart}@` : `${facts.kind} report to ${facts.recipientAddress}`;
    return { ...common, route: 'bounce', reason: `${why}: bounce processing` };
  }
  const ruleAlias = facts.rules.routeToAliasId ? facts.aliasesById.get(facts.rules.routeToAliasId) : undefined;
  if (ruleAlias) return routeAlias(facts, ruleAlias, ` (rule "${facts.rules.routeRuleName}")`, common);
  if (recipient.role === 'catchall') return routeCatchall(facts, domain, common);
  if (recipient.role === 'alias') {
    const alias = facts.aliasesById.get(recipient.aliasId!);
    if (alias) return routeAlias(facts, alias, '', common);
  }
  if (domain.unknownRecipientPolicy === 'triage') {
    return {
      ...common,
      route: 'triage',
      reason: `${recipient.address} is not an alias of ${domain.name}: kept for triage`,
    };
  }
  return {
    ...common,
    route: 'rejected',
    reason: `${recipient.address} is not an alias of ${domain.name}: rejected`,
    smtpReject: unknownRecipientText(recipient.address),
  };
}
