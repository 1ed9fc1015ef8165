import { describe, expect, it } from 'vitest';
import { checkMx, type ReceiverExpectation } from './mx.ts';
import { createZoneResolver, type ZoneData } from './zone-stub.ts';

const CLOUDFLARE: ReceiverExpectation = {
  kind: 'receiver',
  name: 'Cloudflare Email Routing',
  hosts: ['route1.mx.cloudflare.net', 'route2.mx.cloudflare.net', 'route3.mx.cloudflare.net'],
  hostSuffixes: [],
};

const CLOUDFLARE_HOSTS: ZoneData = {
  'route1.mx.cloudflare.net': [{ A: '162.159.205.11' }],
  'route2.mx.cloudflare.net': [{ A: '162.159.205.12' }],
  'route3.mx.cloudflare.net': [{ A: '162.159.205.13' }, { AAAA: '2606:4700:4700::13' }],
};

function check(zone: ZoneData, expectation: ReceiverExpectation = CLOUDFLARE) {
  return checkMx('example.com', expectation, createZoneResolver({ ...CLOUDFLARE_HOSTS, ...zone }));
}

describe('checkMx', () => {
  it("accepts Cloudflare's three hosts with any priorities", async () => {
    const findings = await check({
      'example.com': [
        { MX: [86, 'route2.mx.cloudflare.net'] },
        { MX: [13, 'route1.mx.cloudflare.net.'] },
        { MX: [24, 'ROUTE3.mx.cloudflare.net'] },
      ],
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]?.status).toBe('ok');
    expect(findings[0]?.found).toBe(
      '86 route2.mx.cloudflare.net, 13 route1.mx.cloudflare.net, 24 route3.mx.cloudflare.net',
    );
  });

  it('fails an MX still pointing at the old host, with the record to delete', async () => {
    const findings = await check({
      'example.com': [
        { MX: [10, 'route1.mx.cloudflare.net'] },
        { MX: [20, 'route2.mx.cloudflare.net'] },
        { MX: [30, 'route3.mx.cloudflare.net'] },
        { MX: [5, 'mail.oldhost.example'] },
      ],
      'mail.oldhost.example': [{ A: '192.0.2.25' }],
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      check: 'mx',
      status: 'fail',
      found: '5 mail.oldhost.example',
      fix: {
        action: 'delete',
        record: { type: 'MX', name: 'example.com', value: 'mail.oldhost.example', priority: 5 },
        current: '5 mail.oldhost.example',
      },
    });
  });

  it('fails when no MX points at the receiver and proposes the three hosts', async () => {
    const findings = await check({
      'example.com': [{ MX: [10, 'mx.oldhost.example'] }],
      'mx.oldhost.example': [{ A: '192.0.2.1' }],
    });
    const adds = findings.filter((finding) => finding.fix?.action === 'add');
    expect(adds.map((finding) => [finding.status, finding.fix?.record.value, finding.fix?.record.priority])).toEqual([
      ['fail', 'route1.mx.cloudflare.net', 20],
      ['fail', 'route2.mx.cloudflare.net', 30],
      ['fail', 'route3.mx.cloudflare.net', 40],
    ]);
    expect(findings.filter((finding) => finding.fix?.action === 'delete')).toHaveLength(1);
  });

  it("warns when one of the receiver's hosts is missing", async () => {
    const findings = await check({
      'example.com': [{ MX: [10, 'route1.mx.cloudflare.net'] }, { MX: [20, 'route2.mx.cloudflare.net'] }],
    });
    expect(findings.map((finding) => [finding.status, finding.fix?.record.value])).toEqual([
      ['warn', 'route3.mx.cloudflare.net'],
    ]);
  });

  it('fails with the records to add when there is no MX at all', async () => {
    const findings = await check({ 'example.com': [{ A: '192.0.2.80' }] });
    expect(findings.map((finding) => finding.fix?.record.value)).toEqual([
      'route1.mx.cloudflare.net',
      'route2.mx.cloudflare.net',
      'route3.mx.cloudflare.net',
    ]);
    expect(findings.every((finding) => finding.status === 'fail')).toBe(true);
  });

  it('understands a null MX (RFC 7505): wrong for a receiving domain, right for a domain that receives nothing', async () => {
    const receiving = await check({ 'example.com': [{ MX: [0, '.'] }] });
    expect(receiving[0]).toMatchObject({
      status: 'fail',
      fix: { action: 'delete', record: { value: '.', priority: 0 } },
    });
    expect(receiving[0]?.why).toContain('RFC 7505');
    const silent = await check({ 'example.com': [{ MX: [0, '.'] }] }, { kind: 'none' });
    expect(silent).toMatchObject([{ status: 'ok', found: '0 .' }]);
    const noMx = await check({ 'example.com': [{ A: '192.0.2.80' }] }, { kind: 'none' });
    expect(noMx[0]).toMatchObject({
      status: 'warn',
      fix: { action: 'add', record: { type: 'MX', value: '.', priority: 0 } },
    });
  });

  it('fails an MX target that is a CNAME (RFC 2181 10.3) and one without an address', async () => {
    const findings = await check(
      {
        'example.com': [{ MX: [10, 'mail.example.com'] }, { MX: [20, 'nowhere.example.com'] }],
        'mail.example.com': [{ CNAME: 'server.hosting.example' }],
        'server.hosting.example': [{ A: '192.0.2.7' }],
        'nowhere.example.com': [{ TXT: 'not a host' }],
      },
      {
        kind: 'receiver',
        name: 'your own server',
        hosts: ['mail.example.com', 'nowhere.example.com'],
        hostSuffixes: [],
      },
    );
    expect(findings.map((finding) => [finding.check, finding.status, finding.found])).toEqual([
      ['mx.target', 'fail', 'CNAME server.hosting.example'],
      ['mx.target', 'fail', null],
    ]);
    expect(findings[0]?.why).toContain('RFC 2181 10.3');
  });

  it('matches per-tenant hosts by suffix (Microsoft 365) and warns on a DNS timeout', async () => {
    const m365: ReceiverExpectation = {
      kind: 'receiver',
      name: 'Microsoft 365',
      hosts: [],
      hostSuffixes: ['.mail.protection.outlook.com'],
    };
    const ok = await check(
      {
        'example.com': [{ MX: [0, 'example-com.mail.protection.outlook.com'] }],
        'example-com.mail.protection.outlook.com': [{ A: '192.0.2.9' }],
      },
      m365,
    );
    expect(ok[0]?.status).toBe('ok');
    const timeout = await check({ 'example.com': 'TIMEOUT' });
    expect(timeout).toMatchObject([{ check: 'mx', status: 'warn' }]);
  });
});
