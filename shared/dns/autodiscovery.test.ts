import { describe, expect, it } from 'vitest';
import { checkAutodiscovery } from './autodiscovery.ts';
import { DnsError, type Resolver } from './resolver.ts';
import { createZoneResolver } from './zone-stub.ts';

describe('checkAutodiscovery', () => {
  it('reports published, refused and absent services as info', async () => {
    const findings = await checkAutodiscovery(
      'example.com',
      createZoneResolver({
        '_submission._tcp.example.com': [{ SRV: '0 1 587 mail.example.com.' }],
        '_pop3s._tcp.example.com': [{ SRV: '0 0 0 .' }],
        'autoconfig.example.com': [{ CNAME: 'mail.example.com' }],
        'mail.example.com': [{ A: '192.0.2.10' }],
      }),
    );
    expect(findings.map((finding) => [finding.check, finding.status, finding.found])).toEqual([
      ['srv.submissions', 'info', null],
      ['srv.submission', 'info', '0 1 587 mail.example.com'],
      ['srv.imaps', 'info', null],
      ['srv.imap', 'info', null],
      ['srv.pop3s', 'info', '0 0 0 .'],
      ['srv.autoconfig', 'info', 'CNAME mail.example.com, A 192.0.2.10'],
      ['srv.autodiscover', 'info', null],
    ]);
    expect(findings[4]?.why).toContain('deliberately not offered');
  });

  it('accepts resolver SRV objects and stays info on DNS failures', async () => {
    const resolver: Resolver = async (name, type) => {
      if (type === 'SRV' && name.startsWith('_imaps.'))
        return [{ priority: 5, weight: 0, port: 993, name: 'imap.example.com' }] as never;
      throw new DnsError('ETIMEOUT', name, type);
    };
    const findings = await checkAutodiscovery('example.com', resolver);
    expect(findings.find((finding) => finding.check === 'srv.imaps')?.found).toBe('5 0 993 imap.example.com');
    expect(findings.every((finding) => finding.status === 'info')).toBe(true);
    expect(findings.find((finding) => finding.check === 'srv.imap')?.why).toContain('did not answer in time');
  });
});
