// SPF checks whose DNS times out somewhere, each with the result the RFC section named requires.
import type { ZoneData } from '../../zone-stub.ts';

export type SpfTimeoutCase = {
  name: string;
  rfc: string;
  zone: ZoneData;
  input: { ip: string; sender: string; helo: string };
  expected: 'pass' | 'fail' | 'temperror';
};

const SENDER = 'ann@example.com';
const HELO = 'mail.example.com';
const IPV4 = '192.0.2.1';
const IPV6 = '2001:db8::1';

function spfCase(
  name: string,
  rfc: string,
  record: string,
  extra: ZoneData,
  expected: SpfTimeoutCase['expected'],
  ip = IPV4,
): SpfTimeoutCase {
  return {
    name,
    rfc,
    zone: { 'example.com': [{ TXT: record }], ...extra },
    input: { ip, sender: SENDER, helo: HELO },
    expected,
  };
}

export const SPF_TIMEOUT_CASES: SpfTimeoutCase[] = [
  {
    name: 'the record lookup',
    rfc: '7208 4.4',
    zone: { 'example.com': 'TIMEOUT' },
    input: { ip: IPV4, sender: SENDER, helo: HELO },
    expected: 'temperror',
  },
  spfCase(
    'an include target',
    '7208 5.2',
    'v=spf1 include:slow.example.net -all',
    { 'slow.example.net': 'TIMEOUT' },
    'temperror',
  ),
  spfCase(
    'a redirect target',
    '7208 6.1',
    'v=spf1 redirect=slow.example.net',
    { 'slow.example.net': 'TIMEOUT' },
    'temperror',
  ),
  spfCase('an a: lookup', '7208 5', 'v=spf1 a:slow.example.net -all', { 'slow.example.net': 'TIMEOUT' }, 'temperror'),
  spfCase('an mx lookup', '7208 5', 'v=spf1 mx:slow.example.net -all', { 'slow.example.net': 'TIMEOUT' }, 'temperror'),
  spfCase(
    'the address of an MX host',
    '7208 5',
    'v=spf1 mx -all',
    {
      'example.com': [{ TXT: 'v=spf1 mx -all' }, { MX: [10, 'mx.slow.example.net'] }],
      'mx.slow.example.net': 'TIMEOUT',
    },
    'temperror',
  ),
  spfCase(
    'an exists lookup',
    '7208 5.7',
    'v=spf1 exists:slow.example.net -all',
    { 'slow.example.net': 'TIMEOUT' },
    'temperror',
  ),
  spfCase('the PTR lookup (no match)', '7208 5.5', 'v=spf1 ptr -all', { '1.2.0.192.in-addr.arpa': 'TIMEOUT' }, 'fail'),
  spfCase(
    'the address of a PTR name (skipped)',
    '7208 5.5',
    'v=spf1 ptr -all',
    { '1.2.0.192.in-addr.arpa': [{ PTR: 'host.example.com' }], 'host.example.com': 'TIMEOUT' },
    'fail',
  ),
  spfCase(
    'the exp= text (no explanation)',
    '7208 6.2',
    'v=spf1 -all exp=why.example.com',
    { 'why.example.com': 'TIMEOUT' },
    'fail',
  ),
  spfCase(
    'an include after the matching term',
    '7208 4.6.2',
    'v=spf1 ip4:192.0.2.1 include:slow.example.net -all',
    { 'slow.example.net': 'TIMEOUT' },
    'pass',
  ),
  spfCase(
    'AAAA only, for an IPv4 client',
    '7208 5.3',
    'v=spf1 a:dual.example.com -all',
    { 'dual.example.com': [{ A: IPV4 }, { AAAA: 'TIMEOUT' }] },
    'pass',
  ),
  spfCase(
    'A only, for an IPv6 client',
    '7208 5.3',
    'v=spf1 a:dual.example.com -all',
    { 'dual.example.com': [{ AAAA: IPV6 }, { A: 'TIMEOUT' }] },
    'pass',
    IPV6,
  ),
];
