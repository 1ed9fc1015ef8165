// POST /api/smtp-test from the Worker (cloudflare:sockets in workerd) against a real Postfix on 127.0.0.1: a submission
// port with STARTTLS and SASL, an SMTPS port, a plain port with AUTH in clear, a self-signed certificate, a closed port
// and a listener that never answers.
import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { API_TOKEN_USER, parseSmtpTestPorts, SMTP_TEST_USER as USER } from './ports.ts';

const testEnv = env as unknown as { SMTP_TESTS_SKIPPED?: string; SMTP_TEST_PORTS?: string };
const skipped = testEnv.SMTP_TESTS_SKIPPED;
/** Free ports picked for this run by the project's config (tests/smtp/ports.ts). */
const PORTS = parseSmtpTestPorts(testEnv.SMTP_TEST_PORTS);
const HOST = '127.0.0.1';

async function smtpTest(body: Record<string, unknown>): Promise<{ status: number; json: any; text: string }> {
  const response = await SELF.fetch('https://mailgate.test/api/smtp-test', {
    method: 'POST',
    headers: { authorization: 'Bearer test-admin-token-0123456789', 'content-type': 'application/json' },
    body: JSON.stringify({ host: HOST, ...body }),
  });
  const text = await response.text();
  return { status: response.status, json: JSON.parse(text), text };
}

