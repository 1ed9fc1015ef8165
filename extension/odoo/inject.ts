// For the popup: puts the Odoo overlay on a self-hosted Odoo tab the admin opened the popup on (`activeTab` +
// `scripting`), and lets the background answer it there (overlay-grants.ts); Odoo Online / odoo.sh pages get it from
// the manifest (erpMatchPatterns).
import { browser } from 'wxt/browser';
import { grantOverlay } from './overlay-grants.ts';

/** Where WXT writes `entrypoints/odoo.content.ts` in the built extension. */
export const ODOO_CONTENT_SCRIPT_FILE = '/content-scripts/odoo.js';

/**
 * Injects the overlay into the top frame of `tabId` and grants it that tab on the page's origin; a second injection
 * is harmless (the script installs itself once per page).
 */
export async function injectOdooOverlay(tabId: number): Promise<void> {
  // The page's address is visible through the admin's activeTab grant; the grant ends if the tab leaves the origin,
  // and then the injection below fails and nothing is granted.
  const { url } = await browser.tabs.get(tabId);
  const origin = url ? new URL(url).origin : undefined;
  if (!origin || origin === 'null')
    throw new Error("mailgate cannot see this tab's address: open the popup on the Odoo tab itself");
  await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [ODOO_CONTENT_SCRIPT_FILE] });
  await grantOverlay({ tabId, frameId: 0, origin });
}
