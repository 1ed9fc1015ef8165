// The background answers the gateway question of its own Odoo content script only: on a page that script runs on
// (its manifest matches, or a tab and origin the admin injected it into), in the top frame. Another extension, a web
// page, an extension page, a frame, another tab or origin: refused in words, and the gateway is never asked.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../entrypoints/background.ts';
import { saveConnection } from '../gateway/connection.ts';
import { GATEWAY_STATUS_MESSAGE_TYPE } from '../odoo/gateway-status.ts';
import { grantOverlay, loadOverlayGrants } from '../odoo/overlay-grants.ts';
import { SMTP_TEST_MESSAGE_TYPE } from '../odoo/smtp-test-request.ts';
import type { MessageSender } from './sender-check.ts';

const CONNECTION = { origin: 'https://gateway.example.net', token: 'mg_door_test_token_0123456789' };
const OWN_ID = fakeBrowser.runtime.id;
/** The built manifest's shape for the Odoo content script (WXT writes it from entrypoints/odoo.content.ts). */
const MANIFEST = {
  manifest_version: 3,
  name: 'mailgate',
  version: '0.1.0',
  content_scripts: [
    { matches: ['https://dash.cloudflare.com/*'], js: ['content-scripts/registrar.js'] },
    { matches: ['https://*.odoo.com/*'], js: ['content-scripts/odoo.js'] },
  ],
} as Browser.runtime.Manifest;

/** Every URL the gateway was asked, with the token it got. */
let gatewayCalls: string[];

/** The fields of the sender's tab the check reads (a browser sends many more). */
function tab(id: number, url: string): Browser.tabs.Tab {
  return { id, url, index: 0, windowId: 1, active: true } as Browser.tabs.Tab;
}

/** Our content script in the top frame of `tabId` on `url`, as Chrome describes it. */
function ownContentScript(tabId: number, url: string, frameId = 0): MessageSender {
  return { id: OWN_ID, url, origin: new URL(url).origin, tab: tab(tabId, url), frameId };
}

/** Delivers one message to the background's listeners as the browser would, and returns what they answered. */
async function send(message: unknown, sender: MessageSender): Promise<unknown> {
  let answer: unknown = 'no answer';
  const answered = new Promise<void>((resolve) => {
    void fakeBrowser.runtime.onMessage
      .trigger(message, sender, (response: unknown) => {
        answer = response;
        resolve();
      })
      .then((results: unknown[]) => {
        if (!results.includes(true)) resolve();
      });
  });
  await answered;
  return answer;
}

const ASK = { type: GATEWAY_STATUS_MESSAGE_TYPE, domain: 'example.com' };
const SMTP_TEST = {
  type: SMTP_TEST_MESSAGE_TYPE,
  request: { host: 'smtp.example.com', port: 587, security: 'starttls', username: 'odoo', password: 'secret-0123' },
};
const SMTP_RESULT = {
  ok: true,
  outcome: 'ok',
  message: 'Connection test succeeded.',
  host: 'smtp.example.com',
  port: 587,
  security: 'starttls',
  banner: 'smtp.example.com ESMTP',
  extensions: ['STARTTLS', 'AUTH'],
  sizeLimit: null,
  authMechanisms: ['PLAIN'],
  tls: true,
  authenticated: true,
  steps: [],
};

beforeEach(async () => {
  fakeBrowser.reset();
  fakeBrowser.runtime.getManifest = () => MANIFEST;
  gatewayCalls = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    gatewayCalls.push(`${String(input)} ${new Headers(init?.headers).get('authorization')}`);
    if (String(input).endsWith('/api/smtp-test')) return Response.json(SMTP_RESULT);
    if (String(input).endsWith('/api/domains')) {
      return Response.json({
        items: [
          {
            id: 'dom_1',
            name: 'example.com',
            catchall: 'replies',
            bounce: 'bounces',
            createdAt: '2026-05-01T00:00:00.000Z',
          },
        ],
      });
    }
    return Response.json({ domain: 'example.com', checkedAt: '2026-05-04T10:00:00.000Z', status: 'ok', findings: [] });
  });
  await saveConnection(CONNECTION);
  background.main!();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the background answers its own Odoo content script', () => {
  it('on an Odoo Online page, in the top frame, with the gateway asked under the stored token', async () => {
    const answer = await send(ASK, ownContentScript(4, 'https://mycompany.odoo.com/odoo/settings'));
    expect(answer).toMatchObject({
      connected: true,
      origin: CONNECTION.origin,
      domain: { name: 'example.com' },
      dns: { status: 'ok' },
    });
    expect(gatewayCalls).toEqual([
      `${CONNECTION.origin}/api/domains Bearer ${CONNECTION.token}`,
      `${CONNECTION.origin}/api/domains/example.com/dns Bearer ${CONNECTION.token}`,
    ]);
  });

  it('on a self-hosted Odoo only in the tab and on the origin the admin injected it into', async () => {
    await grantOverlay({ tabId: 9, frameId: 0, origin: 'https://erp.example.com' });
    expect(await send(ASK, ownContentScript(9, 'https://erp.example.com/odoo/settings'))).toMatchObject({
      connected: true,
    });
    expect(await send(ASK, ownContentScript(10, 'https://erp.example.com/odoo/settings'))).toEqual({
      failure: 'refused',
      error: 'mailgate:gateway-status refused: the content script does not run on https://erp.example.com in tab 10.',
    });
    expect(await send(ASK, ownContentScript(9, 'https://other.example.com/odoo/settings'))).toMatchObject({
      failure: 'refused',
      error: expect.stringContaining('does not run on https://other.example.com in tab 9'),
    });
  });

  it('the SMTP test of the Outgoing Mail Server form goes through the same door, with the stored token', async () => {
    const answer = await send(
      SMTP_TEST,
      ownContentScript(4, 'https://mycompany.odoo.com/odoo/action-base.action_ir_mail_server_list'),
    );
    expect(answer).toEqual({ ok: true, result: SMTP_RESULT });
    expect(gatewayCalls).toEqual([`${CONNECTION.origin}/api/smtp-test Bearer ${CONNECTION.token}`]);
  });

  it('forgets an injected tab once it is closed', async () => {
    await grantOverlay({ tabId: 9, frameId: 0, origin: 'https://erp.example.com' });
    await fakeBrowser.tabs.onRemoved.trigger(9, { windowId: 1, isWindowClosing: false });
    await vi.waitFor(async () => expect(await loadOverlayGrants()).toEqual([]));
    expect(await send(ASK, ownContentScript(9, 'https://erp.example.com/odoo/settings'))).toMatchObject({
      failure: 'refused',
    });
  });
});

