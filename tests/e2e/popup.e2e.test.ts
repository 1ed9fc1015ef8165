// The popup in real Chromium beyond `?domain=`: the domain and listed records read from an open registrar tab,
// "Fill on this page" from the popup, the sender picker changing the expected SPF, and the gateway's domains.
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sendJson, startLocalServer } from '../fakes/local-server.ts';
import { launchExtensionChromium } from './support/chromium.ts';
import { answerDohQuery, type StubZone } from './support/doh-stub.ts';
import { buildHostResolverRules, registrarPages, startFixtureServers } from './support/fixture-server.ts';
import { screenshotsDir } from './support/paths.ts';
import { openPopupFromTab } from './support/popup-tab.ts';
import { quoteTxt } from '../../shared/dns/txt.ts';

/** Cloudflare Email Routing done right, SPF allowing Cloudflare only: picking Odoo as a sender must break SPF. */
function cloudflareOnlyZone(domain: string): StubZone {
  return {
    [domain]: {
      MX: ['13 route1.mx.cloudflare.net.', '86 route2.mx.cloudflare.net.', '24 route3.mx.cloudflare.net.'],
      TXT: ['"v=spf1 include:_spf.mx.cloudflare.net ~all"'],
    },
    [`_dmarc.${domain}`]: { TXT: [`"v=DMARC1; p=quarantine; rua=mailto:dmarc@${domain}"`] },
  };
}
const zone: StubZone = {
  ...cloudflareOnlyZone('shop.example'),
  '_spf.mx.cloudflare.net': { TXT: ['"v=spf1 ip4:104.30.0.0/19 -all"'] },
  '_spf.odoo.com': { TXT: ['"v=spf1 ip4:198.51.100.0/24 -all"'] },
  'route1.mx.cloudflare.net': { A: ['162.159.205.11'] },
  'route2.mx.cloudflare.net': { A: ['162.159.205.12'] },
  'route3.mx.cloudflare.net': { A: ['162.159.205.13'] },
  // example.com (the registrar fixtures' zone) is deliberately absent: nothing the page lists has reached DNS.
};
const MERGED_SPF = 'v=spf1 include:_spf.mx.cloudflare.net include:_spf.odoo.com ~all';
const cloudflarePage = registrarPages.find((page) => page.id === 'cloudflare')!;

const servers = await startFixtureServers();
const browser = await launchExtensionChromium([`--host-resolver-rules=${buildHostResolverRules(servers.httpsPort)}`]);
if (typeof browser === 'string') console.warn(`[e2e] Chromium popup tests skipped: ${browser}`);
const escapedRequests: string[] = [];

/** A gateway on 127.0.0.1 with two domains (the e2e build may reach 127.0.0.1), answering only the right token. */
const GATEWAY_TOKEN = 'mg_e2e_popup_token_0123456789';
const gatewayRequests: string[] = [];
const gateway = await startLocalServer((request, _body, response) => {
  const url = new URL(request.url ?? '/', 'http://gateway');
  gatewayRequests.push(`${url.pathname}${url.search}`);
  if (request.headers.authorization !== `Bearer ${GATEWAY_TOKEN}`)
    return sendJson(response, 401, { error: { code: 'unauthorized', message: 'a bearer token is required' } });
  if (url.pathname === '/api/domains') {
    const domain = (name: string) => ({
      id: `dom_${name}`,
      name,
      catchall: 'catchall',
      bounce: 'bounce',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    return sendJson(response, 200, { items: [domain('a.example'), domain('b.example')] });
  }
  const dns = /^\/api\/domains\/([^/]+)\/dns$/.exec(url.pathname);
  if (!dns) return sendJson(response, 404, { error: { code: 'not_found', message: url.pathname } });
  const name = decodeURIComponent(dns[1]!);
  return sendJson(response, 200, {
    domain: name,
    checkedAt: '2026-01-01T00:00:00.000Z',
    status: 'warn',
    findings: [
      {
        check: 'dmarc',
        status: 'warn',
        found: 'v=DMARC1; p=none',
        expected: 'v=DMARC1; p=quarantine',
        why: `The gateway says ${name} only monitors.`,
      },
    ],
  });
});

if (typeof browser !== 'string') {
  await browser.context.route(/^https:\/\/(dns\.google|[^/]*\.(com|net|org))\//, (route) => {
    const url = route.request().url();
    if (registrarPages.some((page) => url.startsWith(`https://${new URL(page.url).host}/`))) return route.continue();
    escapedRequests.push(url);
    return route.abort();
  });
  await browser.context.route('https://cloudflare-dns.com/**', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/dns-json',
      body: JSON.stringify(answerDohQuery(zone, route.request().url())),
    }),
  );
}

