// For the popup: puts the Odoo overlay on a self-hosted Odoo tab the admin opened the popup on (`activeTab` +
// `scripting`); Odoo Online / odoo.sh pages get it from the manifest (erpMatchPatterns).
import { browser } from 'wxt/browser';

/** Where WXT writes `entrypoints/odoo.content.ts` in the built extension. */
export const ODOO_CONTENT_SCRIPT_FILE = '/content-scripts/odoo.js';

/** Injects the overlay into `tabId`; a second injection is harmless (the script installs itself once per page). */
export async function injectOdooOverlay(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId }, files: [ODOO_CONTENT_SCRIPT_FILE] });
}
