// Shared state of one SPF check (RFC 7208 4.6.4): result types, lookup limits and the counted DNS queries.
import { DnsError, type AnswerFor, type RecordType, type Resolver } from '../resolver.ts';
import type { IpAddress } from './ip.ts';

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

export class SpfAbort extends Error {
  readonly result: 'permerror' | 'temperror';
  constructor(result: 'permerror' | 'temperror', message: string) {
    super(message);
    this.result = result;
  }
}

export type Session = {
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

export type HostResult = { result: SpfResult; explanation?: string; reason: string };

/** check_host() itself, handed to include evaluation so the mechanisms need not import the evaluator. */
export type CheckHost = (session: Session, domain: string, depth: number) => Promise<HostResult>;

/** RFC 7208 4.3 / RFC 1035 2.3.4: non-empty labels of at most 63 octets, 253 in all. */
export function isQueryableDomain(name: string): boolean {
  if (name === '' || name.length > 253) return false;
  return name.split('.').every((label) => label.length > 0 && label.length <= 63);
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function countLookup(session: Session, term: string): void {
  session.lookups += 1;
  if (session.lookups > MAX_DNS_LOOKUPS) {
    throw new SpfAbort('permerror', `more than ${MAX_DNS_LOOKUPS} DNS-querying terms (at "${term}", RFC 7208 4.6.4)`);
  }
}

export function countVoidLookup(session: Session, name: string): void {
  session.voidLookups += 1;
  if (session.voidLookups > MAX_VOID_LOOKUPS) {
    throw new SpfAbort('permerror', `more than ${MAX_VOID_LOOKUPS} void lookups (at ${name}, RFC 7208 4.6.4)`);
  }
}

/**
 * One query for a mechanism. No answer (NXDOMAIN/NODATA) is a void lookup and an empty list; any other
 * failure ends the check with temperror (RFC 7208 5: "if the DNS lookup returns a server failure ...").
 */
export async function queryForMechanism<T extends RecordType>(
  session: Session,
  name: string,
  type: T,
): Promise<AnswerFor<T>> {
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
export async function queryQuietly<T extends RecordType>(
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
