// Putting the overlay on a self-hosted Odoo from the popup: the script goes into the tab's top frame, and the tab is
// granted on the page's origin only once the browser let the script in.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { injectOdooOverlay, ODOO_CONTENT_SCRIPT_FILE } from './inject.ts';
import { loadOverlayGrants } from './overlay-grants.ts';

let injections: unknown[];

beforeEach(() => {
  fakeBrowser.reset();
  injections = [];
  fakeBrowser.scripting.executeScript = (async (injection: unknown) => {
    injections.push(injection);
    return [];
  }) as typeof fakeBrowser.scripting.executeScript;
});

describe('injectOdooOverlay', () => {
  it("injects into the top frame and grants the tab on the page's origin", async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://erp.example.com/odoo/settings?debug=1' });
    await injectOdooOverlay(tab.id!);
    expect(injections).toEqual([{ target: { tabId: tab.id, frameIds: [0] }, files: [ODOO_CONTENT_SCRIPT_FILE] }]);
    expect(await loadOverlayGrants()).toEqual([{ tabId: tab.id, frameId: 0, origin: 'https://erp.example.com' }]);
  });

  it('grants nothing when the browser refuses the injection', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://erp.example.com/odoo/settings' });
    fakeBrowser.scripting.executeScript = (async () => {
      throw new Error(
        'Cannot access contents of the page. Extension manifest must request permission to access the respective host.',
      );
    }) as typeof fakeBrowser.scripting.executeScript;
    await expect(injectOdooOverlay(tab.id!)).rejects.toThrow(/Cannot access contents/);
    expect(await loadOverlayGrants()).toEqual([]);
  });

  it('refuses a tab whose address it cannot see', async () => {
    const tab = await fakeBrowser.tabs.create({});
    await expect(injectOdooOverlay(tab.id!)).rejects.toThrow("mailgate cannot see this tab's address");
    expect(injections).toEqual([]);
  });
});
