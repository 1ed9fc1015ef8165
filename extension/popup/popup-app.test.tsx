// The popup end to end in happy-dom: domain sources, the sender picker, page records against DNS, fill and re-check.
// DNS is a real checkDomain over a zone stub; storage is WXT's fake browser; timers are driven by hand.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { DnsRecord } from '../../shared/api/dns.ts';
import { checkDomain } from '../../shared/dns/check-domain.ts';
import { generateDkimKeyPair } from '../../shared/dns/dkim-keygen.ts';
import { createZoneResolver, type ZoneData, type ZoneEntry } from '../../shared/dns/zone-stub.ts';
import type { FillResponse } from '../messages/fill-message.ts';
import type { PageReading } from '../messages/read-page-message.ts';
import type { PageTab } from './active-page.ts';
import { readDomainParam } from './domain-param.ts';
import {
  loadChoice,
  loadLastGatewayDomain,
  saveChoice,
  saveLastGatewayDomain,
  toExpectations,
} from './expectation-choice.ts';
import { PopupApp } from './popup-app.tsx';
import type { PopupServices } from './popup-services.ts';
import type { ReportRequest } from './report-loader.ts';
import { createManualTimers, type ManualTimers } from './testing/manual-timers.ts';
import { clearWatch, loadWatch, saveWatch } from './watch-memory.ts';

const MERGED_SPF = 'v=spf1 include:_spf.mx.cloudflare.net include:_spf.odoo.com ~all';

/** A Cloudflare Email Routing domain whose SPF allows only Cloudflare, with DMARC at quarantine. */
function createZone(domain = 'example.com'): ZoneData {
  return {
    [domain]: [
      { MX: [13, 'route1.mx.cloudflare.net'] },
      { MX: [86, 'route2.mx.cloudflare.net'] },
      { MX: [24, 'route3.mx.cloudflare.net'] },
      { TXT: 'v=spf1 include:_spf.mx.cloudflare.net ~all' },
    ],
    'route1.mx.cloudflare.net': [{ A: '162.159.205.11' }],
    'route2.mx.cloudflare.net': [{ A: '162.159.205.12' }],
    'route3.mx.cloudflare.net': [{ A: '162.159.205.13' }],
    '_spf.mx.cloudflare.net': [{ TXT: 'v=spf1 ip4:104.30.0.0/19 -all' }],
    '_spf.odoo.com': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }],
    [`_dmarc.${domain}`]: [{ TXT: `v=DMARC1; p=quarantine; rua=mailto:dmarc@${domain}` }],
  };
}

const cloudflareReading = (records: DnsRecord[] = []): PageReading => ({
  adapter: 'cloudflare',
  adapterName: 'Cloudflare',
  knownRegistrar: true,
  zone: 'example.com',
  records,
});

type TestServices = PopupServices & {
  clock: ManualTimers;
  reportRequests: ReportRequest[];
  fills: { tabId: number; record: DnsRecord; zone: string }[];
  reads: { tabId: number; inject: boolean }[];
  odooOverlays: number[];
  copied: string[];
  zone: ZoneData;
};

