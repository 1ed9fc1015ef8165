// The popup's services over the real browser: tabs and scripting (active-page.ts), storage.local, the gateway
// connection, DNS-over-HTTPS, the clipboard and the window's timers.
import { loadConnection } from '../gateway/connection.ts';
import { injectOdooOverlay } from '../odoo/inject.ts';
import { fillInTab, findPageTab, readPageInTab } from './active-page.ts';
import { loadChoice, loadLastGatewayDomain, saveChoice, saveLastGatewayDomain } from './expectation-choice.ts';
import { fetchGatewayDomains } from './gateway-dns.ts';
import type { PopupServices } from './popup-services.ts';
import { clearWatch, loadWatch, saveWatch } from './watch-memory.ts';
import { createReportLoader } from './report-loader.ts';

export function createBrowserServices(): PopupServices {
  const fetchFn = (input: string, init: RequestInit) => fetch(input, init);
  return {
    findPageTab,
    readPage: readPageInTab,
    fill: fillInTab,
    showOdooOverlay: injectOdooOverlay,
    async loadGatewayDomains() {
      const connection = await loadConnection();
      return connection ? fetchGatewayDomains(connection, fetchFn) : null;
    },
    loadReport: createReportLoader({ fetch: fetchFn, connection: loadConnection }),
    loadChoice,
    saveChoice,
    loadLastGatewayDomain,
    saveLastGatewayDomain,
    loadWatch,
    saveWatch,
    clearWatch,
    copy: (text) => navigator.clipboard.writeText(text),
    timers: {
      now: () => Date.now(),
      setTimeout: (callback, ms) => window.setTimeout(callback, ms),
      clearTimeout: (handle) => window.clearTimeout(handle as number),
    },
  };
}
