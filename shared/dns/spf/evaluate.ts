// The SPF check_host() function (RFC 7208 4-7): evaluates a sender against published records over a Resolver.
import { DnsError, type AnswerFor, type RecordType, type Resolver } from '../resolver.ts';
import { joinTxt } from '../txt.ts';
import { expandMacroTokens, finishExpandedDomain, tokenizeMacroString, type MacroContext } from './macro.ts';
import {
  formatIp,
  formatReverseName,
  listAddressLabels,
  matchesCidr,
  parseAnswerIp,
  parseClientIp,
  type IpAddress,
} from './ip.ts';
import { isSpfRecord, parseSpfRecord, type SpfMechanism, type SpfQualifier, type SpfTerm } from './parse.ts';

export type SpfResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'permerror' | 'temperror';

export type SpfEvaluation = {
  result: SpfResult;
  /** The exp= text of the domain that failed the sender (RFC 7208 6.2); absent otherwise. */
  explanation?: string;
  /** The domain whose policy was checked (the MAIL FROM domain, or the HELO name). */
  domain: string;
  /** Why: the matching term, or the error. */
  reason: string;
  /** DNS-querying terms and void lookups spent (RFC 7208 4.6.4). */
  lookups: number;
  voidLookups: number;
};

export type SpfQuery = {
  ip: string;
  /** MAIL FROM; empty for bounces (then postmaster@helo is checked, RFC 7208 2.4). */
  sender: string;
  helo: string;
  /** Checks this domain instead of the sender's (e.g. the HELO identity). */
  domain?: string;
  /** The `r` macro: the receiving host. */
  receiver?: string;
};

/** RFC 7208 4.6.4: at most 10 terms that cause DNS queries per check. */
export const MAX_DNS_LOOKUPS = 10;
/** RFC 7208 4.6.4: at most 2 lookups that return no answer (NODATA or NXDOMAIN). */
export const MAX_VOID_LOOKUPS = 2;
/** RFC 7208 4.6.4: an "mx" term may look up at most 10 MX names (more is a permerror). */
export const MAX_MX_NAMES = 10;
/** RFC 7208 4.6.4: a "ptr" term or %{p} looks at no more than 10 PTR names (the rest are ignored). */
export const MAX_PTR_NAMES = 10;
/** Guard against runaway recursion independent of the lookup count (include/redirect each cost one lookup). */
const MAX_RECURSION_DEPTH = MAX_DNS_LOOKUPS + 1;

const QUALIFIER_RESULT: Record<SpfQualifier, SpfResult> = { '+': 'pass', '-': 'fail', '~': 'softfail', '?': 'neutral' };

class SpfAbort extends Error {
  readonly result: 'permerror' | 'temperror';
  constructor(result: 'permerror' | 'temperror', message: string) {
    super(message);
    this.result = result;
  }
}

type Session = {
  resolver: Resolver;
  client: IpAddress;
  query: Required<Pick<SpfQuery, 'helo'>> & {
    sender: string;
    localPart: string;
    senderDomain: string;
    receiver: string;
  };
  lookups: number;
  voidLookups: number;
  validatedNames: Map<string, Promise<string[]>>;
};

type HostResult = { result: SpfResult; explanation?: string; reason: string };

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