describe('the background refuses everyone else, in words, without asking the gateway', () => {
  afterEach(() => expect(gatewayCalls).toEqual([]));

  it('another extension', async () => {
    const sender: MessageSender = {
      id: 'evil-extension-id',
      url: 'chrome-extension://evil-extension-id/background.js',
    };
    expect(await send(ASK, sender)).toEqual({
      failure: 'refused',
      error: 'mailgate:gateway-status refused: another extension (evil-extension-id) is not mailgate.',
    });
  });

  it('a web page (externally_connectable)', async () => {
    const sender: MessageSender = {
      url: 'https://attacker.example/steal.html',
      origin: 'https://attacker.example',
      tab: tab(5, 'https://attacker.example/steal.html'),
      frameId: 0,
    };
    expect(await send(ASK, sender)).toEqual({
      failure: 'refused',
      error: 'mailgate:gateway-status refused: a web page (https://attacker.example/steal.html) is not mailgate.',
    });
  });

  it("mailgate's content script on a page it does not serve (a registrar's)", async () => {
    expect(await send(ASK, ownContentScript(6, 'https://dash.cloudflare.com/0123/example.com/dns/records'))).toEqual({
      failure: 'refused',
      error:
        'mailgate:gateway-status refused: the content script does not run on https://dash.cloudflare.com in tab 6.',
    });
  });

  it('a frame inside an Odoo page, and an address that disagrees with its origin', async () => {
    expect(await send(ASK, ownContentScript(4, 'https://mycompany.odoo.com/embedded', 7))).toMatchObject({
      failure: 'refused',
      error: expect.stringContaining('frame 7 is not the top frame'),
    });
    const disguised = {
      ...ownContentScript(4, 'https://mycompany.odoo.com/odoo/settings'),
      origin: 'https://attacker.example',
    };
    expect(await send(ASK, disguised)).toMatchObject({
      failure: 'refused',
      error: expect.stringContaining('do not agree'),
    });
  });

  it('an extension page, and a sender outside any tab', async () => {
    const popup: MessageSender = {
      id: OWN_ID,
      url: fakeBrowser.runtime.getURL('/popup.html'),
      tab: tab(3, fakeBrowser.runtime.getURL('/popup.html')),
      frameId: 0,
    };
    expect(await send(ASK, popup)).toMatchObject({
      failure: 'refused',
      error: expect.stringContaining('an extension page'),
    });
    expect(await send(ASK, { id: OWN_ID, url: 'https://mycompany.odoo.com/odoo/settings' })).toMatchObject({
      failure: 'refused',
      error: expect.stringContaining('not a content script in a tab'),
    });
  });

  it('an SMTP test (a password to test) from a web page or a registrar page', async () => {
    const sender: MessageSender = {
      url: 'https://attacker.example/steal.html',
      origin: 'https://attacker.example',
      tab: tab(5, 'https://attacker.example/steal.html'),
      frameId: 0,
    };
    expect(await send(SMTP_TEST, sender)).toEqual({
      failure: 'refused',
      error: 'mailgate:smtp-test refused: a web page (https://attacker.example/steal.html) is not mailgate.',
    });
    expect(
      await send(SMTP_TEST, ownContentScript(6, 'https://dash.cloudflare.com/0123/example.com/dns/records')),
    ).toMatchObject({ failure: 'refused' });
  });

  it('a malformed request from the right sender', async () => {
    const answer = await send(
      { type: GATEWAY_STATUS_MESSAGE_TYPE, domain: 42 },
      ownContentScript(4, 'https://mycompany.odoo.com/odoo/settings'),
    );
    expect(answer).toEqual({ failure: 'refused', error: 'mailgate:gateway-status refused: the request is malformed.' });
  });

  it('leaves messages that are not its own unanswered', async () => {
    expect(await send({ type: 'mailgate:fill' }, ownContentScript(4, 'https://mycompany.odoo.com/odoo/settings'))).toBe(
      'no answer',
    );
  });
});
