// What every screen view of the Odoo overlay receives.
import type { GatewayStatus, GatewayStatusRequest } from './gateway-status.ts';
import type { OverlayPanel } from './overlay-panel.ts';
import type { RequestSmtpTest } from './smtp-test-request.ts';

/** Asks the background for the gateway's view (it uses the gateway token): views call it only on the admin's click. */
export type RequestGatewayStatus = (request: Omit<GatewayStatusRequest, 'type'>) => Promise<GatewayStatus>;

export type OverlayContext = {
  doc: Document;
  panel: OverlayPanel;
  requestGatewayStatus: RequestGatewayStatus;
  /** Has the gateway test an SMTP server (the Outgoing Mail Server form's "Test with mailgate"), on the admin's click. */
  requestSmtpTest: RequestSmtpTest;
};
