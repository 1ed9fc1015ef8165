// The one DNS interface every DNS-touching function takes. Same contract as Node's `dns.promises.resolve`
// (which is what mailauth expects): TXT answers as string[][] (one array of character-strings per record),
// MX as {exchange, priority}, A/AAAA/CNAME/PTR/NS as string[]; failures are DnsError with a Node-style code.

export type RecordType = 'A' | 'AAAA' | 'MX' | 'TXT' | 'SPF' | 'CNAME' | 'PTR' | 'NS' | 'SRV';

export type MxAnswer = { exchange: string; priority: number };
export type SrvAnswer = { name: string; port: number; priority: number; weight: number };

export type AnswerFor<T extends RecordType> = T extends 'TXT' | 'SPF'
  ? string[][]
  : T extends 'MX'
    ? MxAnswer[]
    : T extends 'SRV'
      ? SrvAnswer[]
      : string[];

/**
 * Node-style error codes (mailauth reads them):
 * ENOTFOUND = NXDOMAIN, ENODATA = the name exists but has no record of that type,
 * ETIMEOUT = no answer in time, ESERVFAIL = the server failed.
 */
export type DnsErrorCode = 'ENOTFOUND' | 'ENODATA' | 'ETIMEOUT' | 'ESERVFAIL' | 'EREFUSED';

export class DnsError extends Error {
  readonly code: DnsErrorCode;
  readonly hostname: string;
  readonly rrtype: string;
  constructor(code: DnsErrorCode, hostname: string, rrtype: string) {
    super(`${code} ${hostname} ${rrtype}`);
    this.name = 'DnsError';
    this.code = code;
    this.hostname = hostname;
    this.rrtype = rrtype;
  }
}

export type Resolver = <T extends RecordType>(name: string, type: T) => Promise<AnswerFor<T>>;

/** True for the "no such record" outcomes (RFC 7208 4.3 / 4.4 treat them as void lookups, not errors). */
export function isNoRecord(error: unknown): boolean {
  return error instanceof DnsError ? error.code === 'ENOTFOUND' || error.code === 'ENODATA' : false;
}
