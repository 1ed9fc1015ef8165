// The Odoo overlay of the built extension in real Chromium: the reconstructed Odoo screens served on 127.0.0.1 (the
// e2e build adds it to every content script), a gateway stand-in on 127.0.0.1 read through the background, "Use
// mailgate" on General Settings and an SMTP preset on the Outgoing Mail Server form, checked by what the pages'
// simulated OWL client noticed; "Test with mailgate" checked by the form values the gateway stand-in received.
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { launchExtensionChromium } from './support/chromium.ts';
import { startFixtureServers } from './support/fixture-server.ts';
import { startGatewayStub } from './support/gateway-stub.ts';
import { screenshotsDir } from './support/paths.ts';

/** extension/gateway/connection.ts keeps the connection under this key in storage.local. */
const CONNECTION_STORAGE_KEY = 'mailgate:gateway';
const OVERLAY = '#mailgate-odoo-overlay';

const gateway = await startGatewayStub(
  [{ id: 'dom_e2e', name: 'example.com', catchall: 'replies', bounce: 'bounces', createdAt: '2026-05-01T00:00:00.000Z' }],
  {
    'example.com': {
      domain: 'example.com',
      checkedAt: '2026-05-04T10:00:00.000Z',
      status: 'warn',
      findings: [
        { check: 'mx', status: 'ok', found: 'route1.mx.cloudflare.net', expected: null, why: 'MX points to Cloudflare Email Routing.' },
        { check: 'dmarc', status: 'warn', found: 'v=DMARC1; p=none', expected: 'v=DMARC1; p=quarantine', why: 'p=none only monitors.' },
      ],
    },
  },
  {
    ok: true,
    outcome: 'ok',
    message: 'Connection test succeeded: smtp.mx.cloudflare.net:465 answered, TLS is up, the login was accepted.',
    host: 'smtp.mx.cloudflare.net',
    port: 465,
    security: 'ssl',
    banner: 'mx.cloudflare.net Cloudflare Email ESMTP Service ready',
    extensions: ['AUTH', 'SIZE', '8BITMIME', 'ENHANCEDSTATUSCODES'],
    sizeLimit: 5242880,
    authMechanisms: ['PLAIN', 'LOGIN'],
    tls: true,
    authenticated: true,
    steps: [{ step: 'auth', ok: true, detail: '235 2.7.0 Authentication successful', ms: 12 }],
  },
);
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
    ([key, value]) => (globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }).chrome.storage.local.set({ [key]: value }),
    [CONNECTION_STORAGE_KEY, { origin: gateway.origin, token: gateway.token }] as const,
  );
}

afterAll(async () => {
  if (typeof browser !== 'string') await browser.close();
  await servers.close();
  await gateway.close();
});

async function openOdooPage(fixture: string): Promise<Page> {
  if (typeof browser === 'string') throw new Error(browser);
  const page = await browser.context.newPage();
  await page.goto(`${servers.httpOrigin}/${fixture}.html`);
  // Playwright's CSS engine pierces the panel's open shadow root.
  await page.locator(`${OVERLAY}[data-mailgate-ready=true]`).waitFor({ timeout: 20_000 });
  return page;
}

/** What the fixture's simulated OWL client noticed, by control id or field name. */
function readNoticedValues(page: Page): Promise<Record<string, string>> {
  return page.$$eval('[data-framework-value]', (controls) =>
    Object.fromEntries(controls.map((control) => [control.id || control.getAttribute('name') || control.tagName, control.getAttribute('data-framework-value') ?? ''])),
  );
}