/** RFC 7208 4.3 / RFC 1035 2.3.4: non-empty labels of at most 63 octets, 253 in all. */
export function isQueryableDomain(name: string): boolean {
  if (name === '' || name.length > 253) return false;
  return name.split('.').every((label) => label.length > 0 && label.length <= 63);
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

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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
    if (await matchMechanism(session, term, domain, context, depth)) {
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

function findModifier(terms: SpfTerm[], name: string): Extract<SpfTerm, { kind: 'modifier' }> | undefined {
  return terms.find(
    (term): term is Extract<SpfTerm, { kind: 'modifier' }> => term.kind === 'modifier' && term.name === name,
  );
}

function countLookup(session: Session, term: string): void {
  session.lookups += 1;
  if (session.lookups > MAX_DNS_LOOKUPS) {
    throw new SpfAbort('permerror', `more than ${MAX_DNS_LOOKUPS} DNS-querying terms (at "${term}", RFC 7208 4.6.4)`);
  }
}

function countVoidLookup(session: Session, name: string): void {
  session.voidLookups += 1;
  if (session.voidLookups > MAX_VOID_LOOKUPS) {
    throw new SpfAbort('permerror', `more than ${MAX_VOID_LOOKUPS} void lookups (at ${name}, RFC 7208 4.6.4)`);
  }
}

/**
 * One query for a mechanism. No answer (NXDOMAIN/NODATA) is a void lookup and an empty list; any other
 * failure ends the check with temperror (RFC 7208 5: "if the DNS lookup returns a server failure ...").
 */
async function queryForMechanism<T extends RecordType>(session: Session, name: string, type: T): Promise<AnswerFor<T>> {
  try {
    const answers = await session.resolver(name, type);
    if (answers.length === 0) countVoidLookup(session, name);
    return answers;
  } catch (error) {
    if (error instanceof DnsError && (error.code === 'ENOTFOUND' || error.code === 'ENODATA')) {
      countVoidLookup(session, name);
      return [] as unknown as AnswerFor<T>;
    }
    throw new SpfAbort('temperror', `${type} lookup of ${name} failed: ${describeError(error)}`);
  }
}

/** A query whose failures only mean "no match" (address checks of PTR names, RFC 7208 5.5). */
async function queryQuietly<T extends RecordType>(
  session: Session,
  name: string,
  type: T,
): Promise<AnswerFor<T> | null> {
  if (!isQueryableDomain(name)) return null;
  try {
    return await session.resolver(name, type);
  } catch {
    return null;
  }
}

async function matchMechanism(
  session: Session,
  term: SpfMechanism,
  domain: string,
  context: MacroContext,
  depth: number,
): Promise<boolean> {
  const client = session.client;
  switch (term.name) {
    case 'all':
      return true;
    case 'ip4':
    case 'ip6':
      if (!term.network || term.network.version !== client.version) return false;
      return matchesCidr(
        client,
        term.network,
        (term.name === 'ip4' ? term.cidr4 : term.cidr6) ?? (client.version === 4 ? 32 : 128),
      );
    case 'a': {
      countLookup(session, term.text);
      const target = term.domainSpec === null ? domain : await expandDomainSpec(term.domainSpec, context);
      // RFC 7208 4.8/5: a target that cannot form a query is treated as non-existent (the suite prefers no-match).
      if (!isQueryableDomain(target)) return false;
      const addresses = await queryForMechanism(session, target, client.version === 4 ? 'A' : 'AAAA');
      return addresses.some((address) => matchesAddress(client, address, term));
    }
    case 'mx': {
      countLookup(session, term.text);
      const target = term.domainSpec === null ? domain : await expandDomainSpec(term.domainSpec, context);
      if (!isQueryableDomain(target)) return false;
      const exchanges = await queryForMechanism(session, target, 'MX');
      if (exchanges.length > MAX_MX_NAMES) {
        throw new SpfAbort(
          'permerror',
          `${target} has ${exchanges.length} MX records, more than ${MAX_MX_NAMES} (RFC 7208 4.6.4)`,
        );
      }
      const hosts = [...exchanges]
        .sort((left, right) => left.priority - right.priority)
        .map((mx) => mx.exchange.replace(/\.$/, ''));
      for (const host of hosts) {
        // RFC 7505 null MX ("." / empty) names no host.
        if (host === '' || !isQueryableDomain(host)) continue;
        const addresses = await queryMxHost(session, host, client.version === 4 ? 'A' : 'AAAA');
        if (addresses.some((address) => matchesAddress(client, address, term))) return true;
      }
      return false;
    }
    case 'ptr': {
      countLookup(session, term.text);
      const target = term.domainSpec === null ? domain : await expandDomainSpec(term.domainSpec, context);
      if (!isQueryableDomain(target)) return false;
      const names = await findValidatedNames(session, target, true);
      const suffix = `.${target.toLowerCase()}`;
      return names.some((name) => name.toLowerCase() === target.toLowerCase() || name.toLowerCase().endsWith(suffix));
    }
    case 'exists': {
      countLookup(session, term.text);
      const target = await expandDomainSpec(term.domainSpec ?? '', context);
      if (!isQueryableDomain(target)) return false;
      // RFC 7208 5.7: always an A query, whatever the client's address family.
      const addresses = await queryForMechanism(session, target, 'A');
      return addresses.length > 0;
    }
    case 'include': {
      countLookup(session, term.text);
      const target = await expandDomainSpec(term.domainSpec ?? '', context);
      const outcome = isQueryableDomain(target)
        ? await checkHost(session, target, depth + 1)
        : { result: 'none' as const, reason: `include target "${target}" is not a valid domain name` };
      // RFC 7208 5.2 table: pass matches; fail/softfail/neutral do not; temperror and permerror propagate;
      // none becomes permerror.
      switch (outcome.result) {
        case 'pass':
          return true;
        case 'fail':
        case 'softfail':
        case 'neutral':
          return false;
        case 'temperror':
          throw new SpfAbort('temperror', `include:${target}: ${outcome.reason}`);
        default:
          throw new SpfAbort('permerror', `include:${target}: ${outcome.reason}`);
      }
    }
    default:
      return false;
  }
}

/** The address lookups of MX hosts: no answer is not a void lookup of its own, a server failure is a temperror. */
async function queryMxHost(session: Session, host: string, type: 'A' | 'AAAA'): Promise<string[]> {
  try {
    return await session.resolver(host, type);
  } catch (error) {
    if (error instanceof DnsError && (error.code === 'ENOTFOUND' || error.code === 'ENODATA')) return [];
    throw new SpfAbort('temperror', `${type} lookup of MX host ${host} failed: ${describeError(error)}`);
  }
}

function matchesAddress(client: IpAddress, answer: string, term: SpfMechanism): boolean {
  const address = parseAnswerIp(answer);
  if (!address) return false;
  const prefix = client.version === 4 ? (term.cidr4 ?? 32) : (term.cidr6 ?? 128);
  return matchesCidr(client, address, prefix);
}

/**
 * RFC 7208 5.5: the validated names of the client: PTR names (the first 10 only) whose own A/AAAA records
 * contain the client address. A failed PTR query or a failed address query just means no (such) name.
 */
async function findValidatedNames(session: Session, target: string | null, countVoid: boolean): Promise<string[]> {
  const reverseName = formatReverseName(session.client);
  let ptrNames: string[];
  try {
    ptrNames = await session.resolver(reverseName, 'PTR');
    if (ptrNames.length === 0 && countVoid) countVoidLookup(session, reverseName);
  } catch (error) {
    if (error instanceof SpfAbort) throw error;
    if (countVoid && error instanceof DnsError && (error.code === 'ENOTFOUND' || error.code === 'ENODATA')) {
      countVoidLookup(session, reverseName);
    }
    return [];
  }
  const candidates = ptrNames.slice(0, MAX_PTR_NAMES).map((name) => name.replace(/\.$/, ''));
  const suffix = target === null ? null : `.${target.toLowerCase()}`;
  const validated: string[] = [];
  for (const name of candidates) {
    // RFC 7208 5.5 allows skipping names that could not match the target anyway.
    const lower = name.toLowerCase();
    if (suffix !== null && lower !== target?.toLowerCase() && !lower.endsWith(suffix)) continue;
    const addresses = await queryQuietly(session, name, session.client.version === 4 ? 'A' : 'AAAA');
    if (addresses?.some((address) => matchesAddress(session.client, address, NO_CIDR))) validated.push(name);
  }
  return validated;
}

const NO_CIDR: SpfMechanism = {
  kind: 'mechanism',
  name: 'a',
  qualifier: '+',
  domainSpec: null,
  network: null,
  cidr4: null,
  cidr6: null,
  text: '',
  position: 0,
};

/** RFC 7208 7.3 "p": a validated name equal to the domain, else one of its subdomains, else any, else "unknown". */
async function computeValidatedName(session: Session, domain: string): Promise<string> {
  let pending = session.validatedNames.get('*');
  if (!pending) {
    pending = findValidatedNames(session, null, false);
    session.validatedNames.set('*', pending);
  }
  const names = await pending;
  const lowerDomain = domain.toLowerCase();
  return (
    names.find((name) => name.toLowerCase() === lowerDomain) ??
    names.find((name) => name.toLowerCase().endsWith(`.${lowerDomain}`)) ??
    names[0] ??
    'unknown'
  );
}

function createMacroContext(session: Session, domain: string): MacroContext {
  const client = session.client;
  return {
    sender: session.query.sender,
    localPart: session.query.localPart,
    senderDomain: session.query.senderDomain,
    domain,
    ipLabels: listAddressLabels(client).join('.'),
    ipText: formatIp(client),
    ipVersionLabel: client.version === 4 ? 'in-addr' : 'ip6',
    helo: session.query.helo,
    receiver: session.query.receiver,
    validatedName: () => computeValidatedName(session, domain),
    now: () => Date.now(),
  };
}

/** Expands a domain-spec already checked by the parser into a query name. */
async function expandDomainSpec(spec: string, context: MacroContext): Promise<string> {
  const { tokens, error } = tokenizeMacroString(spec);
  if (error) throw new SpfAbort('permerror', `bad macro in "${spec}": ${error.message}`);
  return finishExpandedDomain(await expandMacroTokens(tokens, context));
}

/**
 * RFC 7208 6.2: the exp= text. Any trouble (bad expansion, DNS error, no or several TXT records, bad explanation
 * syntax, non-ASCII) means "as if no exp was given". The lookup counts against no limit.
 */
async function computeExplanation(
  session: Session,
  terms: SpfTerm[],
  context: MacroContext,
): Promise<string | undefined> {
  const exp = findModifier(terms, 'exp');
  if (!exp) return undefined;
  try {
    const target = await expandDomainSpec(exp.value, context);
    if (!isQueryableDomain(target)) return undefined;
    const answers = await session.resolver(target, 'TXT');
    if (answers.length !== 1) return undefined;
    const text = joinTxt(answers[0] ?? []);
    const { tokens, error } = tokenizeMacroString(text, { explanation: true });
    if (error) return undefined;
    return await expandMacroTokens(tokens, context);
  } catch {
    return undefined;
  }
}
