// What every screen view of the Odoo overlay receives.
import type { GatewayStatus } from './gateway-status.ts';
import type { OverlayPanel } from './overlay-panel.ts';

export type OverlayContext = {
  doc: Document;
  panel: OverlayPanel;
  /** Asks the background for the gateway's view of `domain` (or of its first domain). */
  requestGatewayStatus(domain?: string): Promise<GatewayStatus>;
};
