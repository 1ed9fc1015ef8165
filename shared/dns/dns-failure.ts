// Turns a DNS failure into words and into the `warn` finding every check reports instead of crashing.
import type { Finding } from '../api/dns.ts';
import { DnsError } from './resolver.ts';

export function describeDnsFailure(error: unknown): string {
  if (!(error instanceof DnsError)) return 'the DNS lookup failed';
  switch (error.code) {
    case 'ETIMEOUT':
      return 'the DNS server did not answer in time';
    case 'ESERVFAIL':
      return 'the DNS server failed to answer';
    case 'EREFUSED':
      return 'the DNS server refused the query';
    case 'ENOTFOUND':
      return 'the name does not exist';
    case 'ENODATA':
      return 'there is no such record';
  }
}

/** A lookup that failed for a reason other than "no such record": the check cannot conclude. */
export function createDnsFailureFinding(
  check: string,
  name: string,
  error: unknown,
  expected: string | null = null,
): Finding {
  return {
    check,
    status: 'warn',
    found: null,
    expected,
    why: `The ${check.split('.')[0]?.toUpperCase()} records of ${name} could not be checked because ${describeDnsFailure(error)}; try again later.`,
  };
}
