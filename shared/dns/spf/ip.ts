// IP addresses for SPF: strict parsing (RFC 7208 5.6 ABNF), CIDR matching, reverse names and macro forms.

export type IpAddress = { version: 4 | 6; bytes: Uint8Array };

const IPV4_OCTET = /^(?:0|[1-9][0-9]{0,2})$/;

/** RFC 7208 12 `ip4-network`: four dec-octets, no leading zeros. */
export function parseIpv4(text: string): IpAddress | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = new Uint8Array(4);
  for (const [index, part] of parts.entries()) {
    if (!IPV4_OCTET.test(part)) return null;
    const value = Number(part);
    if (value > 255) return null;
    bytes[index] = value;
  }
  return { version: 4, bytes };
}

const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** RFC 4291 2.2 text forms: `::` compression once, optional trailing dotted IPv4. */
export function parseIpv6(text: string): IpAddress | null {
  let body = text;
  let tail: number[] = [];
  const lastColon = body.lastIndexOf(':');
  if (lastColon >= 0 && body.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4(body.slice(lastColon + 1));
    if (!v4) return null;
    tail = [((v4.bytes[0] ?? 0) << 8) | (v4.bytes[1] ?? 0), ((v4.bytes[2] ?? 0) << 8) | (v4.bytes[3] ?? 0)];
    body = body.slice(0, lastColon + 1);
    // "::1.2.3.4" leaves "::", "a::1.2.3.4" leaves "a::", "a:b:c:d:e:f:1.2.3.4" leaves "a:b:c:d:e:f:".
    if (body.endsWith(':') && !body.endsWith('::')) body = body.slice(0, -1);
  }
  const halves = body.split('::');
  if (halves.length > 2) return null;
  const parseGroups = (part: string): number[] | null => {
    if (part === '') return [];
    const groups = part.split(':');
    if (!groups.every((group) => HEX_GROUP.test(group))) return null;
    return groups.map((group) => parseInt(group, 16));
  };
  const head = parseGroups(halves[0] ?? '');
  if (!head) return null;
  let groups: number[];
  if (halves.length === 2) {
    const rest = parseGroups(halves[1] ?? '');
    if (!rest) return null;
    const missing = 8 - head.length - rest.length - tail.length;
    if (missing < 1) return null;
    groups = [...head, ...new Array<number>(missing).fill(0), ...rest, ...tail];
  } else {
    groups = [...head, ...tail];
  }
  if (groups.length !== 8) return null;
  const bytes = new Uint8Array(16);
  groups.forEach((group, index) => {
    bytes[index * 2] = group >> 8;
    bytes[index * 2 + 1] = group & 0xff;
  });
  return { version: 6, bytes };
}

/**
 * The client address as SPF sees it. RFC 7208 5/9/2 (section 5 intro): an IPv4-mapped IPv6 address
 * (::ffff:a.b.c.d) MUST be treated as IPv4.
 */
export function parseClientIp(text: string): IpAddress | null {
  const trimmed = text.trim();
  const v4 = parseIpv4(trimmed);
  if (v4) return v4;
  const v6 = parseIpv6(trimmed);
  if (!v6) return null;
  const isMapped = v6.bytes.slice(0, 10).every((byte) => byte === 0) && v6.bytes[10] === 0xff && v6.bytes[11] === 0xff;
  return isMapped ? { version: 4, bytes: v6.bytes.slice(12) } : v6;
}

/** Any textual address of either family, as found in A/AAAA answers (lenient on leading zeros). */
export function parseAnswerIp(text: string): IpAddress | null {
  return parseIpv4(text.replace(/(^|\.)0+(?=\d)/g, '$1')) ?? parseIpv6(text);
}

/** True when the first `prefixLength` bits of both addresses agree (same family only). */
export function matchesCidr(client: IpAddress, network: IpAddress, prefixLength: number): boolean {
  if (client.version !== network.version) return false;
  let remaining = prefixLength;
  for (let index = 0; index < client.bytes.length && remaining > 0; index += 1) {
    const bits = Math.min(8, remaining);
    const mask = (0xff << (8 - bits)) & 0xff;
    if (((client.bytes[index] ?? 0) & mask) !== ((network.bytes[index] ?? 0) & mask)) return false;
    remaining -= bits;
  }
  return true;
}

/** Nibbles (IPv6, upper-case as pyspf and the OpenSPF suite expect) or octets (IPv4), most significant first. */
export function listAddressLabels(ip: IpAddress): string[] {
  if (ip.version === 4) return [...ip.bytes].map(String);
  return [...ip.bytes].flatMap((byte) => [
    (byte >> 4).toString(16).toUpperCase(),
    (byte & 0xf).toString(16).toUpperCase(),
  ]);
}

/** The PTR query name: RFC 7208 5.5 (in-addr.arpa / ip6.arpa). */
export function formatReverseName(ip: IpAddress): string {
  return `${listAddressLabels(ip).reverse().join('.')}.${ip.version === 4 ? 'in-addr' : 'ip6'}.arpa`;
}

/** Human-readable form (the `c` macro): dotted quad, or RFC 5952 compressed lower-case IPv6. */
export function formatIp(ip: IpAddress): string {
  if (ip.version === 4) return [...ip.bytes].join('.');
  const groups: number[] = [];
  for (let index = 0; index < 16; index += 2) groups.push(((ip.bytes[index] ?? 0) << 8) | (ip.bytes[index + 1] ?? 0));
  let bestStart = -1;
  let bestLength = 0;
  for (let start = 0; start < 8; ) {
    if (groups[start] !== 0) {
      start += 1;
      continue;
    }
    let end = start;
    while (end < 8 && groups[end] === 0) end += 1;
    if (end - start > bestLength && end - start > 1) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
