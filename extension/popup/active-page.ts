// The page the popup works on: the active tab of the browser window (or, when the checklist runs in a tab of its
// own, the tab that opened it), reached through the registrar content script, injected on the admin's click when
// the page is not a registrar the manifest declares (activeTab + scripting).
import { browser } from 'wxt/browser';
import type { DnsRecord } from '../../shared/api/dns.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { FILL_MESSAGE_TYPE, type FillResponse } from '../messages/fill-message.ts';
import { pageReadingSchema, READ_PAGE_MESSAGE_TYPE, type PageReading } from '../messages/read-page-message.ts';

/** Where WXT writes the registrar content script (entrypoints/registrar.content.ts) in every build. */
export const REGISTRAR_CONTENT_SCRIPT_FILE = '/content-scripts/registrar.js';

export type PageTab = { tabId: number; url: string | null };

/** Pages no extension may script (browser UI, extension pages, stores). */
const UNSCRIPTABLE_URL = /^(chrome|edge|about|moz-extension|chrome-extension|view-source|devtools|resource):/i;

/**
 * True when a content script could run in the tab. A tab whose URL the extension cannot see is one it has no
 * access to either (no host permission, no activeTab grant: the grant also reveals the URL), so it is not offered.
 */
export function isScriptablePage(url: string | null): boolean {
  return url !== null && !UNSCRIPTABLE_URL.test(url);
}

/**
 * The tab whose page the popup reads and fills. In the toolbar popup that is the active tab of its window. When
 * the checklist is itself a tab (opened with `popup.html?…`), its own page is not a registrar page: it works on
 * the tab that opened it, or on none.
 */
export async function findPageTab(): Promise<PageTab | null> {
  const own = await browser.tabs.getCurrent();
  if (own) {
    if (own.openerTabId === undefined) return null;
    const opener = await browser.tabs.get(own.openerTabId).catch(() => undefined);
    return opener?.id === undefined ? null : { tabId: opener.id, url: opener.url ?? null };
  }
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active?.id === undefined ? null : { tabId: active.id, url: active.url ?? null };
}

/** The content script is absent from the page: no listener answered (Chrome and Firefox word it differently). */
function isNoReceiver(error: unknown): boolean {
  return /receiving end does not exist|could not establish connection/i.test(errorMessage(error));
}

/** Runs the registrar content script in the page (it guards itself against a second install). */
export async function injectRegistrarScript(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId }, files: [REGISTRAR_CONTENT_SCRIPT_FILE] });
}

/**
 * What the page's content script reads (zone, listed records), or null when no content script runs there yet.
 * With `inject`, the script is injected first when missing (only on the admin's click: that is what activeTab grants).
 */
export async function readPageInTab(tabId: number, { inject }: { inject: boolean }): Promise<PageReading | null> {
  try {
    return pageReadingSchema.parse(await browser.tabs.sendMessage(tabId, { type: READ_PAGE_MESSAGE_TYPE }));
  } catch (error) {
    if (!isNoReceiver(error) || !inject) {
      if (isNoReceiver(error)) return null;
      throw error;
    }
  }
  await injectRegistrarScript(tabId);
  return pageReadingSchema.parse(await browser.tabs.sendMessage(tabId, { type: READ_PAGE_MESSAGE_TYPE }));
}

/** Sends `mailgate:fill` to the page, injecting the content script first when the page has none (admin's click). */
export async function fillInTab(tabId: number, record: DnsRecord, zone: string): Promise<FillResponse> {
  const message = { type: FILL_MESSAGE_TYPE, record, zone };
  try {
    return (await browser.tabs.sendMessage(tabId, message)) as FillResponse;
  } catch (error) {
    if (!isNoReceiver(error)) throw error;
  }
  await injectRegistrarScript(tabId);
  return (await browser.tabs.sendMessage(tabId, message)) as FillResponse;
}
