// The overlay in the test's document: panels follow single-page navigation, the gateway is asked only on the admin's
// click, "Use mailgate" and the SMTP presets fill what the simulated OWL client notices, a closed panel stays closed
// on its screen, and the page's own scripts cannot read the panel.
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayStatus, GatewayStatusRequest } from './gateway-status.ts';
import { DETECT_DEBOUNCE_MS, startOdooOverlay, type OdooOverlay } from './overlay.ts';
import { OVERLAY_HOST_ID } from './overlay-panel.ts';
import type { RequestSmtpTest } from './smtp-test-request.ts';
import { readNoticedValue, showOdooFixtureInGlobalDocument } from './testing/load-odoo-fixture.ts';
import { readPanelText } from '../content/testing/panel-text.ts';

type Asked = Omit<GatewayStatusRequest, 'type'>;

/** These cases never click "Test with mailgate" (smtp-test-button.test.ts does): an answer that says so. */
const refuseSmtpTest: RequestSmtpTest = async () => ({ ok: false, error: 'no SMTP test in these cases' });

const CONNECTED: GatewayStatus = {
  connected: true,
  origin: 'http://127.0.0.1:8787',
  domains: [{ name: 'example.com', catchall: 'replies', bounce: 'bounces' }],
  domain: { name: 'example.com', catchall: 'replies', bounce: 'bounces' },
  matchesRequest: false,
  dns: { status: 'fail', failing: ['dmarc'] },
};

let overlay: OdooOverlay | undefined;
afterEach(() => {
  overlay?.stop();
  document.body.innerHTML = '';
});

function panelHost(): HTMLElement | null {
  return document.getElementById(OVERLAY_HOST_ID);
}

/** The panel's closed shadow root, through the overlay's own handle (page scripts have none). */
function panelRoot(): ShadowRoot {
  const root = overlay?.panel()?.root;
  if (!root) throw new Error('no panel is shown');
  return root;
}

function inPanel<T extends Element>(selector: string): T | null {
  return overlay?.panel()?.root.querySelector<T>(selector) ?? null;
}

function panelText(): string {
  return readPanelText(panelRoot());
}