describe.skipIf(!!skipped)('Test Connection against a real Postfix', () => {
  it('submission with STARTTLS: banner, EHLO extensions, TLS up, and without a login the relay needs authentication', async () => {
    const { json } = await smtpTest({ port: PORTS.submission, security: 'starttls' });
    expect(json.banner).toMatch(/^smtp\.mailgate\.test ESMTP/);
    expect(json.extensions).toEqual(expect.arrayContaining(['STARTTLS', 'SIZE', '8BITMIME', 'SMTPUTF8', 'PIPELINING']));
    expect(json.tls).toBe(true);
    // AUTH is offered only once TLS is up (smtpd_tls_auth_only): the second EHLO's mechanisms.
    expect(json.authMechanisms).toEqual(['PLAIN', 'LOGIN']);
    expect(json.sizeLimit).toBe(10240000);
    expect(json.steps.map((step: any) => [step.step, step.ok])).toEqual([
      ['connect', true],
      ['banner', true],
      ['ehlo', true],
      ['starttls', true],
      ['ehlo', true],
      ['relay', true],
      ['relay', true],
      ['quit', true],
    ]);
    expect(json).toMatchObject({ ok: false, outcome: 'auth-required', authenticated: null });
    expect(json.message).toMatch(
      /relays mail only for authenticated users \(554 5\.7\.1 <postmaster@example\.com>: Relay access denied\)/,
    );
  });

  it('submission with STARTTLS and the right password: the login is accepted over TLS', async () => {
    const { json, text } = await smtpTest({
      port: PORTS.submission,
      security: 'starttls',
      username: USER.user,
      password: USER.password,
    });
    expect(json).toMatchObject({ ok: true, outcome: 'ok', tls: true, authenticated: true });
    expect(json.message).toBe(
      `Connection test succeeded: 127.0.0.1:${PORTS.submission} answered, TLS is up, the login was accepted.`,
    );
    expect(text).not.toContain(USER.password);
  });

  it("a wrong password: authentication refused, in the server's words, without the password anywhere", async () => {
    const password = 'not-the-password-4f1c';
    const { json, text } = await smtpTest({
      port: PORTS.submission,
      security: 'starttls',
      username: USER.user,
      password,
    });
    expect(json).toMatchObject({ ok: false, outcome: 'auth-failed', authenticated: false });
    expect(json.message).toMatch(/^Authentication refused \(535 5\.7\.8 Error: authentication failed/);
    expect(text).not.toContain(password);
    expect(text).not.toContain(btoa(`\0${USER.user}\0${password}`));
  });

  it('SMTPS (implicit TLS) with the right password', async () => {
    const { json } = await smtpTest({
      port: PORTS.smtps,
      security: 'ssl',
      username: USER.user,
      password: USER.password,
    });
    expect(json).toMatchObject({ ok: true, outcome: 'ok', tls: true, authenticated: true });
    expect(json.extensions).not.toContain('STARTTLS');
  });

  it("the Cloudflare Email Service preset's settings (SSL/TLS, user api_token, the token as password) against an SMTPS server", async () => {
    const { json, text } = await smtpTest({
      port: PORTS.smtps,
      security: 'ssl',
      username: API_TOKEN_USER.user,
      password: API_TOKEN_USER.password,
    });
    expect(json).toMatchObject({ ok: true, outcome: 'ok', tls: true, authenticated: true });
    expect(json.steps.find((step: any) => step.step === 'auth')).toMatchObject({
      ok: true,
      detail: '235 2.7.0 Authentication successful',
    });
    expect(text).not.toContain(API_TOKEN_USER.password);
  });

  it('AUTH LOGIN in clear on an old-style port, and the hint that STARTTLS is missing', async () => {
    const ok = await smtpTest({
      port: PORTS.plainWithAuth,
      security: 'none',
      username: USER.user,
      password: USER.password,
    });
    expect(ok.json).toMatchObject({ ok: true, tls: false, authenticated: true, authMechanisms: ['LOGIN'] });
    // draft-murchison-sasl-login: the user name and the password each answer a 334 challenge.
    expect(ok.json.steps.filter((step: any) => step.step === 'auth').map((step: any) => step.detail)).toEqual([
      '334 VXNlcm5hbWU6',
      '334 UGFzc3dvcmQ6',
      '235 2.7.0 Authentication successful',
    ]);
    expect(ok.text).not.toContain(btoa(USER.password));
    const noTls = await smtpTest({ port: PORTS.plainWithAuth, security: 'starttls' });
    expect(noTls.json.outcome).toBe('starttls-not-offered');
  });

  it('connection refused on a closed port', async () => {
    const { json } = await smtpTest({ port: PORTS.closed, security: 'starttls' });
    expect(json).toMatchObject({ ok: false, outcome: 'connection-refused', banner: null });
    expect(json.message).toMatch(
      new RegExp(`^Connection refused: nothing accepts connections on 127\\.0\\.0\\.1:${PORTS.closed}\\b`),
    );
  });

  it('timeout on a port that accepts and never answers', async () => {
    const startedAt = Date.now();
    const { json } = await smtpTest({ port: PORTS.blackhole, security: 'starttls' });
    expect(json).toMatchObject({ ok: false, outcome: 'timeout', banner: null });
    expect(json.message).toMatch(
      new RegExp(
        `^Connection timed out: nothing answered on 127\\.0\\.0\\.1:${PORTS.blackhole} within 4 s\\. The port is probably blocked`,
      ),
    );
    // Bounded: the greeting wait (4 s) and one short TLS probe of the port (4 s), not more.
    expect(Date.now() - startedAt).toBeLessThan(15_000);
  });

  it('the wrong encryption for the port, both ways', async () => {
    const sslOnPlain = await smtpTest({ port: PORTS.submission, security: 'ssl' });
    expect(sslOnPlain.json.outcome).toBe('wrong-port-for-encryption');
    expect(sslOnPlain.json.message).toMatch(
      /speaks plain SMTP first \(it greeted a plain connection with "220 smtp\.mailgate\.test ESMTP/,
    );
    const plainOnSsl = await smtpTest({ port: PORTS.smtps, security: 'starttls' });
    expect(plainOnSsl.json.outcome).toBe('wrong-port-for-encryption');
    expect(plainOnSsl.json.message).toMatch(/expects TLS from the first byte \(SMTPS, usually port 465\)/);
  });

  it('a self-signed certificate: the TLS handshake fails, and says why', async () => {
    const { json } = await smtpTest({
      port: PORTS.selfSigned,
      security: 'starttls',
      username: USER.user,
      password: USER.password,
    });
    expect(json).toMatchObject({ ok: false, outcome: 'tls-failed', authenticated: null });
    expect(json.message).toMatch(
      new RegExp(
        `^TLS handshake failed on 127\\.0\\.0\\.1:${PORTS.selfSigned} \\(.*\\): most often the server's certificate is not trusted`,
      ),
    );
  });
});

describe('what the SMTP test refuses to try', () => {
  it('port 25, and an address that is not a host', async () => {
    const port25 = await smtpTest({ port: 25, security: 'none' });
    expect(port25.status).toBe(400);
    expect(port25.json.error.message).toMatch(/^port: Cloudflare Workers cannot open connections to port 25/);
    const bad = await smtpTest({ host: 'smtp.example.com/evil', port: 587, security: 'starttls' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/^host: /);
  });
});
