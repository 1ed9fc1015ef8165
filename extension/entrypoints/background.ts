// Background service worker: asks the gateway, with its token, for the Odoo overlay (a content script, which never
// holds the token), when the admin clicks there (the gateway's view of a domain, "Test with mailgate"); it answers
// mailgate's own content script only, where that script runs (messages/content-script-door.ts), and forgets the
// overlay's tab grants when their tabs close. The popup and the console call the gateway themselves: they are
// extension pages the admin opened.
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
