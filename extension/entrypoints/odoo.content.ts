// Odoo overlay content script: on Odoo's General Settings, Outgoing and Incoming Mail Server forms, a panel that
// configures the alias domain and SMTP relay for mailgate. Declared on Odoo Online / odoo.sh; self-hosted Odoo gets
// it from the popup (extension/odoo/inject.ts). It never holds the gateway token: the background asks the gateway
// for it, and only when the admin clicks in the panel.
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { unwrapAnswer } from '../messages/message-failure.ts';
import { GATEWAY_STATUS_MESSAGE_TYPE, type GatewayStatus } from '../odoo/gateway-status.ts';
import { startOdooOverlay } from '../odoo/overlay.ts';
import { requestSmtpTest } from '../odoo/smtp-test-request.ts';
import { erpMatchPatterns } from '../registrars/match-patterns.ts';

/** Set on the content script's view of the window (never the page's): a second injection starts no second overlay. */
const INSTALLED_FLAG = '__mailgateOdooOverlay';

export default defineContentScript({
  matches: erpMatchPatterns,
  main() {
    const scope = window as unknown as Record<string, unknown>;
    if (scope[INSTALLED_FLAG]) return;
    scope[INSTALLED_FLAG] = true;
    startOdooOverlay(document, {
      requestGatewayStatus: async (request) =>
        unwrapAnswer(
          await browser.runtime.sendMessage({ type: GATEWAY_STATUS_MESSAGE_TYPE, ...request }),
        ) as GatewayStatus,
      requestSmtpTest,
    });
  },
});
