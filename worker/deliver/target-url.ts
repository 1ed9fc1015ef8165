// Which URLs a webhook or an Odoo target may point at: public https hosts only, so that a delivery target can never
// turn the Worker into a proxy to loopback, cloud metadata or a private network. Checked when a target is saved and
// again before every attempt. Host names that resolve to internal addresses are not caught here (Workers cannot
// resolve before fetch); Cloudflare's network does not route Worker subrequests to private address space.
import { matchesCidr, parseIpv4, parseIpv6, type IpAddress } from '../../shared/dns/spf/ip.ts';

export type TargetUrlPolicy = {
  /** Development only (MAILGATE_ALLOW_PRIVATE_TARGETS=true): plain http and internal hosts, e.g. a local ERP stub. */
  allowPrivateTargets: boolean;
};

export type TargetUrlCheck = { ok: true } | { ok: false; reason: string };

/** The strict policy: what production runs with, and what a missing setting means. */
export const STRICT_TARGET_POLICY: TargetUrlPolicy = { allowPrivateTargets: false };

/** `MAILGATE_ALLOW_PRIVATE_TARGETS`: only the exact word `true` relaxes the rule. */
export function readTargetUrlPolicy(value: string | undefined): TargetUrlPolicy {
  return { allowPrivateTargets: value?.trim().toLowerCase() === 'true' };
}

type Range = { network: IpAddress; prefix: number; what: string };

function range(cidr: string, what: string): Range {
  const [address = '', prefix = ''] = cidr.split('/');
  const network = parseIpv4(address) ?? parseIpv6(address);
  if (!network) throw new Error(`bad range ${cidr}`);
  return { network, prefix: Number(prefix), what };
}

/** RFC 6890 special-purpose ranges a delivery must never reach (first match names the reason). */
const INTERNAL_RANGES: Range[] = [
  range('0.0.0.0/8', 'a "this network" address (0.0.0.0/8)'),
  range('127.0.0.0/8', 'a loopback address (127.0.0.0/8)'),
  range('10.0.0.0/8', 'a private address (10.0.0.0/8)'),
  range('172.16.0.0/12', 'a private address (172.16.0.0/12)'),
  range('192.168.0.0/16', 'a private address (192.168.0.0/16)'),
  range('169.254.0.0/16', 'a link-local address (169.254.0.0/16, where cloud metadata services answer)'),
  range('100.64.0.0/10', 'a carrier-grade NAT address (100.64.0.0/10)'),
  range('192.0.0.0/24', 'an IETF protocol address (192.0.0.0/24)'),
  range('198.18.0.0/15', 'a benchmarking address (198.18.0.0/15)'),
  range('224.0.0.0/4', 'a multicast address (224.0.0.0/4)'),
  range('240.0.0.0/4', 'a reserved address (240.0.0.0/4)'),
  range('::1/128', 'the IPv6 loopback address (::1)'),
  range('::/128', 'the unspecified IPv6 address (::)'),
  range('::ffff:0:0/96', 'an IPv4-mapped IPv6 address (::ffff:0:0/96)'),
  range('64:ff9b::/96', 'an IPv4-embedding NAT64 address (64:ff9b::/96)'),
  range('::/96', 'an IPv4-compatible IPv6 address (::/96)'),
  range('fe80::/10', 'a link-local IPv6 address (fe80::/10)'),
  range('fec0::/10', 'a site-local IPv6 address (fec0::/10)'),
  range('fc00::/7', 'a unique-local IPv6 address (fc00::/7)'),
  range('ff00::/8', 'a multicast IPv6 address (ff00::/8)'),
];

/** Names that never leave the machine or the local network (RFC 6761 6.3, RFC 8375, common internal zones). */
const LOCAL_NAME = /(^|\.)(localhost|localdomain|local|internal|home\.arpa)$/;

/** The host exactly as written in the URL (the URL parser rewrites `2130706433` or `0x7f.1` into `127.0.0.1`). */
function readWrittenHost(input: string): string {
  const afterScheme = input.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const authority = afterScheme.split(/[/?#\\]/, 1)[0] ?? '';
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  if (hostPort.startsWith('[')) return hostPort.slice(0, hostPort.indexOf(']') + 1);
  return hostPort.replace(/:\d*$/, '');
}

function describeInternalAddress(ip: IpAddress): string | null {
  return INTERNAL_RANGES.find((entry) => matchesCidr(ip, entry.network, entry.prefix))?.what ?? null;
}

function checkHost(hostname: string, writtenHost: string): TargetUrlCheck {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[')) {
    const ip = parseIpv6(host.slice(1, -1));
    const what = ip ? describeInternalAddress(ip) : 'an IPv6 address that cannot be read';
    return what ? { ok: false, reason: `the host ${writtenHost} is ${what}` } : { ok: true };
  }
  const ipv4 = parseIpv4(host);
  if (ipv4) {
    // The URL parser accepts 2130706433, 0x7f000001, 0177.0.0.1 and 127.1 as IPv4: such a host hides what it is.
    if (writtenHost.toLowerCase().replace(/\.$/, '') !== host) {
      return {
        ok: false,
        reason: `the host ${writtenHost} is an IP address written in numeric shorthand (decimal, octal or hex: it means ${host}): write a host name`,
      };
    }
    const what = describeInternalAddress(ipv4);
    return what ? { ok: false, reason: `the host ${writtenHost} is ${what}` } : { ok: true };
  }
  if (LOCAL_NAME.test(host)) return { ok: false, reason: `the host ${writtenHost} is localhost or a local-only name` };
  if (!host.includes('.'))
    return { ok: false, reason: `the host ${writtenHost} is a single-label name, not a public DNS name` };
  return { ok: true };
}

/** Whether a delivery may go to `input`; the reason says why not, in words an admin can act on. */
export function checkTargetUrl(input: string, policy: TargetUrlPolicy): TargetUrlCheck {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { ok: false, reason: `${input} is not a URL` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, reason: `${url.protocol} URLs are not delivered to: use https` };
  if (policy.allowPrivateTargets) return { ok: true };
  const host = checkHost(url.hostname, readWrittenHost(input));
  if (!host.ok)
    return {
      ok: false,
      reason: `${host.reason} (MAILGATE_ALLOW_PRIVATE_TARGETS=true allows internal targets in development)`,
    };
  if (url.protocol !== 'https:') {
    return {
      ok: false,
      reason:
        'plain http: a delivery target must use https (MAILGATE_ALLOW_PRIVATE_TARGETS=true allows it in development)',
    };
  }
  return { ok: true };
}

/**
 * Whether a connection may be opened to `host` (the SMTP connection test): the same rules as a target URL's host —
 * a public DNS name or a public address, unless MAILGATE_ALLOW_PRIVATE_TARGETS allows internal ones.
 */
export function checkTargetHost(host: string, policy: TargetUrlPolicy): TargetUrlCheck {
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(host)) return { ok: false, reason: `${host} is not a host name or an IP address` };
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const check = checkTargetUrl(`https://${bracketed}/`, policy);
  return check.ok || check.reason.startsWith('the host')
    ? check
    : { ok: false, reason: `${host} is not a host name or an IP address` };
}
