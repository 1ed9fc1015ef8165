// The client identity (IP, HELO) of a message, read from the one Received header mailgate can trust: Cloudflare's own.
import type { HeaderField } from './header-fields.ts';

/**
 * Email Routing's inbound MX hosts (`amir.mx.cloudflare.net`, … and `mx.cloudflare.net` in the trace it writes).
 * A sender can write any Received header it likes below; only the topmost one, added by the last hop, is ours.
 */
const CLOUDFLARE_MX_HOST = /^(?:[a-z0-9-]+\.)*mx\.cloudflare\.net\.?$/i;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6 = /^[0-9a-f:.]+$/i;

export type ReceivedClient = { clientIp: string; helo: string | null; by: string };

function readIpLiteral(candidate: string): string | null {
  const bare = candidate.replace(/^\[|\]$/g, '').replace(/^ipv6:/i, '');
  if (IPV4.test(bare)) return bare;
  if (bare.includes(':') && IPV6.test(bare)) return bare.toLowerCase();
  return null;
}

/**
 * RFC 5321 4.4: `from <helo> (<TCP-info>) by <host> …`, where TCP-info is `[ip]`, `host [ip]` or, as Cloudflare
 * writes it, `(ip)`. The address is taken from the TCP-info, never from a HELO the client claimed.
 */
export function parseReceivedClient(value: string): ReceivedClient | null {
  const match = value.match(/^\s*from\s+(\S+)\s*(?:\(([^)]*)\))?[\s\S]*?\bby\s+([^\s;()]+)/i);
  if (!match) return null;
  const [, heloToken = '', tcpInfo = '', by = ''] = match;
  const tcpIp = tcpInfo
    .split(/[\s,]+/)
    .map(readIpLiteral)
    .find((ip) => ip !== null);
  const heloIp = readIpLiteral(heloToken);
  const clientIp = tcpIp ?? heloIp;
  if (!clientIp) return null;
  return { clientIp, helo: heloIp ? null : heloToken.toLowerCase(), by: by.toLowerCase() };
}

/**
 * The client of the topmost Received header, whoever wrote it: only for a relay the admin runs and vouched for
 * (a trusted relay token), whose MTA adds that header itself when it accepts the message over SMTP.
 */
export function readTopReceived(headers: HeaderField[]): ReceivedClient | null {
  const top = headers.find((field) => field.key.toLowerCase() === 'received');
  return top ? parseReceivedClient(top.value) : null;
}

/** The client of the topmost Received header, only when Cloudflare's MX wrote it; null otherwise. */
export function readCloudflareReceived(headers: HeaderField[]): ReceivedClient | null {
  const client = readTopReceived(headers);
  if (!client || !CLOUDFLARE_MX_HOST.test(client.by)) return null;
  return client;
}
