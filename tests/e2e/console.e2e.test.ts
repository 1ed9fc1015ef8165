// The admin console (options page) of the built extension in real Chromium, against the real worker under
// `wrangler dev` (own port, own temporary state): connect, create an alias and read it back through the API, open a
// reply's thread, prove a hostile HTML mail renders inert, replay an inbound row, draw the charts.
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AliasJson } from '../../shared/api/aliases.ts';
import type { InboundItem } from '../../shared/api/inbound.ts';
import type { StatsJson } from '../../shared/api/stats.ts';
import type { ThreadDetail } from '../../shared/api/threads.ts';
import { createDohZoneHandler } from '../fakes/doh-zone.ts';
import { startLocalServer, type LocalServer } from '../fakes/local-server.ts';
import { launchExtensionChromium } from './support/chromium.ts';
import { repoRoot, screenshotsDir } from './support/paths.ts';
import { startLocalWorker } from './support/worker.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const FRAME_TIMEOUT_MS = 10_000;
const fixtureMail = (name: string) => readFileSync(`${repoRoot}tests/fixtures/mail/${name}`, 'utf8');

/** Thirty days of earlier traffic of example.com (a few mails a day, some bounces), so the charts have a history. */
function historySql(now: number): string {
  const todayStart = now - (now % DAY_MS);
  const rows: string[] = [];
  for (let daysAgo = 29; daysAgo >= 1; daysAgo--) {
    const mails = 2 + ((daysAgo * 7) % 5);
    const bounces = daysAgo % 4 === 0 ? 1 : 0;
    for (let index = 0; index < mails + bounces; index++) {
      // Ids below every real one (`inb_` + time): the inbound log, newest first, shows the test's own mail first.
      const id = `inb_0000000000history${String(daysAgo).padStart(2, '0')}${String(index).padStart(2, '0')}`;
      const isBounce = index >= mails;
      rows.push(
        `('${id}', 'raw/${id}.eml', '${id}-checksum', 1000, '${isBounce ? '' : 'customer@history.example'}', '${isBounce ? 'bounce' : 'sales'}@example.com', ` +
          `'delivered', '${isBounce ? 'bounce' : 'mail'}', '${isBounce ? 'bounce' : 'alias'}', 'history seeded by the e2e test', 'dom_demo_example_com', ` +
          `${todayStart - daysAgo * DAY_MS + 9 * 60 * 60 * 1000 + index * 60_000})`,
      );
    }
  }
  return `INSERT INTO inbound_emails (id, raw_key, checksum, size_bytes, envelope_from, envelope_to, status, kind, route, reason, domain_id, created_at) VALUES\n${rows.join(',\n')};\n`;
}

