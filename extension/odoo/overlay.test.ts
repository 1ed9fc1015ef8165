// The overlay in the test's document: panels follow single-page navigation, "Use mailgate" and the SMTP presets fill
// what the simulated OWL client notices, and a closed panel stays closed on its screen.
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayStatus } from './gateway-status.ts';
import { DETECT_DEBOUNCE_MS, startOdooOverlay, type OdooOverlay } from './overlay.ts';
import { OVERLAY_HOST_ID } from './overlay-panel.ts';
import { readNoticedValue, showOdooFixtureInGlobalDocument } from './testing/load-odoo-fixture.ts';

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

function inPanel<T extends Element>(selector: string): T | null {
  return panelHost()?.shadowRoot?.querySelector<T>(selector) ?? null;
}

async function until<T>(find: () => T | null | undefined, what: string, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('startOdooOverlay', () => {
  it('on General Settings, shows the gateway\'s domain and its DNS, and "Use mailgate" fills the alias domain', async () => {
    showOdooFixtureInGlobalDocument('odoo-settings');
    const asked: (string | undefined)[] = [];
    overlay = startOdooOverlay(document, async (domain) => {
      asked.push(domain);
      return CONNECTED;
    });
    await until(() => panelHost()?.getAttribute('data-mailgate-ready'), 'the gateway answer');
    expect(asked).toEqual(['mycompany.odoo.com']);
    expect(panelHost()!.getAttribute('data-mailgate-screen')).toBe('settings');
    const text = panelHost()!.shadowRoot!.textContent!;
    expect(text).toContain('The gateway http://127.0.0.1:8787 receives example.com: replies to replies@example.com, bounces to bounces@example.com.');
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

  it('without a gateway, offers Odoo\'s defaults for the domain the admin types', async () => {
    showOdooFixtureInGlobalDocument('odoo-settings');
    overlay = startOdooOverlay(document, async () => ({ connected: false }));
    await until(() => panelHost()?.getAttribute('data-mailgate-ready'), 'the gateway answer');
    expect(panelHost()!.shadowRoot!.textContent).toContain('Not connected to a mailgate gateway');
    const domain = inPanel<HTMLInputElement>('[data-mailgate-input=domain]')!;
    expect(domain.value).toBe(''); // the Odoo subdomain is not a domain mailgate can receive
    inPanel<HTMLButtonElement>('[data-mailgate-action=use-mailgate]')!.click();
    await until(() => inPanel('[data-mailgate-result]'), 'the refusal');
    expect(inPanel('.problems')!.textContent).toContain('Enter the domain');
    domain.value = 'example.net';
    inPanel<HTMLButtonElement>('[data-mailgate-action=use-mailgate]')!.click();
    await until(() => readNoticedValue(document.getElementById('name_0')), 'the dialog');
    expect(readNoticedValue(document.getElementById('name_0'))).toBe('example.net');
    expect((document.getElementById('catchall_alias_0') as HTMLInputElement).value).toBe('catchall');
    expect((document.getElementById('bounce_alias_0') as HTMLInputElement).value).toBe('bounce');
  });

  it('follows the admin from screen to screen, and a closed panel stays closed on its screen', async () => {
    showOdooFixtureInGlobalDocument('odoo-outgoing-mail-server');
    overlay = startOdooOverlay(document, async () => CONNECTED);
    await until(() => panelHost()?.getAttribute('data-mailgate-ready'), 'the outgoing panel');
    expect(panelHost()!.getAttribute('data-mailgate-screen')).toBe('outgoing-server');
    const picker = inPanel<HTMLSelectElement>('[data-mailgate-input=preset]')!;
    picker.value = 'amazon-ses';
    picker.dispatchEvent(new Event('change'));
    expect(inPanel('[data-mailgate-warnings=amazon-ses]')!.textContent).toMatch(/sandbox.*port 25/s);
    const region = inPanel<HTMLSelectElement>('[data-mailgate-input=region]')!;
    expect(region.hidden).toBe(false);
    region.value = 'eu-central-1';
    inPanel<HTMLButtonElement>('[data-mailgate-action=fill-smtp]')!.click();
    await until(() => inPanel('[data-mailgate-result]'), 'the fill result');
    expect(readNoticedValue(document.getElementById('smtp_host_0'))).toBe('email-smtp.eu-central-1.amazonaws.com');
    expect(readNoticedValue(document.getElementById('from_filter_0'))).toBe('example.com');

    showOdooFixtureInGlobalDocument('odoo-incoming-mail-server');
    await until(() => panelHost()?.getAttribute('data-mailgate-screen') === 'incoming-server' || null, 'the incoming panel', DETECT_DEBOUNCE_MS * 8);
    expect(panelHost()!.shadowRoot!.textContent).toContain('no longer needed');
    expect(panelHost()!.shadowRoot!.textContent).toContain('This server polls catchall@mail.example.org on imap.mail.example.org (IMAP).');
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
});
