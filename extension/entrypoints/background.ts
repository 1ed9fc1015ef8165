// Background service worker: placeholder until the popup relays fills through it.
import { defineBackground } from 'wxt/utils/define-background';
import { listenForGatewayStatus } from '../odoo/gateway-status-listener.ts';

export default defineBackground(() => {
  // The Odoo overlay asks the gateway through here: content scripts cannot reach its origin themselves.
  listenForGatewayStatus();
});
