// The client's validated domain names (RFC 7208 5.5 "ptr" and the 7.3 %{p} macro).
import { DnsError } from '../resolver.ts';
import { formatReverseName, matchesCidr, parseAnswerIp, type IpAddress } from './ip.ts';
import type { SpfMechanism } from './parse.ts';
import { countVoidLookup, MAX_PTR_NAMES, queryQuietly, SpfAbort, type Session } from './session.ts';

export function matchesAddress(client: IpAddress, answer: string, term: SpfMechanism): boolean {
  const address = parseAnswerIp(answer);
  if (!address) return false;
  const prefix = client.version === 4 ? (term.cidr4 ?? 32) : (term.cidr6 ?? 128);
  return matchesCidr(client, address, prefix);
}

/**
 * RFC 7208 5.5: the validated names of the client: PTR names (the first 10 only) whose own A/AAAA records
 * contain the client address. A failed PTR query or a failed address query just means no (such) name.
 */
export async function findValidatedNames(
  session: Session,
  target: string | null,
  countVoid: boolean,
): Promise<string[]> {
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
export async function computeValidatedName(session: Session, domain: string): Promise<string> {
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