/** A reply to the quote request (fixtures), as HTML and text, with a delivery plan attached. */
function buildReplyWithAttachment(): string {
  const boundary = 'mixed-e2e-console';
  const alternative = 'alt-e2e-console';
  return [
    'From: Ann Customer <ann@customer.example>',
    'To: catchall@example.com',
    'Subject: Re: Quote for 40 office chairs',
    'Date: Sat, 21 Nov 2026 11:40:00 +0100',
    'Message-ID: <quote-2026-11-21.1140@customer.example>',
    'In-Reply-To: <quote-2026-11-21.0912@customer.example>',
    'References: <quote-2026-11-21.0912@customer.example>',
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    `Content-Type: multipart/alternative; boundary="${alternative}"`,
    '',
    `--${alternative}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Delivery to Lyon is fine, thank you. Please go ahead.',
    '',
    '> could you send us a quote for 40 office chairs?',
    `--${alternative}`,
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Delivery to <b>Lyon</b> is fine, thank you. Please go ahead.</p><p style="color:#555">The delivery plan is attached.</p>',
    `--${alternative}--`,
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8; name="delivery-plan.txt"',
    'Content-Disposition: attachment; filename="delivery-plan.txt"',
    '',
    'Lyon, dock 3, mornings only.',
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** Every trick a mail can try: scripts, event handlers, javascript: links, refresh, remote loads of every kind. */
function hostileHtml(trackerOrigin: string): string {
  const pwn = (how: string) =>
    `window.__pwned='${how}';try{parent.__pwned='${how}';top.__pwned='${how}'}catch(e){};alert('${how}')`;
  return [
    `<meta http-equiv="refresh" content="0;url=javascript:${pwn('refresh')}">`,
    `<style>@import url("${trackerOrigin}/import.css"); body { background: url("${trackerOrigin}/background.png") }</style>`,
    `<base href="${trackerOrigin}/">`,
    `<body onload="${pwn('onload')}">`,
    '<h1>Invoice 2026-11</h1><p>Please pay the attached invoice today.</p>',
    `<script>${pwn('script')}</script>`,
    `<img src="${trackerOrigin}/pixel.gif" alt="tracking pixel">`,
    '<img src="https://tracker.example/remote.gif" alt="remote image">',
    `<img src="x" onerror="${pwn('onerror')}">`,
    `<a id="js-link" href="javascript:${pwn('link')}">Open the invoice</a>`,
    `<svg onload="${pwn('svg')}"><circle r="5"/></svg>`,
    `<iframe src="${trackerOrigin}/frame.html"></iframe><iframe srcdoc="<script>parent.parent.__pwned='inner'</script>"></iframe>`,
    `<object data="${trackerOrigin}/object.swf"></object><video poster="${trackerOrigin}/poster.png"></video>`,
    `<form action="${trackerOrigin}/steal"><input name="card" value="4111"><button>Pay</button></form>`,
    '</body>',
  ].join('\n');
}

function buildHostileMail(trackerOrigin: string): string {
  const boundary = 'alt-e2e-hostile';
  return [
    'From: Billing <billing@phish.example>',
    'To: sales@example.com',
    'Subject: Hostile invoice 2026-11',
    'Date: Sat, 21 Nov 2026 12:00:00 +0000',
    'Message-ID: <hostile-2026-11-21@phish.example>',
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Invoice 2026-11: please pay the attached invoice today.',
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    '',
    hostileHtml(trackerOrigin),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** The DNS-over-HTTPS stub the worker asks (through MAILGATE_DOH_URL): the test zone of the workerd tests. */
function createDohServer(): Promise<LocalServer> {
  const answer = createDohZoneHandler(JSON.parse(readFileSync(`${repoRoot}tests/fixtures/dns/test-zone.json`, 'utf8')));
  return startLocalServer(async (request: IncomingMessage, _body, response) => {
    const reply = await answer(new Request(`http://127.0.0.1${request.url ?? '/'}`));
    response.writeHead(reply.status, { 'content-type': reply.headers.get('content-type') ?? 'application/dns-json' });
    response.end(await reply.text());
  });
}

const doh = await createDohServer();
/** Every request that reached the "tracker" (remote loads of the hostile mail, pointed at 127.0.0.1). */
const trackerHits: string[] = [];
const tracker = await startLocalServer((request, _body, response) => {
  trackerHits.push(request.url ?? '');
  response.writeHead(200, { 'content-type': 'image/gif' }).end('GIF89a');
});
const worker = await startLocalWorker({
  vars: { MAILGATE_DOH_URL: `${doh.url}/dns-query` },
  extraSql: historySql(Date.now()),
});
const browser = await launchExtensionChromium();
if (typeof browser === 'string') console.warn(`[e2e] console tests skipped: ${browser}`);
/** Requests that tried to leave the machine (none may). */
const escapedRequests: string[] = [];
/** Every alert, confirm or prompt any page or frame opened (none may). */
const dialogs: string[] = [];
let page: Page;

