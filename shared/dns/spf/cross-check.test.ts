// mailgate's SPF evaluator against mailauth's (the reference it replaced in the worker): the same zones, the same answers,
// except for the known disagreements listed below, where mailgate follows the RFC section named.
import { spf as mailauthSpf } from 'mailauth/lib/spf/index.js';
import { describe, expect, it } from 'vitest';
import { createZoneResolver, type ZoneData } from '../zone-stub.ts';
import { evaluateSpf } from './evaluate.ts';
import { SPF_TIMEOUT_CASES } from './testing/timeout-cases.ts';

type Query = { ip: string; sender: string; helo: string };

const IP = '192.0.2.1';
const query = (sender: string, ip = IP, helo = 'mail.example.org'): Query => ({ ip, sender, helo });

const zone: ZoneData = {
  'pass.example': [{ TXT: 'v=spf1 ip4:192.0.2.0/24 -all' }],
  'fail.example': [{ TXT: 'v=spf1 ip4:198.51.100.1 -all' }],
  'soft.example': [{ TXT: 'v=spf1 ~all' }],
  'neutral.example': [{ TXT: 'v=spf1 ?all' }],
  'nospf.example': [{ TXT: 'google-site-verification=abc' }],
  'two.example': [{ TXT: 'v=spf1 -all' }, { TXT: 'v=spf1 +all' }],
  'inc.example': [{ TXT: 'v=spf1 include:pass.example -all' }],
  'inc-none.example': [{ TXT: 'v=spf1 include:nospf.example -all' }],
  'redir.example': [{ TXT: 'v=spf1 redirect=pass.example' }],
  'redir-none.example': [{ TXT: 'v=spf1 redirect=nospf.example' }],
  'mx.example': [{ TXT: 'v=spf1 mx -all' }, { MX: [10, 'in.mx.example'] }],
  'in.mx.example': [{ A: IP }],
  'a6.example': [{ TXT: 'v=spf1 a/24 ip6:2001:db8::/32 -all' }, { A: '192.0.2.200' }],
  'exists.example': [{ TXT: 'v=spf1 exists:%{ir}.%{l}.in.exists.example -all' }],
  '1.2.0.192.bob.in.exists.example': [{ A: '127.0.0.2' }],
  'ptr.example': [{ TXT: 'v=spf1 ptr -all' }],
  '1.2.0.192.in-addr.arpa': [{ PTR: 'host.ptr.example' }],
  'host.ptr.example': [{ A: IP }],
  'deep.example': [
    { TXT: `v=spf1 ${Array.from({ length: 11 }, (_, index) => `a:h${index}.deep.example`).join(' ')} -all` },
  ],
  'void.example': [{ TXT: 'v=spf1 a:v1.void.example a:v2.void.example a:v3.void.example -all' }],
  'why.example': [{ TXT: 'v=spf1 -all exp=text.why.example' }],
  'text.why.example': [{ TXT: '%{s} may not send from %{i}' }],
  'helo.example': [{ TXT: 'v=spf1 ip4:192.0.2.1 -all' }],
  // Known disagreements
  'bare-ip6.example': [{ TXT: 'v=spf1 -all ip6' }],
  'exp-twice.example': [{ TXT: 'v=spf1 -all exp=one.example exp=two.example' }],
  'exp-empty.example': [{ TXT: 'v=spf1 exp=-all' }],
  'exp-r.example': [{ TXT: 'v=spf1 -all exp=%{r}.why.example' }],
  'helo-macro.example': [{ TXT: 'v=spf1 a:%{h} -all' }],
};
for (let index = 0; index < 11; index += 1) zone[`h${index}.deep.example`] = [{ A: '198.51.100.9' }];

async function runOwn(input: Query, data: ZoneData = zone) {
  return evaluateSpf(input, createZoneResolver(data));
}

async function runMailauth(input: Query, data: ZoneData = zone) {
  const output = await mailauthSpf({ ...input, mta: 'mailgate', resolver: createZoneResolver(data) as never });
  return { result: output.status.result, explanation: output.explanation };
}

