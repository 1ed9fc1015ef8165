// The SPF check_host() function (RFC 7208 4-7): evaluates a sender against published records over a Resolver.
import { DnsError, type Resolver } from '../resolver.ts';
import { joinTxt } from '../txt.ts';
import { finishExpandedDomain } from './macro.ts';
import { parseClientIp } from './ip.ts';
import { isSpfRecord, parseSpfRecord, type SpfQualifier } from './parse.ts';
import { computeExplanation, createMacroContext, expandDomainSpec, findModifier } from './macro-context.ts';
import { matchMechanism } from './mechanisms.ts';
import {
  countLookup,
  describeError,
  isQueryableDomain,
  MAX_DNS_LOOKUPS,
  SpfAbort,
  type HostResult,
  type Session,
  type SpfEvaluation,
  type SpfQuery,
  type SpfResult,
} from './session.ts';

// The types of evaluateSpf's signature belong to its public face.
export type { SpfEvaluation, SpfQuery, SpfResult } from './session.ts';

/** Guard against runaway recursion independent of the lookup count (include/redirect each cost one lookup). */
const MAX_RECURSION_DEPTH = MAX_DNS_LOOKUPS + 1;

const QUALIFIER_RESULT: Record<SpfQualifier, SpfResult> = { '+': 'pass', '-': 'fail', '~': 'softfail', '?': 'neutral' };

/** Runs check_host() for one connection (RFC 7208 4). DNS trouble becomes temperror; nothing throws. */
export async function evaluateSpf(query: SpfQuery, resolver: Resolver): Promise<SpfEvaluation> {
  const helo = query.helo.trim();
  const rawSender = query.sender.trim().replace(/^<|>$/g, '');
  // RFC 7208 2.4: an empty MAIL FROM is checked as postmaster@<HELO>.
  const sender = rawSender === '' ? `postmaster@${helo}` : rawSender;
  const at = sender.lastIndexOf('@');
  // RFC 7208 4.3: a missing local-part is "postmaster".
  const localPart = at > 0 ? sender.slice(0, at) : 'postmaster';
  const senderDomain = at >= 0 ? sender.slice(at + 1) : sender;
  const domain = finishExpandedDomain(query.domain ?? senderDomain);
  const client = parseClientIp(query.ip);
  const done = (result: HostResult, session?: Session): SpfEvaluation => ({
    ...result,
    domain,
    lookups: session?.lookups ?? 0,
    voidLookups: session?.voidLookups ?? 0,
  });
  if (!client) return done({ result: 'permerror', reason: `"${query.ip}" is not an IP address` });
  const session: Session = {
    resolver,
    client,
    query: {
      helo,
      sender: `${localPart}@${senderDomain}`,
      localPart,
      senderDomain,
      receiver: query.receiver ?? 'unknown',
    },
    lookups: 0,
    voidLookups: 0,
    validatedNames: new Map(),
  };
  // RFC 7208 4.3: a malformed or single-label domain gives "none" without any query.
  if (!isQueryableDomain(domain) || !domain.includes('.')) {
    return done({ result: 'none', reason: `"${domain}" is not a fully qualified domain name` }, session);
  }
  try {
    return done(await checkHost(session, domain, 0), session);
  } catch (error) {
    if (error instanceof SpfAbort) return done({ result: error.result, reason: error.message }, session);
    throw error;
  }
}

/** Fetches the SPF record of a domain: RFC 7208 4.4 (TXT only) and 4.5 (exactly one "v=spf1" record). */
export async function lookupSpfRecords(
  resolver: Resolver,
  domain: string,
): Promise<{ status: 'found' | 'none' | 'temperror'; records: string[]; error?: string }> {
  try {
    const answers = await resolver(domain, 'TXT');
    const records = answers.map(joinTxt).filter(isSpfRecord);
    return { status: records.length > 0 ? 'found' : 'none', records };
  } catch (error) {
    if (error instanceof DnsError && (error.code === 'ENOTFOUND' || error.code === 'ENODATA')) {
      return { status: 'none', records: [] };
    }
    return { status: 'temperror', records: [], error: describeError(error) };
  }
}

async function checkHost(session: Session, domain: string, depth: number): Promise<HostResult> {
  if (depth > MAX_RECURSION_DEPTH) throw new SpfAbort('permerror', 'include/redirect nesting is too deep');
  if (!isQueryableDomain(domain)) return { result: 'none', reason: `"${domain}" is not a valid domain name` };
  const lookup = await lookupSpfRecords(session.resolver, domain);
  if (lookup.status === 'temperror')
    return { result: 'temperror', reason: `TXT lookup of ${domain} failed: ${lookup.error}` };
  if (lookup.records.length === 0) return { result: 'none', reason: `${domain} publishes no SPF record` };
  if (lookup.records.length > 1) {
    return { result: 'permerror', reason: `${domain} publishes ${lookup.records.length} SPF records (RFC 7208 4.5)` };
  }
  const record = lookup.records[0] ?? '';
  const parsed = parseSpfRecord(record);
  // RFC 7208 4.6: any syntax error anywhere in the record is a permerror before anything is evaluated.
  const firstError = parsed.errors[0];
  if (firstError) {
    return { result: 'permerror', reason: `${domain}: ${firstError.message} at position ${firstError.position}` };
  }
  const context = createMacroContext(session, domain);
  for (const term of parsed.terms) {
    if (term.kind !== 'mechanism') continue;
    if (await matchMechanism(session, term, domain, context, depth, checkHost)) {
      const result = QUALIFIER_RESULT[term.qualifier];
      const reason = `${domain}: matched "${term.text}"`;
      if (result !== 'fail') return { result, reason };
      const explanation = await computeExplanation(session, parsed.terms, context);
      return explanation === undefined ? { result, reason } : { result, reason, explanation };
    }
  }
  // RFC 7208 6.1: redirect applies only when no mechanism matched ("all" always matches, so it wins).
  const redirect = findModifier(parsed.terms, 'redirect');
  if (redirect) {
    countLookup(session, `redirect=${redirect.value}`);
    const target = await expandDomainSpec(redirect.value, context);
    const outcome = isQueryableDomain(target)
      ? await checkHost(session, target, depth + 1)
      : { result: 'none' as const, reason: `redirect target "${target}" is not a valid domain name` };
    // RFC 7208 6.1: a redirect to a domain without an SPF record is a permerror.
    if (outcome.result === 'none') return { result: 'permerror', reason: `redirect=${target}: ${outcome.reason}` };
    return outcome;
  }
  return { result: 'neutral', reason: `${domain}: no mechanism matched (RFC 7208 4.7)` };
}