beforeAll(async () => {
  if (typeof browser === 'string') return;
  await browser.context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => {
    escapedRequests.push(route.request().url());
    return route.abort();
  });
  page = await browser.context.newPage();
  page.on('dialog', (dialog: Dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
});

afterAll(async () => {
  // Each closes whatever the others do: a browser that fails to close must not leave wrangler dev running.
  const closed = await Promise.allSettled([
    typeof browser === 'string' ? undefined : browser.close(),
    worker.close(),
    doh.close(),
    tracker.close(),
  ]);
  const failure = closed.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
});

function optionsUrl(hash: string): string {
  if (typeof browser === 'string') throw new Error(browser);
  return `chrome-extension://${browser.extensionId}/options.html${hash}`;
}

async function apiJson<T>(path: string): Promise<T> {
  const response = await worker.api(path);
  expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
  return (await response.json()) as T;
}

async function deliver(raw: string, from: string, to: string): Promise<void> {
  const response = await worker.deliverMail(raw, { from, to });
  expect(response.status, await response.clone().text()).toBe(200);
}

/**
 * `window.__pwned` of every frame of the page, the sandboxed mail frames included (DevTools may evaluate where the
 * page's own scripts may not): null everywhere, or the frame that could not be asked, says which.
 */
async function pwnedFlags(): Promise<{ url: string; value: unknown }[]> {
  return Promise.all(
    page.frames().map((frame) =>
      Promise.race([
        frame
          .evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null)
          .catch((error: unknown) => `unreachable: ${String(error).slice(0, 80)}`),
        // Generous: a frame that answers late on a loaded machine is not a frame that could not be asked.
        new Promise((resolve) => setTimeout(() => resolve('timeout'), 15_000)),
      ]).then((value) => ({ url: frame.url(), value })),
    ),
  );
}

/**
 * A screenshot of the whole page taken with a viewport as tall as the page: Chromium's `fullPage` capture (beyond the
 * viewport) paints the sandboxed mail frames stale or empty, which would misrepresent what the admin sees.
 */
