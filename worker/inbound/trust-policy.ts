// Pure decisions over an AuthVerdict: what a DMARC failure gets, and whether a sender passes an alias's contact policy.
import type { AuthVerdict } from '../../shared/api/auth.ts';

export type DmarcFailurePolicy = 'reject' | 'quarantine' | 'tag';
export type DmarcFailureAction = 'accept' | 'reject' | 'quarantine' | 'tag';
export type ContactPolicy = 'everyone' | 'authenticated' | 'known' | 'followers';

export type DmarcDecision = { action: DmarcFailureAction; reason: string };

/**
 * RFC 7489 6.3 leaves the final disposition to the receiver: only a DMARC `fail` (not none/temperror) is a
 * failure, and the domain's own setting decides. A message kept by a trusted ARC sealer's verdict is not a failure.
 */
export function decideDmarcFailure(verdict: AuthVerdict, domainPolicy: DmarcFailurePolicy): DmarcDecision {
  if (verdict.dmarc.result !== 'fail') {
    return { action: 'accept', reason: `DMARC ${verdict.dmarc.result}` };
  }
  if (verdict.authenticated) {
    return { action: 'accept', reason: verdict.reason };
  }
  // p=none means the author domain only monitors (RFC 7489 6.3): its mail is tagged, never refused.
  if (verdict.dmarc.policy === 'none') {
    return { action: 'tag', reason: `DMARC fail for ${verdict.dmarc.domain}, whose policy is p=none` };
  }
  const domain = verdict.dmarc.domain ?? 'the From domain';
  switch (domainPolicy) {
    case 'reject':
      return { action: 'reject', reason: `DMARC fail for ${domain}: the message does not come from that domain` };
    case 'quarantine':
      return { action: 'quarantine', reason: `DMARC fail for ${domain}: held for review` };
    case 'tag':
      return { action: 'tag', reason: `DMARC fail for ${domain}: delivered, tagged` };
  }
}

export type ContactFacts = { verdict: AuthVerdict | null; isKnownContact: boolean; isFollower: boolean };
export type ContactDecision = { ok: boolean; reason: string };

/** The alias policies (Odoo's alias_contact): `known` and `followers` need authentication AND membership. */
export function passesContactPolicy(policy: ContactPolicy, facts: ContactFacts): ContactDecision {
  if (policy === 'everyone') return { ok: true, reason: 'the alias accepts mail from everyone' };
  const verdict = facts.verdict;
  if (!verdict || !verdict.authenticated) {
    const why = verdict ? verdict.reason : 'the sender could not be authenticated';
    return { ok: false, reason: `the alias accepts only authenticated senders (${why})` };
  }
  if (policy === 'authenticated') return { ok: true, reason: `authenticated sender: ${verdict.reason}` };
  if (policy === 'known') {
    return facts.isKnownContact
      ? { ok: true, reason: 'authenticated known contact' }
      : { ok: false, reason: 'the alias accepts only known contacts, and the sender is not one' };
  }
  return facts.isFollower
    ? { ok: true, reason: 'authenticated follower of the thread' }
    : { ok: false, reason: 'the alias accepts only followers, and the sender does not follow this thread' };
}

/**
 * Why authentication is undecided, or null: the sender was not authenticated and a lookup it needed failed
 * transiently (RFC 7208 2.6.6 and RFC 7489 6.6.3 temperror, RFC 6376 3.9 TEMPFAIL). Such a verdict must be neither a
 * refusal nor a pass: the message waits for DNS to answer.
 */
export function describeUndecidedAuth(verdict: AuthVerdict | null): string | null {
  if (!verdict || verdict.authenticated) return null;
  const lookups = [
    ...(verdict.dmarc.result === 'temperror' ? [`DMARC for ${verdict.dmarc.domain ?? 'the From domain'}`] : []),
    ...(verdict.spf.result === 'temperror' ? [`SPF for ${verdict.spf.domain ?? 'the sender'}`] : []),
    ...verdict.dkim.filter((row) => row.result === 'temperror').map((row) => `the DKIM key of ${row.domain}`),
  ];
  return lookups.length > 0 ? `DNS temperror looking up ${lookups.join(', ')}` : null;
}
