// The built extension in real Firefox (puppeteer-core over WebDriver BiDi): the popup checklist over stubbed
// DNS-over-HTTPS, and `mailgate:fill` on the generic forms served on 127.0.0.1.
import type { Page } from 'puppeteer-core';
import { afterAll, describe, expect, it } from 'vitest';
import { answerDohQuery, brokenZone } from './support/doh-stub.ts';
import { startFixtureServers } from './support/fixture-server.ts';
import { EXTENSION_ORIGIN, launchExtensionFirefox } from './support/firefox.ts';
import { screenshotsDir } from './support/paths.ts';
import type { TabsApi } from './support/tabs-api.ts';
import { fixtureAnswers } from '../../extension/registrars/testing/fixture-answers.ts';
import { buildSampleRecord } from '../../extension/registrars/testing/sample-records.ts';
import {
  judgeHeldValues,
  readHeldValues,
  resolveProbes,
  type FieldProbe,
} from '../../extension/registrars/testing/score-fill.ts';

/** generic-placeholders.html manages example.org: the host field wants the name relative to it. */
const DMARC_RECORD = {
  type: 'TXT',
  name: '_dmarc.example.org',
  value: 'v=DMARC1; p=none; rua=mailto:dmarc@example.org',
};

/** Pages no registrar profile matches (served on 127.0.0.1): the generic adapter alone fills them. */
const GENERIC_PAGES = fixtureAnswers.filter((answer) => answer.url === undefined);

const servers = await startFixtureServers();
const browser = await launchExtensionFirefox();
if (typeof browser === 'string') console.warn(`[e2e] Firefox tests skipped: ${browser}`);
const dohQueries: string[] = [];

afterAll(async () => {
  if (typeof browser !== 'string') await browser.close();
  await servers.close();
});

/**
 * Opens the popup in a tab. Firefox refuses a direct navigation to moz-extension:// from the automation: the tab
 * goes to a 127.0.0.1 page first, which navigates to the popup (web-accessible there in the e2e build only).
 */
async function openPopupTab(search: string): Promise<Page> {
  if (typeof browser === 'string') throw new Error(browser);
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('https://cloudflare-dns.com/')) return void request.continue();
    dohQueries.push(url);
    void request.respond({
      status: 200,
      contentType: 'application/dns-json',
      body: JSON.stringify(answerDohQuery(brokenZone, url)),
    });
  });
  await page.goto(`${servers.httpOrigin}/generic-aria.html`);
  await page.evaluate((url) => void (location.href = url), `${EXTENSION_ORIGIN}/popup.html${search}`);
  await waitForPopupDom(page);
  return page;
}

/** Whether `error` or one of its causes is a WebDriver BiDi protocol error (not a plain timeout). */
function isProtocolError(error: unknown): boolean {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    if (cause.name === 'ProtocolError' || cause.message.startsWith('Protocol error')) return true;
  }
  return false;
}

/**
 * Puppeteer's navigation events do not follow the page-initiated switch to the extension's origin: wait for the
 * popup's DOM. A poll that lands during the switch fails with a protocol error (its realm went away); poll again.
 */
