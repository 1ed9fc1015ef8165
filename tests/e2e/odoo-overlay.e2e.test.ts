// The Odoo overlay of the built extension in real Chromium: the reconstructed Odoo screens served on 127.0.0.1 (the
// e2e build adds it to every content script), a gateway stand-in on 127.0.0.1 read through the background only when
// the admin clicks, a hostile page script that finds nothing of it, "Use mailgate" on General Settings and an SMTP
// preset on the Outgoing Mail Server form, checked by what the pages' simulated OWL client noticed; "Test with
// mailgate" checked by the form values the gateway stand-in received.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { CLOUDFLARE_SMTP_OK } from '../../extension/odoo/testing/cloudflare-smtp-answer.ts';
import { launchExtensionChromium } from './support/chromium.ts';
import { openClosedShadow, type ClosedShadow } from './support/closed-shadow.ts';
import { startFixtureServers } from './support/fixture-server.ts';
import { startGatewayStub } from './support/gateway-stub.ts';
import { installPageSpy, probePage } from './support/page-spy.ts';
import { chromeExtensionDir, firefoxExtensionDir, screenshotsDir } from './support/paths.ts';

/** extension/gateway/connection.ts keeps the connection under this key in storage.local. */
const CONNECTION_STORAGE_KEY = 'mailgate:gateway';
const OVERLAY_ID = 'mailgate-odoo-overlay';
const OVERLAY = `#${OVERLAY_ID}`;
/** What the gateway knows and a page must not: its domain, local parts and DNS status (its origin is added below). */
const GATEWAY_DOMAIN = 'mail-e2e.example';

const gateway = await startGatewayStub(
  [
    {
      id: 'dom_e2e',
      name: GATEWAY_DOMAIN,
      catchall: 'e2e-replies',
      bounce: 'e2e-bounces',
      createdAt: '2026-05-01T00:00:00.000Z',
    },
  ],
  {
    [GATEWAY_DOMAIN]: {
      domain: GATEWAY_DOMAIN,
      checkedAt: '2026-05-04T10:00:00.000Z',
      status: 'warn',
      findings: [
        {
          check: 'mx',
          status: 'ok',
          found: 'route1.mx.cloudflare.net',
          expected: null,
          why: 'MX points to Cloudflare Email Routing.',
        },
        {
          check: 'dmarc',
          status: 'warn',
          found: 'v=DMARC1; p=none',
          expected: 'v=DMARC1; p=quarantine',
          why: 'p=none only monitors.',
        },
      ],
    },
  },
  CLOUDFLARE_SMTP_OK,
);
const SECRETS = [
  gateway.origin,
  new URL(gateway.origin).host,
  GATEWAY_DOMAIN,
  'e2e-replies',
  'e2e-bounces',
  'DNS records',
];
const servers = await startFixtureServers();
const browser = await launchExtensionChromium();
if (typeof browser === 'string') console.warn(`[e2e] Odoo overlay tests skipped: ${browser}`);
/** Requests that tried to leave the machine (none may). */
const escapedRequests: string[] = [];

if (typeof browser !== 'string') {
  await browser.context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => {
    escapedRequests.push(route.request().url());
    return route.abort();
  });
  // The admin connected the gateway in the console: the same storage entry, written from the service worker.
  const worker = browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent('serviceworker'));
  await worker.evaluate(
    ([key, value]) =>
      (
        globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }
      ).chrome.storage.local.set({ [key]: value }),
    [CONNECTION_STORAGE_KEY, { origin: gateway.origin, token: gateway.token }] as const,
  );
}

afterAll(async () => {
  if (typeof browser !== 'string') await browser.close();
  await servers.close();
  await gateway.close();
});

/** An Odoo screen with the overlay drawn, and the panel as the admin sees it; `spy` first installs the page spy. */
async function openOdooPage(fixture: string, { spy = false } = {}): Promise<{ page: Page; panel: ClosedShadow }> {
  if (typeof browser === 'string') throw new Error(browser);
  const page = await browser.context.newPage();
  if (spy) await installPageSpy(page);
  await page.goto(`${servers.httpOrigin}/${fixture}.html`);
  await page.locator(`${OVERLAY}[data-mailgate-ready=true]`).waitFor({ timeout: 20_000 });
  return { page, panel: await openClosedShadow(page, OVERLAY_ID) };
}

