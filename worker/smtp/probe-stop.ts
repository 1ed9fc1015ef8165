// The probe's way out and its second opinion: the outcome that ends it, and what the other kind of connection finds.
import type { SmtpOutcome, SmtpTestRequest } from '../../shared/api/smtp-test.ts';
import { openSmtpConnection, SmtpTimeoutError, withDeadline } from './connection.ts';
import type { SmtpProbeDeps } from './probe.ts';
import { describeReply, type SmtpReply } from './reply.ts';

export function runtimeMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What the other kind of connection finds on the port: whether it opens, and the greeting it gets. */
type OtherKind = { opened: boolean; greeting: SmtpReply | null };

/** Asks the other kind of connection (plain, or implicit TLS) what the port really speaks, briefly. */
export async function tryOtherKind(
  deps: SmtpProbeDeps,
  request: SmtpTestRequest,
  secureTransport: 'on' | 'off',
): Promise<OtherKind> {
  const connection = openSmtpConnection(
    deps.openSocket,
    { hostname: request.host, port: request.port },
    secureTransport,
  );
  const timeout = Math.min(deps.stepTimeoutMs, 4000);
  try {
    await connection.opened(timeout);
  } catch {
    await connection.close();
    return { opened: false, greeting: null };
  }
  try {
    const greeting = await connection.readReply(timeout, 'greeting');
    return { opened: true, greeting: greeting.code === 220 ? greeting : null };
  } catch {
    return { opened: true, greeting: null };
  } finally {
    await withDeadline(connection.send('QUIT'), 1000, 'QUIT').catch(() => undefined);
    await connection.close();
  }
}

/**
 * Implicit TLS that fails before any greeting (the runtime reports the handshake as a failed connection): a plain
 * greeting on the same port means the wrong encryption; a port that opens but does not greet plainly is a TLS port
 * whose handshake failed; a port that does not open at all refuses connections.
 */
export async function explainImplicitTlsFailure(
  deps: SmtpProbeDeps,
  request: SmtpTestRequest,
  error: unknown,
): Promise<never> {
  const plain = await tryOtherKind(deps, request, 'off');
  if (plain.greeting)
    throw new ProbeStop(
      'wrong-port-for-encryption',
      `it greeted a plain connection with "${describeReply(plain.greeting)}"`,
    );
  if (plain.opened) throw new ProbeStop('tls-failed', runtimeMessage(error));
  throw new ProbeStop(error instanceof SmtpTimeoutError ? 'timeout' : 'connection-refused', runtimeMessage(error));
}

/** Ends the probe with an outcome (the connection is still closed politely). */
export class ProbeStop extends Error {
  readonly outcome: SmtpOutcome;
  readonly detail: string;
  constructor(outcome: SmtpOutcome, detail: string) {
    super(detail);
    this.outcome = outcome;
    this.detail = detail;
  }
}