afterAll(async () => {
  if (typeof browser !== 'string') await browser.close();
  await Promise.all([servers.close(), gateway.close()]);
});

async function newExtensionPage(search: string): Promise<Page> {
  if (typeof browser === 'string') throw new Error(browser);
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 380, height: 800 });
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html${search}`);
  return page;
}

function statusOf(page: Page, check: string): Promise<string | null> {
  return page.getAttribute(`[data-check="${check}"]`, 'data-status');
}

describe.skipIf(typeof browser === 'string')('popup in Chromium', () => {
  it('reads the domain and the listed records from the open Cloudflare tab, and fills a record from the popup', async () => {
    if (typeof browser === 'string') return;
    const registrarPage = await browser.context.newPage();
    await registrarPage.goto(cloudflarePage.url);
    const popup = await openPopupFromTab(browser.context, browser.extensionId, cloudflarePage.url, '');
    await popup.setViewportSize({ width: 380, height: 800 });
    await popup.locator('[data-report-status]').waitFor({ timeout: 20_000 });
    expect(await popup.textContent('[data-testid="domain"]')).toBe('example.com');
    expect(await popup.textContent('[data-domain-source]')).toBe('from this Cloudflare page');
    expect(await popup.textContent('[data-page="read"]')).toBe('Cloudflare page · example.com · 5 records listed');
    // The page lists Cloudflare's SPF record, DNS has nothing yet: propagation, not a missing record.
    expect(await statusOf(popup, 'spf')).toBe('fail');
    expect(await popup.getAttribute('[data-check="spf"] [data-page-state]', 'data-page-state')).toBe(
      'on-page-not-in-dns',
    );
    expect(await popup.textContent('[data-check="spf"] [data-page-state]')).toMatch(
      /^On the Cloudflare page, not in DNS yet/,
    );
    // Its DMARC record (other tags than mailgate proposes) and its DKIM key are on the page, not in DNS, as well.
    expect(await popup.getAttribute('[data-check="dmarc"] [data-page-state]', 'data-page-state')).toBe(
      'on-page-not-in-dns',
    );
    expect(await popup.getAttribute('[data-check="dkim"] [data-page-state]', 'data-page-state')).toBe(
      'on-page-not-in-dns',
    );
    // MX: the page lists route1 only, so route2 and route3 are plainly missing.
    const mxStates = await popup.$$eval('[data-check="mx"]', (items) =>
      items.map((item) => item.querySelector('[data-page-state]')?.getAttribute('data-page-state') ?? null),
    );
    expect(mxStates).toEqual(['on-page-not-in-dns', null, null]);
    expect(await popup.textContent('[data-testid="page-waiting"]')).toBe(
      '4 changes are on the Cloudflare page but not in DNS yet.',
    );

    const dmarcFix = await popup.textContent('[data-check="dmarc"] .record-line');
    expect(dmarcFix).toMatch(/^_dmarc\.example\.com 3600 IN TXT v=DMARC1;/);
    await popup.click('[data-check="dmarc"] button:has-text("Fill on this page")');
    await popup.locator('[data-testid="notice"]', { hasText: 'Filled' }).waitFor({ timeout: 10_000 });
    expect(await popup.textContent('[data-recheck] [role=status]')).toMatch(/^Re-checking in (15|14) s\.$/);
    expect(await popup.textContent('[data-recheck]')).toMatch(/up to 48 hours/);
    const noticed = await registrarPage.$$eval('[data-framework-value]', (controls) =>
      Object.fromEntries(controls.map((control) => [control.id, control.getAttribute('data-framework-value')])),
    );
    expect(noticed['type-select']).toBe('TXT');
    expect(noticed['record-name']).toBe('_dmarc');
    // Written as the page lists TXT content, as quoted strings (Cloudflare takes TXT content quoted or plain).
    expect(noticed['record-content']).toBe(quoteTxt(dmarcFix!.replace(/^_dmarc\.example\.com 3600 IN TXT /, '')));
    await popup.screenshot({ path: `${screenshotsDir}/chromium-popup-registrar-page.png`, fullPage: true });
    await popup.close();
    await registrarPage.close();
  });

  it('the sender picker changes the expected SPF, and remembers the choice for the domain', async () => {
    const popup = await newExtensionPage('?domain=shop.example');
    await popup.locator('[data-report-status]').waitFor({ timeout: 20_000 });
    expect(await statusOf(popup, 'spf')).toBe('ok');
    await popup.getByRole('checkbox', { name: 'Odoo Online / Odoo.sh' }).check();
    await popup.locator('[data-check="spf"][data-status="fail"]').waitFor({ timeout: 20_000 });
    expect(await popup.textContent('[data-check="spf"] .expected code')).toContain('include:_spf.odoo.com');
    expect(await popup.textContent('[data-check="spf"] .record-line')).toBe(`shop.example 3600 IN TXT ${MERGED_SPF}`);
    expect(await popup.textContent('.picker-summary')).toBe(
      'Cloudflare Email Routing receives · Odoo Online / Odoo.sh sends',
    );
    await popup.screenshot({ path: `${screenshotsDir}/chromium-popup-sender-picker.png`, fullPage: true });

    await popup.reload();
    await popup.locator('[data-check="spf"][data-status="fail"]').waitFor({ timeout: 20_000 });
    // Stored for the domain: the picker now starts folded, with Odoo still ticked.
    expect(await popup.getAttribute('[data-testid="sender-picker"]', 'open')).toBeNull();
    expect(await popup.locator('input[name="sender"][value="odoo"]').isChecked()).toBe(true);
    await popup.close();
  });

  it("checks the connected gateway's domains, with a picker when it has several", async () => {
    const popup = await newExtensionPage('');
    await popup.evaluate(
      (connection) =>
        (
          globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }
        ).chrome.storage.local.set({ 'mailgate:gateway': connection }),
      { origin: gateway.url, token: GATEWAY_TOKEN },
    );
    await popup.reload();
    await popup.locator('[data-report-status]').waitFor({ timeout: 20_000 });
    expect(await popup.textContent('[data-testid="domain"]')).toBe('a.example');
    expect(await popup.textContent('[data-domain-source]')).toBe('a domain of your mailgate gateway');
    expect(await popup.textContent('[data-check="dmarc"] .why')).toBe('The gateway says a.example only monitors.');
    expect(await popup.textContent('.checked-by')).toMatch(/^Checked by your mailgate gateway/);
    await popup.selectOption('select[aria-label="Gateway domain"]', 'b.example');
    await popup.locator('[data-check="dmarc"] .why', { hasText: 'b.example' }).waitFor({ timeout: 20_000 });
    expect(gatewayRequests).toEqual(
      expect.arrayContaining(['/api/domains', '/api/domains/a.example/dns', '/api/domains/b.example/dns']),
    );
    await popup.evaluate(() =>
      (
        globalThis as unknown as { chrome: { storage: { local: { remove(key: string): Promise<void> } } } }
      ).chrome.storage.local.remove('mailgate:gateway'),
    );
    await popup.close();
  });

  it('asked no DNS or registrar server outside the machine', () => {
    expect(escapedRequests).toEqual([]);
  });
});