async function screenshotWholePage(name: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(height, viewport.height) });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${screenshotsDir}/${name}` });
  await page.setViewportSize(viewport);
}

async function openThread(subject: string): Promise<void> {
  await page.goto(optionsUrl('#/threads'));
  await page.getByLabel('Search subject or participant').fill(subject);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: subject }).click();
  await page.getByRole('heading', { level: 2, name: subject }).waitFor();
}

describe.skipIf(typeof browser === 'string')('the console in Chromium against wrangler dev', () => {
  it('connects: the permission is granted, GET /api/domains answers, the domain and its DNS checks show', async () => {
    await page.goto(optionsUrl('#/connect'));
    await page.getByLabel('Gateway URL').fill(worker.origin);
    await page.getByLabel('API token').fill(worker.adminToken);
    await page.getByRole('button', { name: 'Connect' }).click();
    const domain = page.locator('[data-domain="example.com"]');
    await domain.waitFor();
    expect(new URL(page.url()).hash).toBe('#/domains');
    // The worker checked example.com over the DoH stub: its MX (Cloudflare) passes, its SPF and DMARC are read.
    await domain.locator('[data-check="mx"]').first().waitFor({ timeout: 20_000 });
    expect(await domain.locator('[data-check="mx"]').first().getAttribute('data-status')).toBe('ok');
    expect(await page.locator('.gateway-origin').textContent()).toContain(worker.origin);
  });

  it('creates an alias through the UI, and the API has it', async () => {
    await page.goto(optionsUrl('#/aliases'));
    const form = page.getByRole('form', { name: 'New alias' });
    await form.getByLabel('Address').fill('support@example.com');
    await form.getByLabel('ERP model').fill('helpdesk.ticket');
    await form.getByLabel('Who may write').selectOption('known');
    await form.getByRole('button', { name: 'Create alias' }).click();
    await page.getByRole('rowheader', { name: 'support@example.com' }).waitFor();
    const aliases = await apiJson<{ items: AliasJson[] }>('/api/aliases');
    expect(aliases.items.find((alias) => alias.address === 'support@example.com')).toMatchObject({
      action: 'record',
      model: 'helpdesk.ticket',
      policy: 'known',
    });

    // Edited in the UI, changed in the gateway.
    await page.getByRole('button', { name: 'Edit support@example.com' }).click();
    const edit = page.getByRole('form', { name: 'Edit support@example.com' });
    await edit.getByLabel('Who may write').selectOption('everyone');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved support@example.com: record → helpdesk.ticket, everyone.').waitFor();
    const edited = await apiJson<{ items: AliasJson[] }>('/api/aliases');
    expect(edited.items.find((alias) => alias.address === 'support@example.com')?.policy).toBe('everyone');
  });

  it('shows a reply in its thread: sender, date, text, HTML in the sandboxed frame, the attachment as a download', async () => {
    await deliver(fixtureMail('quote-request.eml'), 'ann@customer.example', 'sales@example.com');
    await deliver(buildReplyWithAttachment(), 'ann@customer.example', 'catchall@example.com');
    await openThread('Quote for 40 office chairs');

    const messages = page.locator('article.message');
    await expect.poll(() => messages.count()).toBe(2);
    const reply = messages.nth(1);
    expect(await reply.getAttribute('aria-label')).toBe('Message from Ann Customer <ann@customer.example>');
    expect(await reply.textContent()).toContain('received 2026-11-21 10:40 UTC');
    const frame = reply.locator('iframe.message-frame');
    expect(await frame.getAttribute('sandbox')).toBe('');
    // A sandboxed frame's document can take seconds to appear on a loaded machine (expect.poll waits 1 s by default).
    await expect
      .poll(() => reply.frameLocator('iframe.message-frame').locator('b').textContent(), { timeout: FRAME_TIMEOUT_MS })
      .toBe('Lyon');
    // The mail's document spans the frame (laid out at the frame's width, not an iframe's default 300 px).
    const mailFrame = (await (await frame.elementHandle())!.contentFrame())!;
    await expect
      .poll(() => mailFrame.evaluate(() => document.body.clientWidth), { timeout: FRAME_TIMEOUT_MS })
      .toBeGreaterThan(600);

    const downloadPromise = page.waitForEvent('download');
    await reply.getByRole('link', { name: 'delivery-plan.txt' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe('delivery-plan.txt');
    // The saved file holds exactly the bytes the gateway serves for the attachment.
    const savedBytes = readFileSync((await download.path())!);
    const attachmentUrl = new URL((await reply.getByRole('link', { name: 'delivery-plan.txt' }).getAttribute('href'))!);
    expect(attachmentUrl.origin).toBe(worker.origin);
    const served = Buffer.from(await (await worker.api(attachmentUrl.pathname)).arrayBuffer());
    expect(savedBytes.equals(served)).toBe(true);
    expect(savedBytes.toString('utf8').trim()).toBe('Lyon, dock 3, mornings only.');

    await screenshotWholePage('chromium-console-threads.png');
  });

  it('renders a hostile HTML mail inert: no script, no handler, no dialog, no remote load', async () => {
    await deliver(buildHostileMail(tracker.url), 'billing@phish.example', 'sales@example.com');
    await openThread('Hostile invoice 2026-11');
    const frame = page.locator('iframe.message-frame');
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).toBe('');
    const content = page.frameLocator('iframe.message-frame');
    await content.getByText('Please pay the attached invoice today.').waitFor();
    // Clicking the javascript: link inside the frame does nothing either.
    await content
      .getByText('Open the invoice')
      .click({ timeout: 5000 })
      .catch(() => undefined);
    await page.waitForTimeout(1500);

    expect(dialogs).toEqual([]);
    expect(trackerHits).toEqual([]);
    expect(escapedRequests).toEqual([]);
    const flags = await pwnedFlags();
    expect(flags.map((flag) => flag.url)).toEqual([expect.stringMatching(/options\.html#\/threads\//), 'about:srcdoc']);
    expect(flags.filter((flag) => flag.value !== null)).toEqual([]);
    expect(new URL(page.url()).pathname).toBe('/options.html');

    // The second wall alone: the raw, unsanitized mail in the same frame document (CSP first, empty sandbox).
    const raw = hostileHtml(tracker.url);
    await page.evaluate((html) => {
      const shown = document.querySelector('iframe.message-frame') as HTMLIFrameElement;
      const unsanitized = document.createElement('iframe');
      unsanitized.className = 'message-frame unsanitized';
      unsanitized.setAttribute('sandbox', '');
      unsanitized.srcdoc = shown.srcdoc.replace(/<body>[\s\S]*<\/body>/, () => `<body>${html}</body>`);
      document.body.append(unsanitized);
    }, raw);
    const unsanitized = page.frameLocator('iframe.unsanitized');
    await unsanitized.getByText('Please pay the attached invoice today.').waitFor();
    await unsanitized
      .getByText('Open the invoice')
      .click({ timeout: 5000 })
      .catch(() => undefined);
    await page.waitForTimeout(1500);
    expect(dialogs).toEqual([]);
    expect(trackerHits).toEqual([]);
    expect(escapedRequests).toEqual([]);
    const flagsAfter = await pwnedFlags();
    expect(flagsAfter.length).toBeGreaterThanOrEqual(3);
    expect(flagsAfter.filter((flag) => flag.value !== null)).toEqual([]);
    expect(await page.title()).toBe('mailgate console');
    await page.evaluate(() => document.querySelector('iframe.unsanitized')?.remove());

    // And what the API served had already lost the scripts and the remote loads.
    const [thread] = (
      await apiJson<{ items: { id: string }[] }>(`/api/threads?q=${encodeURIComponent('Hostile invoice')}`)
    ).items;
    const detail = await apiJson<ThreadDetail>(`/api/threads/${thread!.id}`);
    expect(detail.messages[0]!.html).not.toMatch(/<script|onerror|onload|javascript:/i);
  });

  it('replays an inbound row from the log', async () => {
    const log = await apiJson<{ items: InboundItem[] }>('/api/inbound?route=alias&limit=200');
    const request = log.items.find((item) => item.subject === 'Quote for 40 office chairs');
    expect(request).toBeDefined();
    await page.goto(optionsUrl('#/inbound'));
    await page.getByLabel('Route').selectOption('alias');
    const row = page.locator(`[data-inbound="${request!.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(request!.reason!);
    await row.getByRole('button', { name: `Replay the message ${request!.id}` }).click();
    await page.getByText(/^Replayed: /).waitFor({ timeout: 20_000 });
    const after = await apiJson<InboundItem>(`/api/inbound/${request!.id}`);
    expect(after.attempts).toBe(request!.attempts + 1);
    expect(after.updatedAt).not.toBe(request!.updatedAt);
    // The top of the log (newest first): the full page would be fifty rows of seeded history.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${screenshotsDir}/chromium-console-inbound.png` });
  });

  it('draws mail per day and the bounce rate from /api/stats', async () => {
    const stats = await apiJson<StatsJson>('/api/stats?days=30');
    await page.goto(optionsUrl('#/charts'));
    const bars = page.locator('svg[data-chart="bars"] rect.chart-bar');
    await bars.first().waitFor();
    expect(await bars.count()).toBe(30);
    const drawn = await bars.evaluateAll((rects) => rects.map((rect) => Number(rect.getAttribute('data-value'))));
    expect(drawn).toEqual(stats.series.map((day) => day.inbound));
    // Today: the three mails of this file (request, reply, hostile), nothing seeded; the 29 days before: the history.
    expect(drawn.at(-1)).toBe(3);
    expect(drawn.slice(0, 29).every((count) => count >= 2)).toBe(true);
    expect(await page.locator('svg[data-chart="line"] circle').count()).toBe(
      stats.series.filter((day) => day.inbound > 0).length,
    );
    await screenshotWholePage('chromium-console-charts.png');
  });
});
