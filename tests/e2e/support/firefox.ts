// Launches Debian's Firefox ESR through puppeteer-core (WebDriver BiDi) with the e2e build installed.
import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';
import { firefoxExtensionDir } from './paths.ts';

export const FIREFOX_PATH = process.env.MAILGATE_FIREFOX ?? '/usr/bin/firefox-esr';
/** The manifest's gecko id (wxt.config.ts). */
const ADDON_ID = 'mailgate@mailgate.dev';
/** Pinned so the test knows the moz-extension:// origin (Firefox otherwise picks a random UUID per profile). */
export const ADDON_UUID = '5f0c4a1e-2b7d-4c39-9e1a-6d8b0c2f7a31';
export const EXTENSION_ORIGIN = `moz-extension://${ADDON_UUID}`;

/** The running browser with the add-on installed, or a sentence saying why none could be started. */
export async function launchExtensionFirefox(): Promise<Browser | string> {
  if (!existsSync(FIREFOX_PATH)) return `Firefox not found at ${FIREFOX_PATH} (apt-get install -y firefox-esr)`;
  try {
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      // Generous (puppeteer's default is 30 s): on a loaded 2-core machine a browser start can take longer.
      timeout: 90_000,
      defaultViewport: { width: 1100, height: 800 },
      extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }) },
    });
    try {
      await browser.installExtension(firefoxExtensionDir);
    } catch (error) {
      await browser.close();
      throw error;
    }
    return browser;
  } catch (error) {
    return `Firefox could not be launched: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
}
