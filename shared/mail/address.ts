// Email address handling shared by the worker, the CLI and the extension (RFC 5321/5322 addr-spec).

/** Lower-cases the domain, keeps the local part as written (RFC 5321 2.4: local parts may be case-sensitive). */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim().replace(/^<|>$/g, '');
  const at = trimmed.lastIndexOf('@');
  if (at < 0) return trimmed;
  return `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
}

/** Splits an address into local part and lower-case domain; null when there is no `@`. */
export function splitAddress(address: string): { localPart: string; domain: string } | null {
  const normalized = normalizeAddress(address);
  const at = normalized.lastIndexOf('@');
  if (at <= 0 || at === normalized.length - 1) return null;
  return { localPart: normalized.slice(0, at), domain: normalized.slice(at + 1) };
}

/**
 * Normalises a Message-ID to its bare form, without angle brackets or surrounding space (RFC 5322 3.6.4).
 * Returns null for an empty value.
 */
export function normalizeMessageId(value: string | null | undefined): string | null {
  if (!value) return null;
  const bracketed = value.match(/<([^<>]+)>/);
  const bare = (bracketed ? bracketed[1]! : value).trim();
  return bare.length > 0 ? bare : null;
}

/** All Message-IDs of a References or In-Reply-To header, in order (RFC 5322 3.6.4: msg-id list). */
export function parseMessageIdList(value: string | null | undefined): string[] {
  if (!value) return [];
  const bracketed = [...value.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!.trim());
  if (bracketed.length > 0) return bracketed;
  // Some clients write bare ids separated by spaces.
  return value.split(/[\s,]+/).filter((part) => part.includes('@'));
}

/** Reads the address of the first From header of a raw message, without a full parse (for CLI defaults). */
export function findHeaderFromAddress(raw: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(raw.subarray(0, 64 * 1024));
  const headerEnd = head.search(/\r?\n\r?\n/);
  const headers = (headerEnd >= 0 ? head.slice(0, headerEnd) : head).replace(/\r?\n[ \t]+/g, ' ');
  const fromLine = headers.split(/\r?\n/).find((line) => /^from:/i.test(line));
  if (!fromLine) return null;
  const angle = fromLine.match(/<([^<>@\s]+@[^<>\s]+)>/);
  if (angle) return angle[1]!;
  const bare = fromLine.match(/([^\s<>"():,;]+@[^\s<>"():,;]+)/);
  return bare ? bare[1]! : null;
}
