import { describe, expect, it } from 'vitest';
import type { RecordFix } from '../api/dns.ts';
import { renderZoneFile } from './zone-file.ts';

describe('renderZoneFile', () => {
  it('renders adds, replacements and deletions, splitting long TXT into quoted 255-octet strings', () => {
    const key = `v=DKIM1; k=rsa; p=${'A'.repeat(380)}`;
    const fixes: RecordFix[] = [
      { action: 'add', record: { type: 'TXT', name: 'cf2024-1._domainkey.example.com', value: key, ttl: 3600 } },
      {
        action: 'add',
        record: { type: 'MX', name: 'example.com', value: 'route1.mx.cloudflare.net', ttl: 3600, priority: 13 },
      },
      {
        action: 'add',
        record: { type: 'CNAME', name: 'odoo._domainkey.example.com', value: 'odoo._domainkey.odoo.com', ttl: 300 },
      },
      {
        action: 'replace',
        record: {
          type: 'TXT',
          name: '_dmarc.example.com',
          value: 'v=DMARC1; p=quarantine; rua=mailto:d@example.com',
          ttl: 3600,
        },
        current: 'v=DMARC1; p=none; rua=mailto:d@example.com',
      },
      {
        action: 'delete',
        record: { type: 'MX', name: 'example.com', value: 'mx.oldhost.example', ttl: 3600, priority: 5 },
        current: '5 mx.oldhost.example',
      },
    ];
    expect(renderZoneFile(fixes)).toBe(
      [
        '; mailgate: DNS changes for mail (BIND zone-file format, RFC 1035 5.1)',
        `cf2024-1._domainkey.example.com.\t3600\tIN\tTXT\t"${key.slice(0, 255)}" "${key.slice(255)}"`,
        'example.com.\t3600\tIN\tMX\t13 route1.mx.cloudflare.net.',
        'odoo._domainkey.example.com.\t300\tIN\tCNAME\todoo._domainkey.odoo.com.',
        '; replace the TXT record of _dmarc.example.com. that reads: v=DMARC1; p=none; rua=mailto:d@example.com',
        '_dmarc.example.com.\t3600\tIN\tTXT\t"v=DMARC1; p=quarantine; rua=mailto:d@example.com"',
        '; delete: example.com.\t3600\tIN\tMX\t5 mx.oldhost.example.',
        '',
      ].join('\n'),
    );
  });

  it('writes a null MX as "0 ." and escapes quotes in TXT', () => {
    const snippet = renderZoneFile([
      { action: 'add', record: { type: 'MX', name: 'example.com', value: '.', ttl: 3600, priority: 0 } },
      { action: 'add', record: { type: 'TXT', name: 'example.com', value: 'say "hi"', ttl: 60 } },
    ]);
    expect(snippet).toContain('example.com.\t3600\tIN\tMX\t0 .\n');
    expect(snippet).toContain('example.com.\t60\tIN\tTXT\t"say \\"hi\\""\n');
  });
});
