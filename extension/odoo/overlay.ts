// Keeps the Odoo overlay in step with the single-page web client: watches DOM changes (debounced), detects which
// screen is shown, and mounts that screen's panel; a screen the admin closed stays closed until they leave it.
import { detectOdooScreen, type OdooScreen } from './detect-screen.ts';
import { renderIncomingServerView } from './incoming-server-view.ts';
import type { OverlayContext, RequestGatewayStatus } from './overlay-context.ts';
import { mountOverlayPanel, type OverlayPanel } from './overlay-panel.ts';
import { renderOutgoingServerView } from './outgoing-server-view.ts';
import { renderSettingsView } from './settings-view.ts';
import type { RequestSmtpTest } from './smtp-test-request.ts';

/** Odoo re-renders in bursts (RPC, then OWL patches): wait for it to settle before looking. */
export const DETECT_DEBOUNCE_MS = 250;

const VIEWS: Record<OdooScreen, { title: string; render(ctx: OverlayContext): Promise<void> }> = {
  settings: { title: 'mailgate · Alias domain', render: renderSettingsView },
  'alias-domain': { title: 'mailgate · Alias domain', render: renderSettingsView },
  'outgoing-server': { title: 'mailgate · Outgoing mail server', render: renderOutgoingServerView },
  'incoming-server': { title: 'mailgate · Incoming mail server', render: renderIncomingServerView },
};

export type OdooOverlay = {
  /** Detects the screen now (the observer calls it, debounced). */
  refresh(): void;
  /** The panel shown now, or null: the content script's own handle on its closed shadow root. */
  panel(): OverlayPanel | null;
  stop(): void;
};

/** How the overlay reaches the gateway: through the background, which holds the token. */
export type OverlayRequests = { requestGatewayStatus: RequestGatewayStatus; requestSmtpTest: RequestSmtpTest };

export function startOdooOverlay(doc: Document, requests: OverlayRequests): OdooOverlay {
  let shown: { screen: OdooScreen; panel: OverlayPanel } | null = null;
  let dismissed: OdooScreen | null = null;

  const refresh = () => {
    const screen = detectOdooScreen(doc);
    if (screen !== dismissed) dismissed = null;
    if (shown && (shown.screen !== screen || !shown.panel.host.isConnected)) {
      shown.panel.remove();
      shown = null;
    }
    if (!screen || shown || dismissed === screen) return;
    const view = VIEWS[screen];
    const panel = mountOverlayPanel(doc, screen, view.title, () => {
      dismissed = screen;
      shown = null;
    });
    shown = { screen, panel };
    // Marks the host once the view is drawn (tests and screenshots wait for it); it says nothing about the gateway.
    void view.render({ doc, panel, ...requests }).finally(() => panel.host.setAttribute('data-mailgate-ready', 'true'));
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(refresh, DETECT_DEBOUNCE_MS);
  });
  observer.observe(doc.body, { childList: true, subtree: true });
  refresh();
  return {
    refresh,
    panel: () => shown?.panel ?? null,
    stop: () => {
      observer.disconnect();
      clearTimeout(timer);
      shown?.panel.remove();
      shown = null;
    },
  };
}
