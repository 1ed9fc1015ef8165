// The SMTP servers the Test Connection tests talk to, all on 127.0.0.1: a private Postfix instance with a submission
// port (STARTTLS, SASL after TLS), an SMTPS port (implicit TLS) and a plain port that offers AUTH without TLS; a second
// one whose STARTTLS certificate is self-signed; a closed port and a listener that accepts and never answers.
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { postfixUnavailableReason, startPrivatePostfix, type PrivatePostfix } from '../support/postfix.ts';
import { assertPortsFree, pickFreePorts } from '../support/ports.ts';
import { ensureTestCa, issueSelfSignedCertificate, issueServerCertificate } from '../support/test-ca.ts';

import { API_TOKEN_USER, SMTP_TEST_PORT_NAMES, SMTP_TEST_USER, type SmtpTestPorts } from './ports.ts';

export function smtpServersUnavailableReason(): string | null {
  return postfixUnavailableReason(['/usr/sbin/postfix', '/usr/sbin/saslpasswd2', '/usr/bin/openssl']);
}

/** Free ports for the servers, the closed port (nothing listens on it) and the listener that never answers. */
export async function pickSmtpTestPorts(): Promise<SmtpTestPorts> {
  const ports = await pickFreePorts(SMTP_TEST_PORT_NAMES.length);
  return Object.fromEntries(SMTP_TEST_PORT_NAMES.map((name, index) => [name, ports[index]])) as SmtpTestPorts;
}

export type SmtpTestServers = { postfix: PrivatePostfix; stop(): Promise<void> };

/** A TCP listener that accepts every connection and never sends a byte (a port a firewall swallows). */
async function startBlackhole(port: number): Promise<{ close(): Promise<void> }> {
  const held = new Set<Socket>();
  const server: Server = createServer((socket) => {
    held.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => held.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    // server.close() waits for every connection to end: the ones it holds open are ended first.
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of held) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export async function startSmtpTestServers(ports: SmtpTestPorts): Promise<SmtpTestServers> {
  const ca = ensureTestCa();
  if (!ca) throw new Error('openssl is missing');
  const trusted = issueServerCertificate(ca, join(ca.dir, 'postfix'), ['127.0.0.1', 'localhost']);
  const selfSigned = issueSelfSignedCertificate(join(ca.dir, 'self-signed'), '127.0.0.1');
  // Nothing may listen on the "closed" port (it must refuse connections), nor on the silent listener's.
  await assertPortsFree([ports.closed, ports.blackhole], 'the SMTP test servers cannot start');
  const started: { stop(): Promise<void> }[] = [];
  const stop = async () => {
    await Promise.all(started.splice(0).map((server) => server.stop().catch(() => undefined)));
  };
  try {
    const postfix = await startPrivatePostfix({
      tls: trusted,
      saslUsers: [SMTP_TEST_USER, API_TOKEN_USER],
      saslMechanisms: { 'smtpd-login': 'LOGIN' },
      listeners: [
        // RFC 6409 submission: STARTTLS offered, AUTH only once TLS is up (smtpd_tls_auth_only).
        { port: ports.submission, overrides: { smtpd_tls_security_level: 'may', smtpd_tls_auth_only: 'yes' } },
        // RFC 8314 implicit TLS (SMTPS).
        { port: ports.smtps, overrides: { smtpd_tls_wrappermode: 'yes', smtpd_tls_security_level: 'encrypt' } },
        // An old-style server: no TLS at all, AUTH in clear, and only the LOGIN mechanism.
        {
          port: ports.plainWithAuth,
          overrides: { smtpd_tls_security_level: 'none', smtpd_tls_auth_only: 'no', smtpd_sasl_path: 'smtpd-login' },
        },
      ],
    });
    started.push(postfix);
    // A default "snakeoil" certificate no client trusts, on a server of its own: one instance's smtpd processes share
    // their TLS session ticket keys, and a client resuming a session of the trusted port would skip the certificate.
    started.push(
      await startPrivatePostfix({
        tls: selfSigned,
        saslUsers: [SMTP_TEST_USER],
        listeners: [{ port: ports.selfSigned, overrides: { smtpd_tls_security_level: 'may' } }],
      }),
    );
    const blackhole = await startBlackhole(ports.blackhole);
    started.push({ stop: () => blackhole.close() });
    return { postfix, stop };
  } catch (error) {
    // Whatever started before the failure is stopped: no Postfix is left holding its ports.
    await stop();
    throw error;
  }
}