/** Polls for what the overlay shows; the deadline is generous for a loaded machine (a miss still fails, with `what`). */
async function until<T>(find: () => T | null | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('startOdooOverlay', () => {
  it('on General Settings, asks the gateway only at the click, shows its domain and DNS, and "Use mailgate" fills', async () => {
    showOdooFixtureInGlobalDocument('odoo-settings');
    const asked: Asked[] = [];
    overlay = startOdooOverlay(document, {
      requestGatewayStatus: async (request) => {
        asked.push(request);
        return CONNECTED;
      },
      requestSmtpTest: refuseSmtpTest,
    });
    await until(() => panelHost()?.getAttribute('data-mailgate-ready'), 'the panel');
    expect(panelHost()!.getAttribute('data-mailgate-screen')).toBe('settings');
    await new Promise((resolve) => setTimeout(resolve, DETECT_DEBOUNCE_MS * 2));
    expect(asked).toEqual([]);
    expect(inPanel('[data-mailgate-action=use-mailgate]')).toBeNull();
    inPanel<HTMLButtonElement>('[data-mailgate-action=ask-gateway]')!.click();
    await until(() => inPanel('[data-mailgate-gateway=connected]'), 'the gateway answer');
    expect(asked).toEqual([{ domain: 'mycompany.odoo.com' }]);
    const text = panelText();
    expect(text).toContain(
      'The gateway http://127.0.0.1:8787 receives example.com: replies to replies@example.com, bounces to bounces@example.com.',
    );
    expect(text).toContain("Odoo's alias domain mycompany.odoo.com is not on the gateway.");
    expect(text).toContain('DNS records: to fix (dmarc)');
    expect(text).toContain('Custom Email Servers is off');
    inPanel<HTMLButtonElement>('[data-mailgate-action=use-mailgate]')!.click();
    await until(() => inPanel('[data-mailgate-result]'), 'the fill result');
    expect(inPanel('[data-mailgate-result]')!.getAttribute('data-mailgate-result')).toBe('ok');
    expect(readNoticedValue(document.getElementById('name_0'))).toBe('example.com');
    expect(readNoticedValue(document.getElementById('catchall_alias_0'))).toBe('replies');
    expect(readNoticedValue(document.getElementById('bounce_alias_0'))).toBe('bounces');
  });

  it("without a gateway, offers Odoo's defaults for the domain the admin types", async () => {
    showOdooFixtureInGlobalDocument('odoo-settings');
    overlay = startOdooOverlay(document, {
      requestGatewayStatus: async () => ({ connected: false }),
      requestSmtpTest: refuseSmtpTest,
    });
    await until(() => inPanel<HTMLButtonElement>('[data-mailgate-action=ask-gateway]'), 'the panel').then((ask) =>
      ask.click(),
    );
    await until(() => inPanel('[data-mailgate-gateway=disconnected]'), 'the gateway answer');
    expect(panelText()).toContain('Not connected to a mailgate gateway');
    const domain = inPanel<HTMLInputElement>('[data-mailgate-input=domain]')!;
    expect(domain.value).toBe(''); // the Odoo subdomain is not a domain mailgate can receive
    inPanel<HTMLButtonElement>('[data-mailgate-action=use-mailgate]')!.click();
    await until(() => inPanel('[data-mailgate-result]'), 'the refusal');
    expect(readPanelText(inPanel('.problems')!)).toContain('Enter the domain');
    domain.value = 'example.net';
    inPanel<HTMLButtonElement>('[data-mailgate-action=use-mailgate]')!.click();
    await until(() => readNoticedValue(document.getElementById('name_0')), 'the dialog');
    expect(readNoticedValue(document.getElementById('name_0'))).toBe('example.net');
    expect((document.getElementById('catchall_alias_0') as HTMLInputElement).value).toBe('catchall');
    expect((document.getElementById('bounce_alias_0') as HTMLInputElement).value).toBe('bounce');
  });

  it('follows the admin from screen to screen, and a closed panel stays closed on its screen', async () => {
    showOdooFixtureInGlobalDocument('odoo-outgoing-mail-server');
    const asked: Asked[] = [];
    overlay = startOdooOverlay(document, {
      requestGatewayStatus: async (request) => {
        asked.push(request);
        return CONNECTED;
      },
      requestSmtpTest: refuseSmtpTest,
    });
    await until(() => panelHost()?.getAttribute('data-mailgate-ready'), 'the outgoing panel');
    expect(panelHost()!.getAttribute('data-mailgate-screen')).toBe('outgoing-server');
    const picker = inPanel<HTMLSelectElement>('[data-mailgate-input=preset]')!;
    picker.value = 'amazon-ses';
    picker.dispatchEvent(new Event('change'));
    expect(readPanelText(inPanel('[data-mailgate-warnings=amazon-ses]')!)).toMatch(/sandbox.*port 25/s);
    const region = inPanel<HTMLSelectElement>('[data-mailgate-input=region]')!;
    expect(region.hidden).toBe(false);
    region.value = 'eu-central-1';
    // SES relays for a whole domain: the gateway's domain is asked for at the click, and only its domains.
    expect(asked).toEqual([]);
    inPanel<HTMLButtonElement>('[data-mailgate-action=fill-smtp]')!.click();
    await until(() => inPanel('[data-mailgate-result]'), 'the fill result');
    expect(asked).toEqual([{ dns: false }]);
    expect(readNoticedValue(document.getElementById('smtp_host_0'))).toBe('email-smtp.eu-central-1.amazonaws.com');
    expect(readNoticedValue(document.getElementById('from_filter_0'))).toBe('example.com');

    showOdooFixtureInGlobalDocument('odoo-incoming-mail-server');
    await until(
      () => panelHost()?.getAttribute('data-mailgate-screen') === 'incoming-server' || null,
      'the incoming panel',
      DETECT_DEBOUNCE_MS * 8,
    );
    expect(panelText()).toContain('no longer needed');
    expect(panelText()).toContain('This server polls catchall@mail.example.org on imap.mail.example.org (IMAP).');
    expect(asked).toEqual([{ dns: false }]);
    inPanel<HTMLButtonElement>('.close')!.click();
    expect(panelHost()).toBeNull();
    overlay.refresh();
    expect(panelHost()).toBeNull();

    document.body.innerHTML = '<p>Discuss</p>';
    overlay.refresh();
    showOdooFixtureInGlobalDocument('odoo-incoming-mail-server');
    overlay.refresh();
    expect(panelHost()?.getAttribute('data-mailgate-screen')).toBe('incoming-server');
  });

  it('gives the page nothing to read: a closed root, and text it can neither walk, search nor select', async () => {
    showOdooFixtureInGlobalDocument('odoo-settings');
    overlay = startOdooOverlay(document, {
      requestGatewayStatus: async () => CONNECTED,
      requestSmtpTest: refuseSmtpTest,
    });
    await until(() => inPanel<HTMLButtonElement>('[data-mailgate-action=ask-gateway]'), 'the panel').then((ask) =>
      ask.click(),
    );
    await until(() => inPanel('[data-mailgate-gateway=connected]'), 'the gateway answer');
    expect(panelText()).toContain('http://127.0.0.1:8787');
    // What a page script reaches: the host element, without a shadow root, and no text of the panel anywhere.
    const host = panelHost()!;
    expect(host.shadowRoot).toBeNull();
    expect(() => host.attachShadow({ mode: 'open' })).toThrow();
    for (const seen of [document.documentElement.outerHTML, document.body.textContent ?? '', host.outerHTML]) {
      expect(seen).not.toContain('127.0.0.1:8787');
      expect(seen).not.toContain('replies@example.com');
    }
    // Inside, the words are generated content: no text node carries them for window.find or a selection to meet.
    expect(panelRoot().textContent).not.toContain('127.0.0.1:8787');
    expect(panelRoot().textContent).not.toContain('DNS records');
  });
});