/** What the fixture's simulated OWL client noticed, by control id or field name. */
function readNoticedValues(page: Page): Promise<Record<string, string>> {
  return page.$$eval('[data-framework-value]', (controls) =>
    Object.fromEntries(
      controls.map((control) => [
        control.id || control.getAttribute('name') || control.tagName,
        control.getAttribute('data-framework-value') ?? '',
      ]),
    ),
  );
}

/** Long enough for a background round trip on a loaded machine: anything asked on load would have been asked. */
const SETTLE_MS = 1500;

describe.skipIf(typeof browser === 'string')('Odoo overlay in Chromium', () => {
  it('asks the gateway nothing until the admin clicks, and a page script finds none of its answer', async () => {
    const requestsBefore = gateway.requests.length;
    const { page, panel } = await openOdooPage('odoo-settings', { spy: true });
    expect(await panel.rootType()).toBe('closed');
    await page.waitForTimeout(SETTLE_MS);
    expect(gateway.requests.slice(requestsBefore)).toEqual([]);

    await panel.click('[data-mailgate-action=ask-gateway]');
    await panel.waitFor('[data-mailgate-gateway=connected]');
    expect(gateway.requests.slice(requestsBefore)).toEqual([
      `GET /api/domains Bearer ${gateway.token}`,
      `GET /api/domains/${GATEWAY_DOMAIN}/dns Bearer ${gateway.token}`,
    ]);
    // The admin sees every secret…
    const shown = await panel.text();
    for (const secret of SECRETS) expect(shown).toContain(secret);
    // …the page's own script, which saw the click and every DOM change, finds none of them.
    const probe = await probePage(page, OVERLAY_ID, SECRETS, 'General Settings');
    expect(probe).toMatchObject({ hostShadowRoot: 'null', leaked: [], found: [], controlFound: true });
    expect(probe.eventsSeen).toBeGreaterThan(0);
    expect(probe.mutationsSeen).toBeGreaterThan(0);
    await page.close();
  });

  it('on General Settings: the gateway\'s domain and DNS, then "Use mailgate" creates the alias domain', async () => {
    const { page, panel } = await openOdooPage('odoo-settings');
    expect(await page.locator(OVERLAY).getAttribute('data-mailgate-screen')).toBe('settings');
    await panel.click('[data-mailgate-action=ask-gateway]');
    await panel.waitFor('[data-mailgate-gateway=connected]');
    expect(await panel.text()).toContain(
      `The gateway ${gateway.origin} receives ${GATEWAY_DOMAIN}: replies to e2e-replies@${GATEWAY_DOMAIN}, bounces to e2e-bounces@${GATEWAY_DOMAIN}.`,
    );
    expect(await panel.attribute('[data-mailgate-dns]', 'data-mailgate-dns')).toBe('warn');
    expect(await panel.text('[data-mailgate-dns]')).toContain('(dmarc)');

    await panel.click('[data-mailgate-action=use-mailgate]');
    await panel.waitFor('[data-mailgate-result]');
    expect(await panel.attribute('[data-mailgate-result]', 'data-mailgate-result')).toBe('ok');
    expect(await page.locator('#alias_domain_dialog').isVisible()).toBe(true);
    // Written into Odoo's own form at the admin's click: from here on the page holds what it was asked to hold.
    expect(await readNoticedValues(page)).toEqual({
      alias_domain_id_0: GATEWAY_DOMAIN,
      name_0: GATEWAY_DOMAIN,
      catchall_alias_0: 'e2e-replies',
      bounce_alias_0: 'e2e-bounces',
    });
    await page.screenshot({ path: `${screenshotsDir}/chromium-odoo-settings.png` });
    await page.close();
  });

  it('on the Outgoing Mail Server form: a preset fills host, port, encryption and FROM Filtering, asked at the click', async () => {
    const requestsBefore = gateway.requests.length;
    const { page, panel } = await openOdooPage('odoo-outgoing-mail-server');
    await panel.select('[data-mailgate-input=preset]', 'google-relay');
    expect(await panel.text('[data-mailgate-warnings=google-relay]')).toMatch(/SMTP relay service.*port 25/s);
    await page.waitForTimeout(SETTLE_MS);
    expect(gateway.requests.slice(requestsBefore)).toEqual([]);
    await panel.click('[data-mailgate-action=fill-smtp]');
    await panel.waitFor('[data-mailgate-result]');
    // Only the domains: FROM Filtering needs no DNS report.
    expect(gateway.requests.slice(requestsBefore)).toEqual([`GET /api/domains Bearer ${gateway.token}`]);
    expect(await readNoticedValues(page)).toEqual({
      name_0: 'Google Workspace SMTP relay',
      smtp_host_0: 'smtp-relay.gmail.com',
      smtp_port_0: '587',
      smtp_encryption_0: 'starttls',
      from_filter_0: GATEWAY_DOMAIN,
    });
    await page.screenshot({ path: `${screenshotsDir}/chromium-odoo-smtp.png` });
    await page.close();
  });

  it('on the Outgoing Mail Server form: the Cloudflare preset, then "Test with mailgate" through the background', async () => {
    const requestsBefore = gateway.requests.length;
    const { page, panel } = await openOdooPage('odoo-outgoing-mail-server');
    await panel.select('[data-mailgate-input=preset]', 'cloudflare-email-service');
    expect(await panel.text('[data-mailgate-warnings=cloudflare-email-service]')).toMatch(/Email Sending: Edit/);
    await panel.click('[data-mailgate-action=fill-smtp]');
    await panel.waitFor('[data-mailgate-result]');
    await page.locator('#smtp_pass_0').fill('cf-api-token-e2e-0123456789');
    await page.waitForTimeout(SETTLE_MS);
    expect(gateway.smtpTests).toEqual([]);
    await panel.click('[data-mailgate-action=smtp-test]');
    await panel.waitFor('[data-mailgate-smtp-test=ok]', 10_000);
    expect(await panel.text('[data-mailgate-smtp-test=ok]')).toContain('TLS is up, the login was accepted');
    expect(gateway.smtpTests).toEqual([
      {
        host: 'smtp.mx.cloudflare.net',
        port: 465,
        security: 'ssl',
        username: 'api_token',
        password: 'cf-api-token-e2e-0123456789',
      },
    ]);
    expect(gateway.requests.slice(requestsBefore)).toContain(`POST /api/smtp-test Bearer ${gateway.token}`);
    await page.close();
  });

  it('on the Incoming Mail Server form: explains that polling is no longer needed, asking nothing', async () => {
    const requestsBefore = gateway.requests.length;
    const { page, panel } = await openOdooPage('odoo-incoming-mail-server');
    expect(await panel.text()).toContain('no longer needed');
    await page.waitForTimeout(SETTLE_MS);
    expect(gateway.requests.slice(requestsBefore)).toEqual([]);
    await page.close();
  });

  it('shows nothing on a page that is not an Odoo screen', async () => {
    if (typeof browser === 'string') return;
    const page = await browser.context.newPage();
    await page.goto(`${servers.httpOrigin}/generic-cpanel.html`);
    await page.waitForTimeout(1000);
    expect(await page.locator(OVERLAY).count()).toBe(0);
    await page.close();
  });

  it('asked nothing outside the machine', () => {
    expect(escapedRequests).toEqual([]);
  });
});

describe('the built manifests', () => {
  const manifest = (dir: string) => JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8')) as Record<string, unknown>;

  it('keep the least permissions, and let no other extension or web page message mailgate in Chrome', () => {
    for (const dir of [chromeExtensionDir, firefoxExtensionDir]) {
      expect(manifest(dir).permissions).toEqual(['storage', 'activeTab', 'scripting']);
      expect(manifest(dir).optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
    }
    expect(manifest(chromeExtensionDir).externally_connectable).toEqual({ ids: [] });
    // Firefox knows no such key and delivers no other extension's message without an onMessageExternal listener.
    expect(manifest(firefoxExtensionDir).externally_connectable).toBeUndefined();
  });
});
