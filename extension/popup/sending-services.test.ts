// Cloudflare Email Service as a sender in the popup's picker: its SPF include merged into the one expected record with
// the others the admin ticked, and its DKIM key expected under the `cf-bounce` selector.
import { describe, expect, it } from 'vitest';
import { checkDomain } from '../../shared/dns/check-domain.ts';
import { generateDkimKeyPair } from '../../shared/dns/dkim-keygen.ts';
import { createZoneResolver, type ZoneData } from '../../shared/dns/zone-stub.ts';
import { SENDING_SERVICES, toExpectations } from './expectation-choice.ts';

const includes: ZoneData = {
  '_spf.mx.cloudflare.net': [{ TXT: 'v=spf1 ip4:104.30.0.0/19 -all' }],
  '_spf.odoo.com': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }],
  '_spf.google.com': [{ TXT: 'v=spf1 ip4:203.0.113.0/24 ~all' }],
};

describe('Cloudflare Email Service (sending) in the popup', () => {
  it('is offered among the services that send as the domain', () => {
    expect(SENDING_SERVICES.map((service) => service.id)).toContain('cloudflare-sending');
  });

  it('merges its SPF include with the other senders ticked, into one record', async () => {
    const report = await checkDomain(
      'example.com',
      toExpectations({ receiver: 'google', senders: ['cloudflare-sending', 'odoo'] }),
      createZoneResolver({
        ...includes,
        'example.com': [{ MX: [1, 'smtp.google.com'] }, { TXT: 'v=spf1 include:_spf.google.com ~all' }],
      }),
    );
    const spf = report.findings.find((finding) => finding.check === 'spf');
    expect(spf?.status).toBe('fail');
    expect(spf?.fix).toMatchObject({
      action: 'replace',
      record: {
        type: 'TXT',
        name: 'example.com',
        value: 'v=spf1 include:_spf.google.com include:_spf.mx.cloudflare.net include:_spf.odoo.com ~all',
      },
    });
  });

  it('needs no second include next to Email Routing, and expects the cf-bounce DKIM key', async () => {
    const key = await generateDkimKeyPair('example.com', 'cf-bounce');
    const report = await checkDomain(
      'example.com',
      toExpectations({ receiver: 'cloudflare', senders: ['cloudflare-sending'] }),
      createZoneResolver({
        ...includes,
        'example.com': [
          { MX: [13, 'route1.mx.cloudflare.net'] },
          { TXT: 'v=spf1 include:_spf.mx.cloudflare.net ~all' },
        ],
        'cf-bounce._domainkey.example.com': [{ TXT: key.record.value }],
      }),
    );
    expect(report.findings.find((finding) => finding.check === 'spf')?.status).toBe('ok');
    const dkim = report.findings.filter((finding) => finding.check === 'dkim');
    expect(dkim.map((finding) => [finding.expected, finding.status])).toContainEqual([
      'TXT cf-bounce._domainkey.example.com with an RSA key of at least 2048 bits',
      'ok',
    ]);
  });
});
