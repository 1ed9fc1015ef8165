import { describe, expect, it } from 'vitest';
import { createZoneResolver } from './zone-stub.ts';

describe('createZoneResolver', () => {
  const resolve = createZoneResolver({
    'Example.COM': [{ TXT: 'v=spf1 -all' }, { MX: [10, 'mx.example.com.'] }, { A: '192.0.2.1' }],
    'split.example.com': [{ TXT: ['v=spf1 ', 'ip4:192.0.2.1 -all'] }],
    'spfonly.example.com': [{ SPF: 'v=spf1 ?all' }],
    'blocked.example.com': [{ SPF: 'v=spf1 ?all' }, { TXT: 'NONE' }],
    'slow.example.com': 'TIMEOUT',
    'late.example.com': [{ TXT: 'v=spf1 -all' }, 'TIMEOUT'],
    'early.example.com': ['TIMEOUT', { TXT: 'v=spf1 -all' }],
    'alias.example.com': [{ CNAME: 'split.example.com.' }],
    'loop1.example.com': [{ CNAME: 'loop2.example.com' }],
    'loop2.example.com': [{ CNAME: 'LOOP1.example.com' }],
  });

  it('answers case-insensitively, with Node shapes', async () => {
    expect(await resolve('example.com.', 'TXT')).toEqual([['v=spf1 -all']]);
    expect(await resolve('EXAMPLE.com', 'MX')).toEqual([{ priority: 10, exchange: 'mx.example.com' }]);
    expect(await resolve('split.example.com', 'TXT')).toEqual([['v=spf1 ', 'ip4:192.0.2.1 -all']]);
  });

  it('distinguishes NXDOMAIN from NODATA and times out where told', async () => {
    await expect(resolve('nowhere.example.com', 'A')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(resolve('example.com', 'AAAA')).rejects.toMatchObject({ code: 'ENODATA' });
    await expect(resolve('slow.example.com', 'TXT')).rejects.toMatchObject({ code: 'ETIMEOUT' });
    await expect(resolve('early.example.com', 'TXT')).rejects.toMatchObject({ code: 'ETIMEOUT' });
    expect(await resolve('late.example.com', 'TXT')).toEqual([['v=spf1 -all']]);
  });

  it('synthesizes TXT from SPF-type records unless a TXT entry exists', async () => {
    expect(await resolve('spfonly.example.com', 'TXT')).toEqual([['v=spf1 ?all']]);
    expect(await resolve('spfonly.example.com', 'SPF')).toEqual([['v=spf1 ?all']]);
    await expect(resolve('blocked.example.com', 'TXT')).rejects.toMatchObject({ code: 'ENODATA' });
  });

  it('follows CNAMEs and reports loops as server failures', async () => {
    expect(await resolve('alias.example.com', 'TXT')).toEqual([['v=spf1 ', 'ip4:192.0.2.1 -all']]);
    await expect(resolve('loop1.example.com', 'A')).rejects.toMatchObject({ code: 'ESERVFAIL' });
  });
});