async function waitForPopupDom(page: Page): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      await page.waitForSelector('[data-testid="domain"]', { timeout: Math.max(1_000, deadline - Date.now()) });
      return;
    } catch (error) {
      if (Date.now() >= deadline || !isProtocolError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Sends `mailgate:fill` from the popup tab to the tab showing `formUrl`, retrying until its content script listens. */
function sendFill(extensionPage: Page, formUrl: string, record: object): Promise<object> {
  return extensionPage.evaluate(
    async ({ formUrl, record }) => {
      const api = (globalThis as unknown as { browser: TabsApi }).browser;
      const tab = (await api.tabs.query({})).find((candidate) => candidate.url === formUrl);
      if (tab?.id === undefined) throw new Error(`no tab shows ${formUrl}`);
      // A deadline, not a count of tries: a content script can take seconds to run on a loaded machine.
      const deadline = Date.now() + 30_000;
      for (;;) {
        try {
          return (await api.tabs.sendMessage(tab.id, { type: 'mailgate:fill', record })) as object;
        } catch (error) {
          // "Could not establish connection" until the content script has run.
          if (Date.now() >= deadline) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    },
    { formUrl, record },
  );
}

describe.skipIf(typeof browser === 'string')('extension in Firefox', () => {
  it("the popup checklist shows a broken domain's failures with their fixes", async () => {
    const page = await openPopupTab('?domain=broken.example');
    await page.waitForSelector('[data-report-status]', { timeout: 20_000 });
    const items = await page.$$eval('[data-check]', (elements) =>
      elements.map((element) => `${element.getAttribute('data-check')}:${element.getAttribute('data-status')}`),
    );
    expect(items.filter((item) => !item.startsWith('srv.'))).toEqual([
      'mx:fail',
      'mx:fail',
      'mx:fail',
      'mx:fail',
      'spf:fail',
      'spf.duplicate:fail',
      'dkim:fail',
      'dmarc:fail',
    ]);
    const fixLines = await page.$$eval('[data-check] .fix code', (codes) => codes.map((code) => code.textContent));
    expect(fixLines).toContain(
      '_dmarc.broken.example 3600 IN TXT v=DMARC1; p=none; rua=mailto:dmarc-reports@broken.example',
    );
    expect(dohQueries.some((url) => url.includes('name=_dmarc.broken.example'))).toBe(true);
    await page.screenshot({ path: `${screenshotsDir}/firefox-popup-broken.png`, fullPage: true });
    await page.close();
  });

  it('fills a generic form on 127.0.0.1 from the extension (mailgate:fill)', async () => {
    if (typeof browser === 'string') return;
    const formUrl = `${servers.httpOrigin}/generic-placeholders.html`;
    const formPage = await browser.newPage();
    await formPage.goto(formUrl);
    const extensionPage = await openPopupTab('');
    const answer = await sendFill(extensionPage, formUrl, DMARC_RECORD);
    expect(answer).toMatchObject({
      ok: true,
      adapter: 'generic',
      filled: expect.arrayContaining(['type', 'name', 'value']),
    });
    const noticed = await formPage.$$eval('[data-framework-value]', (controls) =>
      Object.fromEntries(controls.map((control) => [control.id, control.getAttribute('data-framework-value')])),
    );
    expect(noticed).toMatchObject({ 'g-type': 'TXT', 'g-host': '_dmarc', 'g-value': DMARC_RECORD.value });
    // The popup's other question to the same content script: the zone the page manages (Firefox answers it too).
    const reading = await extensionPage.evaluate(async (formUrl) => {
      const api = (globalThis as unknown as { browser: TabsApi }).browser;
      const tab = (await api.tabs.query({})).find((candidate) => candidate.url === formUrl);
      return api.tabs.sendMessage(tab!.id!, { type: 'mailgate:read-page' });
    }, formUrl);
    expect(reading).toMatchObject({ adapter: 'generic', knownRegistrar: false, zone: 'example.org' });
    await formPage.bringToFront();
    await formPage.screenshot({ path: `${screenshotsDir}/firefox-filled-generic-placeholders.png`, fullPage: true });
    await formPage.close();
    await extensionPage.close();
  });

  it.each(GENERIC_PAGES.map((page) => [page.fixture, page] as const))(
    'fills the %s form (DMARC) with the generic adapter',
    async (fixture, page) => {
      if (typeof browser === 'string') return;
      const formUrl = `${servers.httpOrigin}/${fixture}.html`;
      const record = buildSampleRecord('dmarc', page.zone);
      const formPage = await browser.newPage();
      await formPage.goto(formUrl);
      const extensionPage = await openPopupTab('');
      try {
        expect(await sendFill(extensionPage, formUrl, record)).toMatchObject({ ok: true, adapter: 'generic' });
        const held = await formPage.evaluate(readHeldValues, resolveProbes(page, record) as Record<string, FieldProbe>);
        const judged = judgeHeldValues(held, page, record);
        expect(judged, JSON.stringify(held)).toEqual(
          Object.fromEntries(Object.keys(judged).map((field) => [field, true])),
        );
      } finally {
        await formPage.close();
        await extensionPage.close();
      }
    },
  );
});