describe.skipIf(typeof browser === 'string')('Odoo overlay in Chromium', () => {
  it('on General Settings: the gateway\'s domain and DNS, then "Use mailgate" creates the alias domain', async () => {
    const page = await openOdooPage('odoo-settings');
    expect(await page.locator(OVERLAY).getAttribute('data-mailgate-screen')).toBe('settings');
    const panel = page.locator(`${OVERLAY} .panel`);
    await expect(panel.textContent()).resolves.toContain(`The gateway ${gateway.origin} receives example.com: replies to replies@example.com, bounces to bounces@example.com.`);
    await expect(panel.locator('[data-mailgate-dns]').getAttribute('data-mailgate-dns')).resolves.toBe('warn');
    await expect(panel.locator('[data-mailgate-dns]').textContent()).resolves.toContain('(dmarc)');
    // The background asked the gateway, with the token, about Odoo's alias domain first (not on the gateway).
    expect(gateway.requests).toContain(`GET /api/domains Bearer ${gateway.token}`);
    expect(gateway.requests).toContain(`GET /api/domains/example.com/dns Bearer ${gateway.token}`);

    await panel.locator('[data-mailgate-action=use-mailgate]').click();
    await panel.locator('[data-mailgate-result]').waitFor();
    expect(await panel.locator('[data-mailgate-result]').getAttribute('data-mailgate-result')).toBe('ok');
    expect(await page.locator('#alias_domain_dialog').isVisible()).toBe(true);
    expect(await readNoticedValues(page)).toEqual({
      alias_domain_id_0: 'example.com',
      name_0: 'example.com',
      catchall_alias_0: 'replies',
      bounce_alias_0: 'bounces',
    });
    await page.screenshot({ path: `${screenshotsDir}/chromium-odoo-settings.png` });
    await page.close();
  });

  it('on the Outgoing Mail Server form: a preset fills host, port, encryption and FROM Filtering', async () => {
    const page = await openOdooPage('odoo-outgoing-mail-server');
    const panel = page.locator(`${OVERLAY} .panel`);
    await panel.locator('[data-mailgate-input=preset]').selectOption('google-relay');
    await expect(panel.locator('[data-mailgate-warnings=google-relay]').textContent()).resolves.toMatch(/SMTP relay service.*port 25/s);
    await panel.locator('[data-mailgate-action=fill-smtp]').click();
    await panel.locator('[data-mailgate-result]').waitFor();
    expect(await readNoticedValues(page)).toEqual({
      name_0: 'Google Workspace SMTP relay',
      smtp_host_0: 'smtp-relay.gmail.com',
      smtp_port_0: '587',
      smtp_encryption_0: 'starttls',
      from_filter_0: 'example.com',
    });
    await page.screenshot({ path: `${screenshotsDir}/chromium-odoo-smtp.png` });
    await page.close();
  });

  it('on the Outgoing Mail Server form: the Cloudflare preset, then "Test with mailgate" through the background', async () => {
    const page = await openOdooPage('odoo-outgoing-mail-server');
    const panel = page.locator(`${OVERLAY} .panel`);
    await panel.locator('[data-mailgate-input=preset]').selectOption('cloudflare-email-service');
    await expect(panel.locator('[data-mailgate-warnings=cloudflare-email-service]').textContent()).resolves.toMatch(/Email Sending: Edit/);
    await panel.locator('[data-mailgate-action=fill-smtp]').click();
    await panel.locator('[data-mailgate-result]').waitFor();
    await page.locator('#smtp_pass_0').fill('cf-api-token-e2e-0123456789');
    await panel.locator('[data-mailgate-action=smtp-test]').click();
    await panel.locator('[data-mailgate-smtp-test=ok]').waitFor({ timeout: 10_000 });
    await expect(panel.locator('[data-mailgate-smtp-test=ok]').textContent()).resolves.toContain('TLS is up, the login was accepted');
    expect(gateway.smtpTests).toEqual([
      { host: 'smtp.mx.cloudflare.net', port: 465, security: 'ssl', username: 'api_token', password: 'cf-api-token-e2e-0123456789' },
    ]);
    await page.close();
  });

  it('on the Incoming Mail Server form: explains that polling is no longer needed', async () => {
    const page = await openOdooPage('odoo-incoming-mail-server');
    await expect(page.locator(`${OVERLAY} .panel`).textContent()).resolves.toContain('no longer needed');
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
