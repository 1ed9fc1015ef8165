// "Test with mailgate" on the Outgoing Mail Server form: the form's values become the gateway's SMTP test, through the
// background, and the answer is shown step by step; the Cloudflare Email Service preset fills the form it tests.
import { describe, expect, it } from 'vitest';
import type { SmtpTestRequest } from '../../shared/api/smtp-test.ts';
import { readPanelText } from '../content/testing/panel-text.ts';
import { typeIntoControl } from '../registrars/dom/set-control-value.ts';
import { fillSmtpPreset } from './fill-smtp-preset.ts';
import { findSmtpPreset } from './smtp-presets.ts';
import { appendSmtpTestButton, readSmtpTestRequest, toSmtpSecurity } from './smtp-test-button.ts';
import { createSmtpTestRoute, runSmtpTest, SMTP_TEST_MESSAGE_TYPE } from './smtp-test-request.ts';
import { CLOUDFLARE_SMTP_AUTH_FAILED } from './testing/cloudflare-smtp-answer.ts';
import { loadOdooFixture } from './testing/load-odoo-fixture.ts';

const RESULT = CLOUDFLARE_SMTP_AUTH_FAILED;

async function cloudflareForm(password: string) {
  const doc = loadOdooFixture('odoo-outgoing-mail-server');
  const outcome = await fillSmtpPreset(doc, findSmtpPreset('cloudflare-email-service')!, { domain: 'example.com' });
  expect(outcome.problems).toEqual([]);
  expect(outcome.filled).toContain('username');
  typeIntoControl(doc.getElementById('smtp_pass_0') as HTMLInputElement, password);
  return doc;
}

describe('Test with mailgate', () => {
  it('sends the form as Odoo shows it (Cloudflare preset: 465, SSL/TLS, api_token) and shows every step of the answer', async () => {
    const doc = await cloudflareForm('cf-api-token-0123456789');
    const asked: SmtpTestRequest[] = [];
    const container = doc.createElement('div');
    doc.body.append(container);
    appendSmtpTestButton(doc, container, async (request) => {
      asked.push(request);
      return { ok: true, result: RESULT };
    });
    container.querySelector<HTMLButtonElement>('[data-mailgate-action=smtp-test]')!.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(asked).toEqual([
      {
        host: 'smtp.mx.cloudflare.net',
        port: 465,
        security: 'ssl',
        username: 'api_token',
        password: 'cf-api-token-0123456789',
      },
    ]);
    const result = container.querySelector('[data-mailgate-smtp-test]')!;
    expect(result.getAttribute('data-mailgate-smtp-test')).toBe('auth-failed');
    const shown = readPanelText(result);
    expect(shown).toContain('Authentication refused (535 5.7.8');
    expect(shown).toContain('✗ auth: 535 5.7.8 Authentication failed');
    expect(shown).toContain('Largest message: 5.0 MiB');
  });

  it("asks for the host and port first, and maps Odoo's encryption values", () => {
    const doc = loadOdooFixture('odoo-outgoing-mail-server');
    expect(readSmtpTestRequest(doc)).toEqual({ missing: 'Fill in the SMTP server first.' });
    expect(['none', 'starttls', 'starttls_strict', 'ssl', 'ssl_strict', null].map(toSmtpSecurity)).toEqual([
      'none',
      'starttls',
      'starttls',
      'ssl',
      'ssl',
      'none',
    ]);
  });

  it('has the background post it to the gateway with the stored token, and nothing else', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fetchImpl = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify(RESULT), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch;
    const request = { host: 'smtp.example.com', port: 587, security: 'starttls' as const };
    const answer = await runSmtpTest(
      { origin: 'https://mail.example.com', token: 'token-0123456789abcdef' },
      request,
      fetchImpl,
    );
    expect(answer).toEqual({ ok: true, result: RESULT });
    expect(calls[0]!.url).toBe('https://mail.example.com/api/smtp-test');
    expect(calls[0]!.init.method).toBe('POST');
    expect(new Headers(calls[0]!.init.headers).get('authorization')).toBe('Bearer token-0123456789abcdef');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual(request);
    expect(await runSmtpTest(null, request, fetchImpl)).toEqual({
      ok: false,
      error: expect.stringContaining('Connect the extension'),
    });
    // The background's route takes its own, well-formed requests only (the door refuses the rest in words).
    const route = createSmtpTestRoute(fetchImpl);
    expect(route.type).toBe(SMTP_TEST_MESSAGE_TYPE);
    expect(route.scriptFile).toBe('/content-scripts/odoo.js');
    expect(route.answer({ type: SMTP_TEST_MESSAGE_TYPE, request: { host: '', port: 0 } })).toBeNull();
    expect(route.answer({ type: SMTP_TEST_MESSAGE_TYPE, request: { ...request, security: 'tls' } })).toBeNull();
    expect(calls).toHaveLength(1);
  });
});
