// Background service worker: the one runtime.onMessage listener for mailgate's own content scripts
// (messages/content-script-door.ts), answered only where that script runs. Its routes are the Odoo overlay's, on the
// admin's click there: `mailgate:gateway-status` (the gateway's view of the alias domain) and the SMTP test behind
// "Test with mailgate". The background calls the gateway with the stored token, which no content script ever holds,
// and forgets the overlay's tab grants when their tabs close. The popup and the console call the gateway themselves
// (extension pages the admin opened), and the popup talks to the registrar content script directly
// (`mailgate:fill`, `mailgate:read-page`): neither passes through here.
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { listenToOwnContentScripts } from '../messages/content-script-door.ts';
import { createGatewayStatusRoute } from '../odoo/gateway-status-route.ts';
import { forgetOverlayTab } from '../odoo/overlay-grants.ts';
import { createSmtpTestRoute } from '../odoo/smtp-test-request.ts';

export default defineBackground(() => {
  listenToOwnContentScripts([createGatewayStatusRoute(), createSmtpTestRoute()]);
  browser.tabs.onRemoved.addListener((tabId) => void forgetOverlayTab(tabId));
});