const agreed: [string, Query, string][] = [
  ['ip4 in the network (RFC 7208 5.6)', query('ann@pass.example'), 'pass'],
  ['-all (RFC 7208 5.1)', query('ann@fail.example'), 'fail'],
  ['~all', query('ann@soft.example'), 'softfail'],
  ['?all', query('ann@neutral.example'), 'neutral'],
  ['no v=spf1 record (RFC 7208 4.5)', query('ann@nospf.example'), 'none'],
  ['no such domain (RFC 7208 4.3)', query('ann@missing.example'), 'none'],
  ['two SPF records (RFC 7208 4.5)', query('ann@two.example'), 'permerror'],
  ['include that passes (RFC 7208 5.2)', query('ann@inc.example'), 'pass'],
  ['include of a domain without SPF (RFC 7208 5.2)', query('ann@inc-none.example'), 'permerror'],
  ['redirect (RFC 7208 6.1)', query('ann@redir.example'), 'pass'],
  ['redirect to a domain without SPF (RFC 7208 6.1)', query('ann@redir-none.example'), 'permerror'],
  ['mx (RFC 7208 5.4)', query('ann@mx.example'), 'pass'],
  ['a with a CIDR length (RFC 7208 5.3)', query('ann@a6.example'), 'pass'],
  ['ip6 for an IPv6 client (RFC 7208 5.6)', query('ann@a6.example', '2001:db8::25'), 'pass'],
  ['exists with macros (RFC 7208 5.7, 7)', query('bob@exists.example'), 'pass'],
  ['exists with macros, no match', query('eve@exists.example'), 'fail'],
  ['ptr validated (RFC 7208 5.5)', query('ann@ptr.example'), 'pass'],
  ['ptr for another client', query('ann@ptr.example', '192.0.2.99'), 'fail'],
  ['11 DNS-querying terms (RFC 7208 4.6.4)', query('ann@deep.example'), 'permerror'],
  ['3 void lookups (RFC 7208 4.6.4)', query('ann@void.example'), 'permerror'],
  ['null sender: the HELO identity (RFC 7208 2.4)', query('', IP, 'helo.example'), 'pass'],
];

describe('SPF: mailgate and mailauth agree', () => {
  it.each(agreed)('%s', async (_name, input, expected) => {
    expect((await runOwn(input)).result).toBe(expected);
    expect((await runMailauth(input)).result).toBe(expected);
  });

  it('expands the same exp= text (RFC 7208 6.2)', async () => {
    const input = query('ann@why.example');
    const own = await runOwn(input);
    const reference = await runMailauth(input);
    expect(own).toMatchObject({ result: 'fail', explanation: `ann@why.example may not send from ${IP}` });
    expect(reference).toEqual({ result: 'fail', explanation: own.explanation });
  });

  it.each(
    SPF_TIMEOUT_CASES.map((testCase) => [`DNS timeout in ${testCase.name} (RFC ${testCase.rfc})`, testCase] as const),
  )('%s', async (_name, testCase) => {
    expect((await runOwn(testCase.input, testCase.zone)).result).toBe(testCase.expected);
    expect((await runMailauth(testCase.input, testCase.zone)).result).toBe(testCase.expected);
  });
});

/** [case, query, mailgate's result (the RFC's), mailauth's default-mode result]. */
const disagreements: [string, Query, string, string][] = [
  [
    '"ip6" without an address is a syntax error (RFC 7208 5.6, 4.6)',
    query('ann@bare-ip6.example'),
    'permerror',
    'fail',
  ],
  ['exp= twice (RFC 7208 6: at most once)', query('ann@exp-twice.example'), 'permerror', 'fail'],
  ['exp= without a domain-spec (RFC 7208 6.2)', query('ann@exp-empty.example'), 'permerror', 'neutral'],
  [
    'the r macro outside exp= text (RFC 7208 7.3: c, r, t only in explanations)',
    query('ann@exp-r.example'),
    'permerror',
    'fail',
  ],
  [
    '%{h} with a HELO that is no domain name expands to a name that does not exist (RFC 7208 7.3, 4.8)',
    query('ann@helo-macro.example', IP, 'NOT A HOST'),
    'fail',
    'permerror',
  ],
  [
    '%{h} with a HELO domain literal (RFC 7208 7.3, 4.8)',
    query('ann@helo-macro.example', IP, '[192.0.2.1]'),
    'fail',
    'permerror',
  ],
];

describe('SPF: known disagreements, where mailgate follows the RFC', () => {
  it.each(disagreements)('%s', async (_name, input, own, reference) => {
    expect((await runOwn(input)).result).toBe(own);
    expect((await runMailauth(input)).result).toBe(reference);
  });
});
