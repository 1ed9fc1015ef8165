// Stage `applyTrust(decision, facts) → RouteDecision`: loops, DMARC failures, spam and sender floods can hold,
// refuse or tag a message the router would otherwise deliver. Pure; the pipeline counts and carries out.
import type { AuthVerdict } from '../../shared/api/auth.ts';
import type { RouteDecision } from './route.ts';
import type { MailSignals } from './automation.ts';
import { isOverRateLimit, type SpamVerdict } from './signals.ts';
import { decideDmarcFailure, type DmarcFailurePolicy } from './trust-policy.ts';

export type TrustFacts = {
  signals: MailSignals;
  /** The inbound id in a loop marker this installation signed (one of its own forwards came back), else null. */
  ownForwardOf: string | null;
  verdict: AuthVerdict | null;
  spam: SpamVerdict;
  dmarcFailurePolicy: DmarcFailurePolicy;
  spamPolicy: 'quarantine' | 'deliver' | 'reject';
  /** Messages from this sender to this recipient (or thread) in the rate window, this one excluded. */
  recentFromSender: number;
  /** A released message skips the checks that held it. */
  released: boolean;
  /** Set on the last attempt when DNS still left authentication undecided (describeUndecidedAuth): why. */
  authUndecided: string | null;
};

export type TrustOutcome = { decision: RouteDecision; quarantineNotice: boolean };

function hold(decision: RouteDecision, reason: string): RouteDecision {
  return { reason, tags: decision.tags, spam: decision.spam, route: 'quarantine' };
}

function refuse(decision: RouteDecision, reason: string, smtpReject: string): RouteDecision {
  return { reason, tags: decision.tags, spam: decision.spam, route: 'rejected', smtpReject };
}

export function applyTrust(decision: RouteDecision, facts: TrustFacts): TrustOutcome {
  const none = { decision, quarantineNotice: false };
  // One of mailgate's own forwards coming back: the first step of a loop is the only safe place to stop it. Held, not
  // dropped (a forward can come back for good reasons); once released it is filed but never forwarded again.
  if (facts.ownForwardOf && !facts.released) {
    return {
      decision: hold(
        decision,
        `loop: carries this installation's forward marker (a copy of ${facts.ownForwardOf} came back): held, never forwarded again`,
      ),
      quarantineNotice: false,
    };
  }
  if (facts.released) return none;
  // Transient doubt, once the attempts are spent, is held: neither a pass nor a refusal (a 550 is forever).
  const dependsOnAuth =
    decision.route === 'thread' ||
    decision.route === 'alias' ||
    (decision.route === 'rejected' && decision.byContactPolicy);
  if (facts.authUndecided && dependsOnAuth) {
    return {
      decision: hold(decision, `authentication could not be completed: ${facts.authUndecided}: held for review`),
      quarantineNotice: false,
    };
  }
  if (decision.route !== 'thread' && decision.route !== 'alias') return none;

  let tags = decision.tags;
  if (facts.verdict) {
    const dmarc = decideDmarcFailure(facts.verdict, facts.dmarcFailurePolicy);
    if (dmarc.action === 'reject') {
      return { decision: refuse(decision, dmarc.reason, `5.7.1 ${dmarc.reason} (RFC 7489)`), quarantineNotice: false };
    }
    if (dmarc.action === 'quarantine') return { decision: hold(decision, dmarc.reason), quarantineNotice: false };
    if (dmarc.action === 'tag') tags = [...tags, 'dmarc-fail'];
  }
  if (facts.spam.flagged || decision.spam) {
    const why = facts.spam.flagged
      ? `spam (${facts.spam.source}${facts.spam.score !== null ? `, score ${facts.spam.score}` : ''})`
      : 'spam (routing rule)';
    if (facts.spamPolicy === 'reject') {
      return {
        decision: refuse(decision, `${why}: rejected`, '5.7.1 Message rejected as spam.'),
        quarantineNotice: false,
      };
    }
    if (facts.spamPolicy === 'quarantine')
      return { decision: hold(decision, `${why}: held for review`), quarantineNotice: false };
    tags = [...tags, 'spam'];
  }
  // Odoo's gateway rule against auto-reply storms: past the limit a sender's mail is held, and said so once.
  if (isOverRateLimit(facts.recentFromSender)) {
    return {
      decision: hold(
        decision,
        `rate limit: ${facts.recentFromSender + 1} messages from this sender in the window: held for review`,
      ),
      // One notice for the whole flood: only the first message over the limit raises it.
      quarantineNotice: !isOverRateLimit(facts.recentFromSender - 1),
    };
  }
  return { decision: { ...decision, tags }, quarantineNotice: false };
}
