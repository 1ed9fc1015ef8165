// Registrar content script: answers `mailgate:fill` by filling the page's add-record form, and `mailgate:read-page`
// with the zone and the records the page lists (the popup's domain and propagation hints); only to the extension's
// own pages.
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { showFillPanel } from '../content/fill-panel.ts';
import { FILL_MESSAGE_TYPE } from '../messages/fill-message.ts';
import { READ_PAGE_MESSAGE_TYPE } from '../messages/read-page-message.ts';
import { isOwnExtensionPage, type MessageSender } from '../messages/sender-check.ts';
import { handleFillRequest } from '../registrars/handle-fill-request.ts';
import { selectAdapter } from '../registrars/index.ts';
import { allRegistrarMatchPatterns } from '../registrars/match-patterns.ts';
import { readPage } from '../registrars/read-page.ts';

/**
 * Set on the content script's view of the window (never the page's) so that a second injection (popup →
 * scripting.executeScript) adds no second listener.
 */
const INSTALLED_FLAG = '__mailgateRegistrarContentScript';

export default defineContentScript({
  matches: allRegistrarMatchPatterns,
  main() {
    const scope = window as unknown as Record<string, unknown>;
    if (scope[INSTALLED_FLAG]) return;
    scope[INSTALLED_FLAG] = true;
    browser.runtime.onMessage.addListener(
      (message: unknown, sender: MessageSender, sendResponse: (response: unknown) => void) => {
        if (!isOwnExtensionPage(sender, browser.runtime.id, browser.runtime.getURL('/'))) return undefined;
        const type = (message as { type?: unknown } | null)?.type;
        if (type === READ_PAGE_MESSAGE_TYPE) {
          // Synchronous: reading the page's tables needs no waiting.
          sendResponse(readPage(document, location.href));
          return undefined;
        }
        if (type !== FILL_MESSAGE_TYPE) return undefined;
        void handleFillRequest(message, document, location.href).then((response) => {
          showFillPanel(document, {
            ok: response.ok,
            adapterName: selectAdapter(location.href).displayName,
            filled: response.ok ? response.filled : [],
            problems: response.ok ? response.problems : [],
            ...(response.ok ? {} : { error: response.error }),
          });
          sendResponse(response);
        });
        // Keeps the channel open for the asynchronous answer (Chrome's onMessage contract).
        return true;
      },
    );
  },
});
