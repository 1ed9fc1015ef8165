// Who a message is for: the envelope recipient first, then the header recipients, resolved against the domains.
import { splitAddress } from '../../shared/mail/address.ts';
import type { ParsedMail } from './parse.ts';

/** Where a recipient address was read, in the order that decides routing. */
export type RecipientSource = 'envelope' | 'delivered-to' | 'x-original-to' | 'to' | 'cc' | 'resent-to' | 'resent-cc';

export type RecipientAddress = { address: string; source: RecipientSource };

/** What an address of one of our domains is. */
export type ResolvedRecipient = {
  address: string;
  source: RecipientSource;
  domainName: string;
  /** Lower-case local part without its subaddress tag. */
  localPart: string;
  /** The subaddress (`sales+fair2026@` → `fair2026`), or null. */
  tag: string | null;
  role: 'catchall' | 'bounce' | 'alias' | 'unknown';
  aliasId: string | null;
};

export type DomainDirectoryEntry = {
  name: string;
  catchall: string;
  bounce: string;
  subaddressSeparator: string;
  /** Alias ids by lower-case local part. */
  aliasIdsByLocalPart: ReadonlyMap<string, string>;
};

const HEADER_SOURCES: [string, RecipientSource][] = [
  ['delivered-to', 'delivered-to'],
  ['x-original-to', 'x-original-to'],
  ['to', 'to'],
  ['cc', 'cc'],
  ['resent-to', 'resent-to'],
  ['resent-cc', 'resent-cc'],
];

/** Pulls bare addresses out of an address-list header value (display names and comments dropped). */
function readHeaderAddresses(value: string): string[] {
  const angled = [...value.matchAll(/<([^<>\s@]+@[^<>\s]+)>/g)].map((m) => m[1]!);
  const withoutAngled = value.replace(/"[^"]*"|\([^)]*\)|<[^>]*>/g, ' ');
  const bare = [...withoutAngled.matchAll(/([^\s,;:<>"()]+@[^\s,;:<>"()]+)/g)].map((m) => m[1]!);
  return [...angled, ...bare];
}

/** All recipient addresses in routing order, each address once (the first source wins). */
export function collectRecipients(envelopeTo: string, mail: Pick<ParsedMail, 'headers'>): RecipientAddress[] {
  const seen = new Set<string>();
  const recipients: RecipientAddress[] = [];
  const add = (address: string, source: RecipientSource) => {
    const key = address.toLowerCase();
    if (seen.has(key) || !key.includes('@')) return;
    seen.add(key);
    recipients.push({ address: key, source });
  };
  add(envelopeTo, 'envelope');
  for (const [headerName, source] of HEADER_SOURCES) {
    for (const header of mail.headers) {
      if (header.key === headerName) for (const address of readHeaderAddresses(header.value)) add(address, source);
    }
  }
  return recipients;
}

/** Resolves an address against the directory; null when it is not in one of our domains. */
export function resolveRecipient(
  recipient: RecipientAddress,
  domainsByName: ReadonlyMap<string, DomainDirectoryEntry>,
): ResolvedRecipient | null {
  const parts = splitAddress(recipient.address);
  if (!parts) return null;
  const domain = domainsByName.get(parts.domain);
  if (!domain) return null;
  const local = parts.localPart.toLowerCase();
  const separatorAt = domain.subaddressSeparator ? local.indexOf(domain.subaddressSeparator) : -1;
  const localPart = separatorAt > 0 ? local.slice(0, separatorAt) : local;
  const tag = separatorAt > 0 ? local.slice(separatorAt + domain.subaddressSeparator.length) || null : null;
  const aliasId = domain.aliasIdsByLocalPart.get(localPart) ?? null;
  const role =
    localPart === domain.catchall ? 'catchall' : localPart === domain.bounce ? 'bounce' : aliasId ? 'alias' : 'unknown';
  return { ...recipient, domainName: domain.name, localPart, tag, role, aliasId: role === 'alias' ? aliasId : null };
}
