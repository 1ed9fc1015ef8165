// Background service worker: the only part of the extension that uses the gateway token on behalf of a page. It
// answers the Odoo overlay's gateway questions, and only those of mailgate's own content script where that script
// runs (content-script-door.ts); it forgets the overlay's tab grants when their tabs close.
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { listenToOwnContentScripts } from '../messages/content-script-door.ts';
import { createGatewayStatusRoute } from '../odoo/gateway-status-route.ts';
import { forgetOverlayTab } from '../odoo/overlay-grants.ts';

export default defineBackground(() => {
  listenToOwnContentScripts([createGatewayStatusRoute()]);
  browser.tabs.onRemoved.addListener((tabId) => void forgetOverlayTab(tabId));
});
