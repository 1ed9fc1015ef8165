// Test Connection, from the Worker: connect (implicit TLS, or plain then STARTTLS), read the banner, EHLO and its
// extensions, AUTH PLAIN/LOGIN when credentials are given (never kept, never shown: scrubbed from every detail),
// else ask whether the server relays without them (MAIL FROM:<> then RCPT, no DATA), then QUIT. Each step is
// bounded; the answer names the outcome in the manuals' words, and when the encryption does not fit the port, a
// second short connection with the other kind says which one the port speaks.
import type { SmtpOutcome, SmtpTestRequest, SmtpTestResult } from '../../shared/api/smtp-test.ts';
import {
  openSmtpConnection,
  SmtpClosedError,
  SmtpTimeoutError,
  withDeadline,
  type OpenSocket,
  type SmtpConnection,
} from './connection.ts';
import { explainImplicitTlsFailure, ProbeStop, runtimeMessage, tryOtherKind } from './probe-stop.ts';
import {
  describeReply,
  readEhloCapabilities,
  SmtpProtocolError,
  type EhloCapabilities,
  type SmtpReply,
} from './reply.ts';
import { describeOutcome } from './wording.ts';

export type SmtpProbeDeps = {
  openSocket: OpenSocket;
  /** Each step (connect, a reply) gets at most this long. */
  stepTimeoutMs: number;
  /** The name mailgate gives in EHLO (RFC 5321 4.1.1.1: a fully qualified domain name). */
  ehloName: string;
  now(): number;
};

type Step = SmtpTestResult['steps'][number];
type Secrets = { scrub(text: string): string };

/** RFC 2606: a domain that never receives mail, for the relay question. */
const RELAY_PROBE_RECIPIENT = 'postmaster@example.com';
function createSecrets(request: SmtpTestRequest): Secrets & { plain: string | null } {
  if (request.username === undefined || request.password === undefined) return { plain: null, scrub: (text) => text };
  const plain = btoa(String.fromCharCode(...new TextEncoder().encode(`\0${request.username}\0${request.password}`)));
  const values = [
    request.password,
    plain,
    btoa(String.fromCharCode(...new TextEncoder().encode(request.password))),
  ].filter((value) => value.length >= 3);
  return { plain, scrub: (text) => values.reduce((scrubbed, value) => scrubbed.split(value).join('[redacted]'), text) };
}

