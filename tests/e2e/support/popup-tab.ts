// Opens the popup as a tab opened *from* another tab, as the toolbar popup sits over the page it works on: the
// popup then reads and fills that opener tab (extension/popup/active-page.ts).
import type { BrowserContext, Page } from 'playwright-core';
import type { TabsApi } from './tabs-api.ts';

type TabsCreateApi = TabsApi & {
  tabs: { create(options: { url: string; openerTabId: number }): Promise<{ id?: number }> };
};

/** The popup page (`popup.html<search>`) in a new tab whose opener is the tab showing `openerUrl`. */
export async function openPopupFromTab(
  context: BrowserContext,
  extensionId: string,
  openerUrl: string,
  search: string,
): Promise<Page> {
  const popupUrl = `chrome-extension://${extensionId}/popup.html${search}`;
  // Any extension page may call chrome.tabs; a blank one opened for that and closed again.
  const launcher = await context.newPage();
  await launcher.goto(`chrome-extension://${extensionId}/popup.html`);
  const opened = context.waitForEvent('page', { predicate: (page) => page.url() === popupUrl, timeout: 15_000 });
  await launcher.evaluate(
    async ({ openerUrl, popupUrl }) => {
      const { chrome } = globalThis as unknown as { chrome: TabsCreateApi };
      const opener = (await chrome.tabs.query({})).find((tab) => tab.url === openerUrl);
      if (opener?.id === undefined) throw new Error(`no tab shows ${openerUrl}`);
      await chrome.tabs.create({ url: popupUrl, openerTabId: opener.id });
    },
    { openerUrl, popupUrl },
  );
  const popup = await opened;
  await launcher.close();
  return popup;
}