function createServices(
  options: {
    tab?: PageTab | null;
    reading?: PageReading | null | ((inject: boolean) => PageReading | null);
    gatewayDomains?: string[] | null;
    zone?: ZoneData;
    fillResponse?: FillResponse;
  } = {},
): TestServices {
  const clock = createManualTimers(Date.parse('2026-01-01T10:00:00Z'));
  const services: TestServices = {
    clock,
    reportRequests: [],
    fills: [],
    reads: [],
    odooOverlays: [],
    copied: [],
    zone: options.zone ?? createZone(),
    findPageTab: async () => options.tab ?? null,
    async readPage(tabId, { inject }) {
      services.reads.push({ tabId, inject });
      const reading = options.reading ?? null;
      return typeof reading === 'function' ? reading(inject) : reading;
    },
    async fill(tabId, record, zone) {
      services.fills.push({ tabId, record, zone });
      return (
        options.fillResponse ?? { ok: true, adapter: 'cloudflare', filled: ['type', 'name', 'value'], problems: [] }
      );
    },
    showOdooOverlay: async (tabId) => void services.odooOverlays.push(tabId),
    loadGatewayDomains: async () => options.gatewayDomains ?? null,
    async loadReport(request) {
      services.reportRequests.push(request);
      // A fresh resolver over the current zone: a test edits the zone to play the admin saving a record.
      const report = await checkDomain(
        request.domain,
        toExpectations(request.choice),
        createZoneResolver(services.zone),
        { now: () => new Date(clock.timers.now()) },
      );
      return { report, checkedBy: request.viaGateway ? 'gateway' : 'browser' };
    },
    loadChoice,
    saveChoice,
    loadLastGatewayDomain,
    saveLastGatewayDomain,
    loadWatch,
    saveWatch,
    clearWatch,
    copy: async (text) => void services.copied.push(text),
    timers: clock.timers,
  };
  return services;
}

function statusOf(container: ParentNode, check: string): string | null {
  return container.querySelector(`[data-check="${check}"]`)?.getAttribute('data-status') ?? null;
}

async function waitForReport(container: ParentNode): Promise<void> {
  await waitFor(() => expect(container.querySelector('[data-report-status]')).not.toBeNull());
}

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