export async function probeSmtpServer(deps: SmtpProbeDeps, request: SmtpTestRequest): Promise<SmtpTestResult> {
  const secrets = createSecrets(request);
  const steps: Step[] = [];
  let banner: string | null = null;
  let capabilities: EhloCapabilities = { extensions: [], sizeLimit: null, authMechanisms: [] };
  let tls = request.security === 'ssl';
  let startTlsOffered = false;
  let authenticated: boolean | null = null;
  const address = { hostname: request.host, port: request.port };
  const connection: SmtpConnection = openSmtpConnection(
    deps.openSocket,
    address,
    request.security === 'ssl' ? 'on' : request.security === 'starttls' ? 'starttls' : 'off',
  );

  const timed = async <T>(
    step: Step['step'],
    run: () => Promise<T>,
    describe: (value: T) => string,
    ok: (value: T) => boolean = () => true,
  ): Promise<T> => {
    const startedAt = deps.now();
    try {
      const value = await run();
      steps.push({ step, ok: ok(value), detail: secrets.scrub(describe(value)), ms: deps.now() - startedAt });
      return value;
    } catch (error) {
      steps.push({ step, ok: false, detail: secrets.scrub(runtimeMessage(error)), ms: deps.now() - startedAt });
      throw error;
    }
  };
  const command = (step: Step['step'], line: string, shown = line) =>
    timed(
      step,
      async () => {
        await connection.send(line);
        return connection.readReply(deps.stepTimeoutMs, shown);
      },
      describeReply,
    );
  const ehlo = async () => {
    const reply = await command('ehlo', `EHLO ${deps.ehloName}`);
    // RFC 5321 3.2: a server that does not know EHLO gets HELO (and advertises nothing).
    if (reply.code !== 250) {
      const helo = await command('ehlo', `HELO ${deps.ehloName}`);
      if (helo.code !== 250) throw new ProbeStop('protocol-error', `EHLO and HELO refused: ${describeReply(helo)}`);
      return { extensions: [], sizeLimit: null, authMechanisms: [] };
    }
    return readEhloCapabilities(reply);
  };

  const outcome = await (async (): Promise<{ outcome: SmtpOutcome; detail: string }> => {
    try {
      await timed(
        'connect',
        () => connection.opened(deps.stepTimeoutMs),
        () => `connected to ${request.host}:${request.port}`,
      ).catch(async (error: unknown) => {
        if (request.security === 'ssl') return explainImplicitTlsFailure(deps, request, error);
        throw new ProbeStop(
          error instanceof SmtpTimeoutError ? 'timeout' : 'connection-refused',
          runtimeMessage(error),
        );
      });
      const greeting = await timed(
        'banner',
        () => connection.readReply(deps.stepTimeoutMs, 'greeting'),
        describeReply,
        (reply) => reply.code === 220,
      ).catch(async (error: unknown): Promise<never> => {
        if (request.security === 'ssl' && !(error instanceof SmtpProtocolError))
          return explainImplicitTlsFailure(deps, request, error);
        if (error instanceof SmtpTimeoutError) {
          // A plain client on an implicit-TLS port meets silence: the server waits for a TLS hello.
          if ((await tryOtherKind(deps, request, 'on')).greeting)
            throw new ProbeStop('wrong-port-for-encryption', runtimeMessage(error));
          throw new ProbeStop('timeout', runtimeMessage(error));
        }
        throw new ProbeStop(
          'protocol-error',
          error instanceof SmtpClosedError ? 'it closed the connection without a greeting' : runtimeMessage(error),
        );
      });
      banner = secrets.scrub(greeting.lines.join(' '));
      if (greeting.code !== 220)
        throw new ProbeStop('protocol-error', `it refused the session: ${describeReply(greeting)}`);
      capabilities = await ehlo();
      startTlsOffered = capabilities.extensions.includes('STARTTLS');
      if (request.security === 'starttls') {
        if (!startTlsOffered) throw new ProbeStop('starttls-not-offered', 'STARTTLS is not in the EHLO reply');
        const ready = await command('starttls', 'STARTTLS');
        if (ready.code !== 220) throw new ProbeStop('protocol-error', `STARTTLS refused: ${describeReply(ready)}`);
        connection.upgradeToTls();
        tls = true;
        // RFC 3207 4.2: what the server said before TLS is forgotten; the first encrypted exchange is the handshake.
        const beforeTls = capabilities.extensions;
        capabilities = await ehlo().catch((error: unknown) => {
          tls = false;
          throw error instanceof ProbeStop ? error : new ProbeStop('tls-failed', runtimeMessage(error));
        });
        // What the server advertised at all (STARTTLS before, AUTH often only after); the mechanisms are TLS's.
        capabilities = { ...capabilities, extensions: [...new Set([...beforeTls, ...capabilities.extensions])] };
      }
      return await authenticateOrAskRelay();
    } catch (error) {
      if (error instanceof ProbeStop) return { outcome: error.outcome, detail: error.detail };
      if (error instanceof SmtpTimeoutError) return { outcome: 'timeout', detail: runtimeMessage(error) };
      if (error instanceof SmtpProtocolError || error instanceof SmtpClosedError)
        return { outcome: 'protocol-error', detail: runtimeMessage(error) };
      return { outcome: tls ? 'tls-failed' : 'protocol-error', detail: runtimeMessage(error) };
    } finally {
      const quitTimeout = Math.min(deps.stepTimeoutMs, 2000);
      await withDeadline(connection.send('QUIT'), quitTimeout, 'QUIT')
        .then(() => connection.readReply(quitTimeout, 'QUIT'))
        .then(
          (reply) => steps.push({ step: 'quit', ok: reply.code === 221, detail: describeReply(reply), ms: 0 }),
          () => undefined,
        );
      await connection.close();
    }
  })();

  async function authenticateOrAskRelay(): Promise<{ outcome: SmtpOutcome; detail: string }> {
    if (request.username !== undefined && request.password !== undefined && secrets.plain) {
      const mechanisms = capabilities.authMechanisms;
      if (!capabilities.extensions.includes('AUTH'))
        return { outcome: 'auth-not-offered', detail: 'AUTH is not in the EHLO reply' };
      let reply: SmtpReply;
      if (mechanisms.includes('PLAIN')) {
        reply = await command('auth', `AUTH PLAIN ${secrets.plain}`, 'AUTH PLAIN');
      } else if (mechanisms.includes('LOGIN')) {
        // draft-murchison-sasl-login: 334 asks for the user name, then the password, each base64.
        const encode = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));
        reply = await command('auth', 'AUTH LOGIN');
        if (reply.code === 334) reply = await command('auth', encode(request.username), 'AUTH LOGIN user name');
        if (reply.code === 334) reply = await command('auth', encode(request.password), 'AUTH LOGIN password');
      } else {
        return {
          outcome: 'auth-not-offered',
          detail: `it offers ${mechanisms.join(', ') || 'no mechanism'}, not PLAIN or LOGIN`,
        };
      }
      authenticated = reply.code === 235;
      return authenticated
        ? { outcome: 'ok', detail: describeReply(reply) }
        : { outcome: 'auth-failed', detail: describeReply(reply) };
    }
    // Odoo's own test asks the server to take a recipient: without a login, does it relay?
    const from = await command('relay', 'MAIL FROM:<>');
    const rcpt = from.code === 250 ? await command('relay', `RCPT TO:<${RELAY_PROBE_RECIPIENT}>`) : from;
    await withDeadline(connection.send('RSET'), deps.stepTimeoutMs, 'RSET')
      .then(() => connection.readReply(deps.stepTimeoutMs, 'RSET'))
      .catch(() => undefined);
    if (rcpt.code === 250 || rcpt.code === 251) return { outcome: 'ok', detail: describeReply(rcpt) };
    return { outcome: 'auth-required', detail: describeReply(rcpt) };
  }

  const detail = secrets.scrub(outcome.detail);
  return {
    ok: outcome.outcome === 'ok',
    outcome: outcome.outcome,
    message: secrets.scrub(
      describeOutcome(outcome.outcome, {
        host: request.host,
        port: request.port,
        security: request.security,
        seconds: deps.stepTimeoutMs / 1000,
        detail,
        tls,
        startTlsOffered,
        authenticated,
      }),
    ),
    host: request.host,
    port: request.port,
    security: request.security,
    banner,
    extensions: capabilities.extensions,
    sizeLimit: capabilities.sizeLimit,
    authMechanisms: capabilities.authMechanisms,
    tls,
    authenticated,
    steps,
  };
}
