// What an admin reads after "Test Connection": each outcome in the words the ERP and provider manuals use (port
// blocked, TLS handshake, wrong port for the encryption, authentication refused, relay needs authentication).
import type { SmtpOutcome, SmtpSecurity } from '../../shared/api/smtp-test.ts';

export type OutcomeContext = {
  host: string;
  port: number;
  security: SmtpSecurity;
  seconds: number;
  /** The server's words (a reply, or what the runtime said about the connection). */
  detail: string;
  tls: boolean;
  startTlsOffered: boolean;
  authenticated: boolean | null;
};

const PORTS_HINT = 'use 587 with STARTTLS or 465 with SSL/TLS';

export function describeOutcome(outcome: SmtpOutcome, context: OutcomeContext): string {
  const at = `${context.host}:${context.port}`;
  switch (outcome) {
    case 'ok': {
      const security = context.tls
        ? 'TLS is up'
        : context.startTlsOffered
          ? 'no encryption, although the server offers STARTTLS (choose STARTTLS so that the password does not travel in clear)'
          : 'no encryption';
      const login =
        context.authenticated === true
          ? 'the login was accepted'
          : 'the server relays without a login from this address';
      return `Connection test succeeded: ${at} answered, ${security}, ${login}.`;
    }
    case 'timeout':
      return `Connection timed out: nothing answered on ${at} within ${context.seconds} s. The port is probably blocked by a firewall (many hosts block outgoing port 25; Odoo Online and Odoo.sh always do: ${PORTS_HINT}), or the host or port is wrong.`;
    case 'connection-refused':
      return `Connection refused: nothing accepts connections on ${at} (${context.detail}). Check the host and the port (${PORTS_HINT}) and that the server is running.`;
    case 'tls-failed':
      // The runtime seldom says why (workerd reports "internal error"): an untrusted certificate is the usual cause.
      return `TLS handshake failed on ${at} (${context.detail}): most often the server's certificate is not trusted (self-signed, expired, or issued for another host name than ${context.host}), or the server only speaks an outdated TLS version. Use the host name the certificate names, or have the certificate fixed.`;
    case 'wrong-port-for-encryption':
      return context.security === 'ssl'
        ? `Wrong encryption for this port: ${at} speaks plain SMTP first (${context.detail}), not SSL/TLS. Choose STARTTLS on this port (usually 587), or SSL/TLS on the server's SSL port (usually 465).`
        : `Wrong encryption for this port: ${at} expects TLS from the first byte (SMTPS, usually port 465) and waits silently for a plain client. Choose SSL/TLS for this port, or STARTTLS on port 587.`;
    case 'starttls-not-offered':
      return `The server does not offer STARTTLS on ${at}: choose SSL/TLS if it has an SSL port (usually 465), or no encryption only on a network you trust (the password would travel in clear).`;
    case 'auth-failed':
      return `Authentication refused (${context.detail}): check the username and password. Gmail and Microsoft 365 refuse the account password: use an app password or OAuth.`;
    case 'auth-not-offered':
      return context.startTlsOffered && !context.tls
        ? `The server offers no login before encryption (RFC 4954 4): choose STARTTLS (${context.detail}).`
        : `The server offers no login mechanism mailgate can test (PLAIN or LOGIN) on ${at} (${context.detail}).`;
    case 'auth-required':
      return `Connected${context.tls ? ' with TLS' : ''}, but ${at} relays mail only for authenticated users (${context.detail}): fill in the username and password.`;
    case 'protocol-error':
      return `${at} did not answer as an SMTP server: ${context.detail}.`;
  }
}