describe('PopupApp: where the domain comes from', () => {
  it('checks the domain of ?domain= and says so', async () => {
    const services = createServices();
    const { container } = render(<PopupApp domain={readDomainParam('?domain=Example.COM.')} services={services} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('mailgate');
    await waitForReport(container);
    expect(screen.getByTestId('domain').textContent).toBe('example.com');
    expect(container.querySelector('[data-domain-source]')?.textContent).toBe(
      'from the link that opened this checklist',
    );
    expect(services.reportRequests[0]).toEqual({
      domain: 'example.com',
      choice: { receiver: 'cloudflare', senders: [] },
      viaGateway: false,
    });
    expect(statusOf(container, 'spf')).toBe('ok');
  });

  it('reads the domain from the registrar page when there is no link', async () => {
    const services = createServices({
      tab: { tabId: 7, url: 'https://dash.cloudflare.com/a/example.com/dns/records' },
      reading: cloudflareReading(),
    });
    const { container } = render(<PopupApp domain={null} services={services} />);
    await waitForReport(container);
    expect(screen.getByTestId('domain').textContent).toBe('example.com');
    expect(container.querySelector('[data-domain-source]')?.textContent).toBe('from this Cloudflare page');
    expect(services.reads[0]).toEqual({ tabId: 7, inject: false });
    expect(container.querySelector('[data-page="read"]')?.textContent).toBe(
      'Cloudflare page · example.com · 0 records listed',
    );
  });

  it("picks among the gateway's domains, asks the gateway, and remembers the pick", async () => {
    const services = createServices({
      gatewayDomains: ['a.example', 'b.example'],
      zone: { ...createZone('a.example'), ...createZone('b.example') },
    });
    const { container } = render(<PopupApp domain={null} services={services} />);
    await waitForReport(container);
    expect(screen.getByTestId('domain').textContent).toBe('a.example');
    expect(services.reportRequests.at(-1)).toMatchObject({ domain: 'a.example', viaGateway: true });
    fireEvent.change(screen.getByRole('combobox', { name: 'Gateway domain' }), { target: { value: 'b.example' } });
    await waitFor(() =>
      expect(services.reportRequests.at(-1)).toMatchObject({ domain: 'b.example', viaGateway: true }),
    );
    expect(screen.getByTestId('domain').textContent).toBe('b.example');
    expect(await loadLastGatewayDomain()).toBe('b.example');
    // The gateway receives through Cloudflare Email Routing: its receiver is not the admin's to pick.
    expect(screen.queryByRole('combobox', { name: 'Mail arrives at' })).toBeNull();
    expect(
      screen.getByText('Expected by your mailgate gateway: mail arrives through Cloudflare Email Routing.'),
    ).toBeTruthy();
  });

  it('offers a text field when nothing names a domain, and checks what the admin types', async () => {
    const services = createServices();
    const { container } = render(<PopupApp domain={readDomainParam('?domain=not a domain')} services={services} />);
    await waitFor(() => expect(screen.getByTestId('domain').textContent).toBe('No domain selected'));
    expect(services.reportRequests).toEqual([]);
    const field = screen.getByRole('textbox', { name: 'Domain to check' });
    fireEvent.input(field, { target: { value: 'nonsense here' } });
    fireEvent.submit(field.closest('form')!);
    expect(screen.getByRole('alert').textContent).toBe('Type a domain name such as example.com.');
    fireEvent.input(field, { target: { value: 'Example.com' } });
    fireEvent.submit(field.closest('form')!);
    await waitForReport(container);
    expect(screen.getByTestId('domain').textContent).toBe('example.com');
    expect(container.querySelector('[data-domain-source]')?.textContent).toBe('typed by you');
  });

  it('reads a page that is not a known registrar only after the admin clicks (activeTab)', async () => {
    const services = createServices({
      tab: { tabId: 3, url: 'https://dns.example-host.net/zones/example.com' },
      reading: (inject) =>
        inject ? { ...cloudflareReading(), adapter: 'generic', adapterName: 'web', knownRegistrar: false } : null,
    });
    const { container } = render(<PopupApp domain={null} services={services} />);
    const button = await screen.findByRole('button', { name: 'Read this page' });
    expect(services.reads).toEqual([{ tabId: 3, inject: false }]);
    fireEvent.click(button);
    await waitForReport(container);
    expect(services.reads).toContainEqual({ tabId: 3, inject: true });
    expect(screen.getByTestId('domain').textContent).toBe('example.com');
    expect(container.querySelector('[data-domain-source]')?.textContent).toBe('from this page');
  });
});

describe('PopupApp: self-hosted Odoo', () => {
  it("puts the Odoo overlay on an unknown page at the admin's click", async () => {
    const services = createServices({ tab: { tabId: 9, url: 'https://erp.example.com/odoo/settings' }, reading: null });
    render(<PopupApp domain={null} services={services} />);
    const button = await screen.findByRole('button', { name: 'Odoo mail settings helper' });
    expect(services.odooOverlays).toEqual([]);
    fireEvent.click(button);
    await waitFor(() => expect(services.odooOverlays).toEqual([9]));
    expect(screen.getByTestId('notice').textContent).toMatch(/General Settings/);
  });
});

describe('PopupApp: expectations', () => {
  it('changes the expected SPF when a sender is picked, and remembers the pick for the domain', async () => {
    const services = createServices();
    const { container } = render(<PopupApp domain="example.com" services={services} />);
    await waitForReport(container);
    expect(statusOf(container, 'spf')).toBe('ok');
    // Never chosen for this domain: the picker starts open.
    expect(screen.getByTestId('sender-picker').hasAttribute('open')).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Odoo Online / Odoo.sh' }));
    await waitFor(() => expect(statusOf(container, 'spf')).toBe('fail'));
    expect(container.querySelector('[data-check="spf"] .expected code')?.textContent).toContain(
      'include:_spf.odoo.com',
    );
    expect(container.querySelector('[data-check="spf"] .record-line')?.textContent).toBe(
      `example.com 3600 IN TXT ${MERGED_SPF}`,
    );
    expect(services.reportRequests.at(-1)?.choice).toEqual({ receiver: 'cloudflare', senders: ['odoo'] });
    expect(await loadChoice('example.com')).toEqual({ receiver: 'cloudflare', senders: ['odoo'] });

    cleanup();
    const again = render(<PopupApp domain="example.com" services={createServices()} />);
    await waitForReport(again.container);
    expect(statusOf(again.container, 'spf')).toBe('fail');
    expect((screen.getByRole('checkbox', { name: 'Odoo Online / Odoo.sh' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId('sender-picker').hasAttribute('open')).toBe(false);
  });

  it("expects another receiver's MX when the admin says mail arrives elsewhere", async () => {
    const services = createServices();
    const { container } = render(<PopupApp domain="example.com" services={services} />);
    await waitForReport(container);
    fireEvent.change(screen.getByRole('combobox', { name: 'Mail arrives at' }), { target: { value: 'google' } });
    await waitFor(() => expect(services.reportRequests.at(-1)?.choice.receiver).toBe('google'));
    await waitFor(() => expect(statusOf(container, 'mx')).toBe('fail'));
  });
});

describe('PopupApp: the registrar page, filling and re-checking', () => {
  it('shows a fix already on the registrar page as not in DNS yet', async () => {
    await saveChoice('example.com', { receiver: 'cloudflare', senders: ['odoo'] });
    const page = cloudflareReading([{ type: 'TXT', name: 'example.com', value: MERGED_SPF, ttl: 300 }]);
    const services = createServices({
      tab: { tabId: 7, url: 'https://dash.cloudflare.com/a/example.com/dns/records' },
      reading: page,
    });
    const { container } = render(<PopupApp domain={null} services={services} />);
    await waitForReport(container);
    expect(statusOf(container, 'spf')).toBe('fail');
    expect(container.querySelector('[data-check="spf"] [data-page-state]')?.getAttribute('data-page-state')).toBe(
      'on-page-not-in-dns',
    );
    expect(screen.getByTestId('page-waiting').textContent).toBe(
      'One change is on the Cloudflare page but not in DNS yet.',
    );
  });

  it('fills on the page, then re-checks at 15 s, 30 s… until the record is in DNS', async () => {
    await saveChoice('example.com', { receiver: 'cloudflare', senders: ['odoo'] });
    const services = createServices({
      tab: { tabId: 7, url: 'https://dash.cloudflare.com/a/example.com/dns/records' },
      reading: cloudflareReading(),
    });
    const { container } = render(<PopupApp domain="example.com" services={services} />);
    await waitForReport(container);
    const spfFill = container.querySelector('[data-check="spf"]')!.querySelector('button.primary') as HTMLButtonElement;
    expect(spfFill.textContent).toBe('Fill on this page');
    fireEvent.click(spfFill);
    await waitFor(() => expect(services.fills).toHaveLength(1));
    expect(services.fills[0]).toEqual({
      tabId: 7,
      zone: 'example.com',
      record: { type: 'TXT', name: 'example.com', value: MERGED_SPF, ttl: 3600 },
    });
    await waitFor(() =>
      expect(screen.getByTestId('notice').textContent).toMatch(/^Filled type, name, value on the page\./),
    );
    expect(container.querySelector('[data-recheck]')?.textContent).toMatch(/Re-checking in 15 s\./);
    expect(container.querySelector('[data-recheck]')?.textContent).toMatch(/up to 48 hours/);
    // Remembered, for a popup reopened after the admin clicked into the page to save.
    await waitFor(async () =>
      expect(await loadWatch('example.com', services.timers.now())).toBe(services.timers.now()),
    );

    const checksBefore = services.reportRequests.length;
    await services.clock.advance(5_000);
    await waitFor(() =>
      expect(container.querySelector('[data-recheck] [role=status]')?.textContent).toBe('Re-checking in 10 s.'),
    );
    await services.clock.advance(10_000);
    await waitFor(() => expect(services.reportRequests.length).toBe(checksBefore + 1));
    await waitFor(() =>
      expect(container.querySelector('[data-recheck] [role=status]')?.textContent).toBe('Re-checking in 30 s.'),
    );

    // The admin saves: the merged SPF reaches DNS, and so do the DKIM records the picked services need.
    const cloudflareKey = await generateDkimKeyPair('example.com', 'cf2024-1');
    const odooKey = await generateDkimKeyPair('odoo.com', 'odoo');
    services.zone['example.com'] = [
      ...(createZone()['example.com'] as ZoneEntry[]).filter((entry) => typeof entry === 'object' && !('TXT' in entry)),
      { TXT: MERGED_SPF },
    ];
    services.zone['cf2024-1._domainkey.example.com'] = [
      { TXT: [cloudflareKey.record.value.slice(0, 255), cloudflareKey.record.value.slice(255)] },
    ];
    services.zone['odoo._domainkey.example.com'] = [{ CNAME: 'odoo._domainkey.odoo.com' }];
    services.zone['odoo._domainkey.odoo.com'] = [{ TXT: odooKey.record.value }];
    await services.clock.advance(30_000);
    await waitFor(() => expect(container.querySelector('[data-recheck]')?.getAttribute('data-recheck')).toBe('passed'));
    expect(statusOf(container, 'spf')).toBe('ok');
    expect(container.querySelector('[data-recheck] [role=status]')?.textContent).toBe('Every record passes.');
    await waitFor(async () => expect(await loadWatch('example.com', services.timers.now())).toBeNull());
    expect(services.reportRequests.length).toBe(checksBefore + 2);
    // Passed: nothing more is asked, however long the popup stays open.
    await services.clock.advance(10 * 60_000);
    expect(services.reportRequests.length).toBe(checksBefore + 2);
    expect(services.clock.pendingCount()).toBe(0);
  });

  it('goes on watching when reopened while the admin waits, at the interval reached, until stopped', async () => {
    await saveChoice('example.com', { receiver: 'cloudflare', senders: ['odoo'] });
    const services = createServices();
    // The popup closed when the admin clicked into the registrar page to save, ten minutes ago.
    await saveWatch('example.com', services.timers.now() - 10 * 60_000);
    const { container } = render(<PopupApp domain="example.com" services={services} />);
    await waitForReport(container);
    // 15 + 30 + 60 + 120 + 300 s have passed: the schedule is at its 5-minute step.
    await waitFor(() =>
      expect(container.querySelector('[data-recheck] [role=status]')?.textContent).toBe('Re-checking in 300 s.'),
    );
    expect(await loadWatch('example.com', services.timers.now())).not.toBeNull();

    services.zone['example.com'] = [
      ...(createZone()['example.com'] as ZoneEntry[]).filter((entry) => typeof entry === 'object' && !('TXT' in entry)),
      { TXT: 'v=spf1 include:_spf.mx.cloudflare.net ~all' },
    ];
    fireEvent.click(screen.getByRole('checkbox', { name: 'Odoo Online / Odoo.sh' }));
    await waitFor(() => expect(statusOf(container, 'spf')).toBe('ok'));
    // Another question (Odoo no longer expected), same domain: DKIM still fails, so the admin's wait goes on.
    await waitFor(() =>
      expect(container.querySelector('[data-recheck]')?.getAttribute('data-recheck')).toBe('waiting'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(container.querySelector('[data-recheck]')?.getAttribute('data-recheck')).toBe('idle'));
    expect(await loadWatch('example.com', services.timers.now())).toBeNull();
  });

  it('offers no fill button without a page, and copies the exact record', async () => {
    await saveChoice('example.com', { receiver: 'cloudflare', senders: ['odoo'] });
    const services = createServices();
    const { container } = render(<PopupApp domain="example.com" services={services} />);
    await waitForReport(container);
    expect(screen.queryByRole('button', { name: 'Fill on this page' })).toBeNull();
    fireEvent.click(container.querySelector('[data-check="spf"]')!.querySelector('button')!);
    await waitFor(() => expect(services.copied).toEqual([MERGED_SPF]));
  });
});
