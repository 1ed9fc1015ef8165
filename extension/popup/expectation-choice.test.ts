// The sender picker's choice: remembered per domain in storage.local, and what it makes checkDomain expect.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { checkDomain } from '../../shared/dns/check-domain.ts';
import { createZoneResolver, type ZoneData } from '../../shared/dns/zone-stub.ts';
import {
  describeChoice,
  loadChoice,
  loadLastGatewayDomain,
  RECEIVER_SERVICES,
  saveChoice,
  saveLastGatewayDomain,
  SENDING_SERVICES,
  toExpectations,
} from './expectation-choice.ts';

/** A Cloudflare Email Routing domain whose SPF allows only Cloudflare. */
const zone: ZoneData = {
  'example.com': [
    { MX: [13, 'route1.mx.cloudflare.net'] },
    { MX: [86, 'route2.mx.cloudflare.net'] },
    { MX: [24, 'route3.mx.cloudflare.net'] },
    { TXT: 'v=spf1 include:_spf.mx.cloudflare.net ~all' },
  ],
  '_spf.mx.cloudflare.net': [{ TXT: 'v=spf1 ip4:104.30.0.0/19 -all' }],
  '_spf.odoo.com': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }],
  '_spf.google.com': [{ TXT: 'v=spf1 ip4:203.0.113.0/24 ~all' }],
  '_dmarc.example.com': [{ TXT: 'v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com' }],
};

beforeEach(() => fakeBrowser.reset());

describe('expectation choice storage', () => {
  it('remembers the choice per domain and knows when none was made', async () => {
    await saveChoice('example.com', { receiver: 'cloudflare', senders: ['odoo'] });
    expect(await loadChoice('example.com')).toEqual({ receiver: 'cloudflare', senders: ['odoo'] });
    expect(await loadChoice('other.example')).toBeNull();
  });

  it('drops service ids the table does not know (an older version may have stored them)', async () => {
    await fakeBrowser.storage.local.set({
      'mailgate:expectations:example.com': { receiver: 'gone', senders: ['odoo', 'gone', 'odoo'] },
    });
    expect(await loadChoice('example.com')).toEqual({ receiver: 'cloudflare', senders: ['odoo'] });
  });

  it('ignores a stored value of the wrong shape', async () => {
    await fakeBrowser.storage.local.set({ 'mailgate:expectations:example.com': 'odoo' });
    expect(await loadChoice('example.com')).toBeNull();
  });

  it('remembers the gateway domain picked last', async () => {
    expect(await loadLastGatewayDomain()).toBeNull();
    await saveLastGatewayDomain('b.example');
    expect(await loadLastGatewayDomain()).toBe('b.example');
  });
});

describe('picker options', () => {
  it('lists the common sending services: Odoo, Google, Microsoft 365, Cloudflare, Mailgun, SES, Brevo, Zoho', () => {
    const ids = SENDING_SERVICES.map((service) => service.id);
    for (const id of ['odoo', 'google', 'microsoft365', 'cloudflare', 'mailgun', 'amazon-ses', 'brevo', 'zoho'])
      expect(ids).toContain(id);
    // Receivers need an MX the table knows: Odoo, SES and an own server (host name unknown) cannot be picked.
    expect(RECEIVER_SERVICES.map((service) => service.id)).toEqual([
      'cloudflare',
      'google',
      'microsoft365',
      'mailgun',
      'zoho',
    ]);
  });

  it('describes a choice in one line', () => {
    expect(describeChoice({ receiver: 'cloudflare', senders: [] })).toBe('Cloudflare Email Routing receives');
    expect(describeChoice({ receiver: 'cloudflare', senders: ['odoo', 'cloudflare'] })).toBe(
      'Cloudflare Email Routing receives · Odoo Online / Odoo.sh sends',
    );
    expect(describeChoice({ receiver: 'none', senders: ['google', 'brevo'] })).toBe(
      'Receives no mail · Google Workspace, Brevo (ex Sendinblue) send',
    );
  });
});

describe('picking senders changes what checkDomain expects', () => {
  it("adds the sender's SPF include to the expected (merged) record and its DKIM selector", async () => {
    const resolver = createZoneResolver(zone);
    const before = await checkDomain('example.com', toExpectations({ receiver: 'cloudflare', senders: [] }), resolver);
    expect(before.findings.find((finding) => finding.check === 'spf')?.status).toBe('ok');

    const after = await checkDomain(
      'example.com',
      toExpectations({ receiver: 'cloudflare', senders: ['odoo'] }),
      resolver,
    );
    const spf = after.findings.find((finding) => finding.check === 'spf');
    expect(spf?.status).toBe('fail');
    // The fix keeps Cloudflare's include and adds Odoo's: one merged record, never a second SPF record.
    expect(spf?.fix).toMatchObject({
      action: 'replace',
      record: {
        type: 'TXT',
        name: 'example.com',
        value: 'v=spf1 include:_spf.mx.cloudflare.net include:_spf.odoo.com ~all',
      },
    });
    expect(
      after.findings.some(
        (finding) => finding.check === 'dkim' && finding.fix?.record.name === 'odoo._domainkey.example.com',
      ),
    ).toBe(true);
  });

  it("expects another receiver's MX when the receiver changes", async () => {
    const report = await checkDomain(
      'example.com',
      toExpectations({ receiver: 'google', senders: [] }),
      createZoneResolver(zone),
    );
    const mx = report.findings.filter((finding) => finding.check === 'mx');
    expect(mx.some((finding) => finding.status === 'fail')).toBe(true);
    expect(JSON.stringify(mx)).toMatch(/google\.com/);
  });
});
