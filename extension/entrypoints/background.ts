// Background service worker: placeholder until the popup relays fills through it.
import { defineBackground } from 'wxt/utils/define-background';
import { listenForGatewayStatus } from '../odoo/gateway-status-listener.ts';
import { listenForSmtpTest } from '../odoo/smtp-test-request.ts';

export default defineBackground(() => {
  // The Odoo overlay asks the gateway through here: content scripts cannot reach its origin themselves.
  listenForGatewayStatus();
  // Its "Test with mailgate" button: the Outgoing Mail Server form's values, tested by the gateway.
  listenForSmtpTest();
});
