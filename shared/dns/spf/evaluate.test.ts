import { describe, expect, it } from 'vitest';
import { createZoneResolver, type ZoneData } from '../zone-stub.ts';
import { evaluateSpf } from './evaluate.ts';

const zone: ZoneData = {
  'example.com': [
    { TXT: 'v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a:web.example.com mx -all exp=why.example.com' },
    { MX: [10, 'mx.example.com'] },
  ],
  'web.example.com': [{ A: '198.51.100.7' }, { AAAA: '2001:db8:ffff::7' }],
  'mx.example.com': [{ A: '203.0.113.25' }],
  'why.example.com': [{ TXT: '%{i} is not allowed to send for %{d} (sender %{l})' }],
  'inc.example.com': [{ TXT: 'v=spf1 include:partner.example.net ~all' }],
  'partner.example.net': [{ TXT: 'v=spf1 ip4:203.0.113.0/28 -all' }],
  'redir.example.com': [{ TXT: 'v=spf1 redirect=example.com' }],
  'ptr.example.com': [{ TXT: 'v=spf1 ptr -all' }],
  '25.113.0.203.in-addr.arpa': [{ PTR: 'mx.ptr.example.com' }],
  'mx.ptr.example.com': [{ A: '203.0.113.25' }],
  'exists.example.com': [{ TXT: 'v=spf1 exists:%{ir}.list.example.com -all' }],
  '9.2.0.192.list.example.com': [{ A: '127.0.0.2' }],
  'dual.example.com': [{ TXT: 'v=spf1 a/24//64 -all' }, { A: '192.0.2.200' }, { AAAA: '2001:db8:1:2::1' }],
  'two.example.com': [{ TXT: 'v=spf1 -all' }, { TXT: 'v=spf1 +all' }],
  'broken.example.com': [{ TXT: 'v=spf1 ip4:192.0.2.1 -all moo' }],
  'slow.example.com': [{ TXT: 'v=spf1 include:timeout.example.com -all' }],
  'timeout.example.com': 'TIMEOUT',
  'many.example.com': [
    { TXT: `v=spf1 ${'a '.repeat(10)}a:last.example.com ip4:192.0.2.1 -all` },
    { A: '198.51.100.1' },
  ],
  'ten.example.com': [{ TXT: `v=spf1 ${'a '.repeat(10)}ip4:192.0.2.1 -all` }, { A: '198.51.100.1' }],
  'voids.example.com': [{ TXT: 'v=spf1 a:n1.example.com a:n2.example.com a:n3.example.com ?all' }],
  'mxmany.example.com': [
    { TXT: 'v=spf1 mx -all' },
    ...Array.from({ length: 11 }, (_, index) => ({ MX: [index, `h${index}.example.com`] })),
  ],
  'loop.example.com': [{ TXT: 'v=spf1 include:loop.example.com -all' }],
  'helo.example.org': [{ TXT: 'v=spf1 a -all' }, { A: '192.0.2.77' }],
};
const resolver = createZoneResolver(zone);
const check = (ip: string, sender: string, helo = 'mail.example.org') => evaluateSpf({ ip, sender, helo }, resolver);

describe('evaluateSpf mechanisms', () => {
  it('matches ip4/ip6 networks, a and mx', async () => {
    expect((await check('192.0.2.9', 'a@example.com')).result).toBe('pass');
    expect((await check('2001:db8:1::1', 'a@example.com')).result).toBe('pass');
    expect((await check('::ffff:192.0.2.9', 'a@example.com')).result).toBe('pass');
    expect((await check('198.51.100.7', 'a@example.com')).result).toBe('pass');
    expect((await check('203.0.113.25', 'a@example.com')).result).toBe('pass');
  });

  it('fails others and expands the exp= explanation', async () => {
    const outcome = await check('198.51.100.8', 'bob@example.com');
    expect(outcome.result).toBe('fail');
    expect(outcome.explanation).toBe('198.51.100.8 is not allowed to send for example.com (sender bob)');
  });

  it('follows include (pass matches, fail does not) and redirect', async () => {
    expect((await check('203.0.113.5', 'a@inc.example.com')).result).toBe('pass');
    expect((await check('203.0.113.50', 'a@inc.example.com')).result).toBe('softfail');
    expect((await check('192.0.2.9', 'a@redir.example.com')).result).toBe('pass');
    const redirected = await check('198.51.100.8', 'a@redir.example.com');
    expect(redirected).toMatchObject({
      result: 'fail',
      explanation: '198.51.100.8 is not allowed to send for example.com (sender a)',
    });
  });

  it('validates ptr names and evaluates exists with macros', async () => {
    expect((await check('203.0.113.25', 'a@ptr.example.com')).result).toBe('pass');
    expect((await check('203.0.113.26', 'a@ptr.example.com')).result).toBe('fail');
    expect((await check('192.0.2.9', 'a@exists.example.com')).result).toBe('pass');
    expect((await check('192.0.2.10', 'a@exists.example.com')).result).toBe('fail');
  });

  it('applies dual CIDR lengths per address family', async () => {
    expect((await check('192.0.2.1', 'a@dual.example.com')).result).toBe('pass');
    expect((await check('2001:db8:1:2::ffff', 'a@dual.example.com')).result).toBe('pass');
    expect((await check('2001:db8:1:3::1', 'a@dual.example.com')).result).toBe('fail');
  });

  it('checks postmaster@helo for an empty sender', async () => {
    expect(await check('192.0.2.77', '', 'helo.example.org')).toMatchObject({
      result: 'pass',
      domain: 'helo.example.org',
    });
  });
});

describe('evaluateSpf results and limits', () => {
  it('returns none, permerror and temperror where RFC 7208 says so', async () => {
    expect((await check('192.0.2.1', 'a@nothing.example.com')).result).toBe('none');
    expect((await check('192.0.2.1', 'a@localhost')).result).toBe('none');
    expect((await check('192.0.2.1', 'a@two.example.com')).result).toBe('permerror');
    expect((await check('192.0.2.1', 'a@broken.example.com')).result).toBe('permerror');
    expect((await check('192.0.2.1', 'a@slow.example.com')).result).toBe('temperror');
  });

  it('allows 10 DNS-querying terms and refuses the 11th', async () => {
    expect(await check('192.0.2.1', 'a@ten.example.com')).toMatchObject({ result: 'pass', lookups: 10 });
    const over = await check('192.0.2.1', 'a@many.example.com');
    expect(over.result).toBe('permerror');
    expect(over.reason).toContain('more than 10');
  });

  it('refuses a third void lookup, more than 10 MX names and include loops', async () => {
    const voids = await check('192.0.2.1', 'a@voids.example.com');
    expect(voids).toMatchObject({ result: 'permerror', voidLookups: 3 });
    expect((await check('192.0.2.1', 'a@mxmany.example.com')).result).toBe('permerror');
    expect((await check('192.0.2.1', 'a@loop.example.com')).result).toBe('permerror');
  });
});
