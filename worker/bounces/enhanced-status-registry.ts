// The IANA "SMTP Enhanced Status Codes" registry (RFC 3463, RFC 5248), every enumerated code, with the bounce reason
// each one names. Source: https://www.iana.org/assignments/smtp-enhanced-status-codes (enumerated status codes).
import type { BounceReason } from '../../shared/api/bounces.ts';

/**
 * How much a code says about the cause:
 * - `decisive`: the code names the cause precisely; it outranks diagnostic prose (RFC 3463 3: the detail code is the
 *   sender's precise claim).
 * - `leaning`: the code names the area but servers use it loosely (5.7.1 "delivery not authorized" for relaying,
 *   spam and block lists alike); specific prose decides, the code's reason is the fallback.
 * - `open`: codes that say nothing about the cause (X.0.0, X.1.0, X.5.0…); prose decides.
 * The "other or undefined" code of a subject (X.2.0, X.3.0, X.4.0, X.6.0, X.7.0) still names its subject: `leaning`.
 * The AUTH replies (X.7.8, X.7.9, X.7.11, X.7.12; RFC 4954) answer a client's AUTH command, which delivery to an MX
 * does not send: in a bounce they are borrowed for policy refusals, so they only lean.
 */
export type CodeWeight = 'decisive' | 'leaning' | 'open';

export type RegisteredCode = {
  /** Whether the detail is "other or undefined" (X.N.0): the code names its subject area only. */
  undefinedDetail: boolean;
  /** The registry's summary of `X.subject.detail`. */
  summary: string;
  /** The document that defines it. */
  reference: string;
  /** The bounce reason (Sisimai's vocabulary) the code names, when it names one. */
  reason: BounceReason | null;
  weight: CodeWeight;
};

const code = (summary: string, reference: string, reason: BounceReason | null, weight: CodeWeight): RegisteredCode => ({
  summary,
  reference,
  reason,
  weight,
  undefinedDetail: summary.startsWith('Other'),
});

/** RFC 3463 calls these "useful only as a persistent transient error": with a 5 class they were picked at random. */
const TRANSIENT_ONLY = new Set(['3.1', '4.1', '4.2', '4.3', '4.5', '4.6']);

/** Keyed by `subject.detail` (the class digit is read separately: RFC 3463 2). */
export const ENHANCED_STATUS_REGISTRY: Readonly<Record<string, RegisteredCode>> = {
  '0.0': code('Other undefined Status', 'RFC 3463', null, 'open'),
  // X.1: addressing status
  '1.0': code('Other address status', 'RFC 3463', 'userunknown', 'open'),
  '1.1': code('Bad destination mailbox address', 'RFC 3463', 'userunknown', 'decisive'),
  '1.2': code('Bad destination system address', 'RFC 3463', 'hostunknown', 'decisive'),
  '1.3': code('Bad destination mailbox address syntax', 'RFC 3463', 'userunknown', 'decisive'),
  '1.4': code('Destination mailbox address ambiguous', 'RFC 3463', 'userunknown', 'leaning'),
  '1.5': code('Destination mailbox address valid', 'RFC 3463', 'delivered', 'decisive'),
  '1.6': code('Destination mailbox has moved, No forwarding address', 'RFC 3463', 'hasmoved', 'decisive'),
  '1.7': code("Bad sender's mailbox address syntax", 'RFC 3463', 'rejected', 'decisive'),
  '1.8': code("Bad sender's system address", 'RFC 3463', 'rejected', 'decisive'),
  '1.9': code('Message relayed to non-compliant mailer', 'RFC 3886', 'delivered', 'leaning'),
  // Registered for null MX; one large provider also sends it for recipients it cannot find, so prose decides.
  '1.10': code('Recipient address has null MX', 'RFC 7505', 'notaccept', 'leaning'),
  // X.2: mailbox status
  '2.0': code('Other or undefined mailbox status', 'RFC 3463', 'filtered', 'leaning'),
  // Servers send it for unknown, disabled and filtering mailboxes alike: the words decide.
  '2.1': code('Mailbox disabled, not accepting messages', 'RFC 3463', 'filtered', 'leaning'),
  '2.2': code('Mailbox full', 'RFC 3463', 'mailboxfull', 'decisive'),
  '2.3': code('Message length exceeds administrative limit', 'RFC 3463', 'exceedlimit', 'decisive'),
  '2.4': code('Mailing list expansion problem', 'RFC 3463', 'filtered', 'leaning'),
  // X.3: mail system status
  '3.0': code('Other or undefined mail system status', 'RFC 3463', 'systemerror', 'leaning'),
  '3.1': code('Mail system full', 'RFC 3463', 'systemfull', 'decisive'),
  '3.2': code('System not accepting network messages', 'RFC 3463', 'notaccept', 'leaning'),
  '3.3': code('System not capable of selected features', 'RFC 3463', 'systemerror', 'leaning'),
  '3.4': code('Message too big for system', 'RFC 3463', 'mesgtoobig', 'decisive'),
  '3.5': code('System incorrectly configured', 'RFC 3463', 'systemerror', 'leaning'),
  '3.6': code('Requested priority was changed', 'RFC 6710', null, 'open'),
  // X.4: network and routing status
  '4.0': code('Other or undefined network or routing status', 'RFC 3463', 'networkerror', 'leaning'),
  '4.1': code('No answer from host', 'RFC 3463', 'expired', 'leaning'),
  '4.2': code('Bad connection', 'RFC 3463', 'networkerror', 'leaning'),
  '4.3': code('Directory server failure', 'RFC 3463', 'systemerror', 'leaning'),
  '4.4': code('Unable to route', 'RFC 3463', 'hostunknown', 'leaning'),
  '4.5': code('Mail system congestion', 'RFC 3463', 'systemfull', 'leaning'),
  '4.6': code('Routing loop detected', 'RFC 3463', 'networkerror', 'decisive'),
  '4.7': code('Delivery time expired', 'RFC 3463', 'expired', 'leaning'),
  // X.5: mail delivery protocol status
  '5.0': code('Other or undefined protocol status', 'RFC 3463', null, 'open'),
  '5.1': code('Invalid command', 'RFC 3463', 'syntaxerror', 'leaning'),
  '5.2': code('Syntax error', 'RFC 3463', 'syntaxerror', 'leaning'),
  '5.3': code('Too many recipients', 'RFC 3463', 'toomanyconn', 'leaning'),
  '5.4': code('Invalid command arguments', 'RFC 3463', 'syntaxerror', 'leaning'),
  '5.5': code('Wrong protocol version', 'RFC 3463', 'systemerror', 'leaning'),
  '5.6': code('Authentication Exchange line is too long', 'RFC 4954', 'syntaxerror', 'leaning'),
  // X.6: message content or media status
  '6.0': code('Other or undefined media error', 'RFC 3463', 'contenterror', 'leaning'),
  '6.1': code('Media not supported', 'RFC 3463', 'contenterror', 'decisive'),
  '6.2': code('Conversion required and prohibited', 'RFC 3463', 'contenterror', 'decisive'),
  '6.3': code('Conversion required but not supported', 'RFC 3463', 'contenterror', 'decisive'),
  '6.4': code('Conversion with loss performed', 'RFC 3463', 'contenterror', 'leaning'),
  '6.5': code('Conversion Failed', 'RFC 3463', 'contenterror', 'decisive'),
  '6.6': code('Message content not available', 'RFC 4468', 'contenterror', 'decisive'),
  '6.7': code('Non-ASCII addresses not permitted for that sender/recipient', 'RFC 6531', 'contenterror', 'decisive'),
  '6.8': code(
    'UTF-8 string reply is required, but not permitted by the SMTP client',
    'RFC 6531',
    'contenterror',
    'decisive',
  ),
  '6.9': code(
    'UTF-8 header message cannot be transferred to one or more recipients',
    'RFC 6531',
    'contenterror',
    'decisive',
  ),
  '6.10': code(
    'UTF-8 string reply is required, but not permitted by the SMTP client (duplicate of X.6.8, deprecated)',
    'RFC 6531',
    'contenterror',
    'decisive',
  ),
  // X.7: security or policy status
  '7.0': code('Other or undefined security status', 'RFC 3463', 'securityerror', 'leaning'),
  '7.1': code('Delivery not authorized, message refused', 'RFC 3463', 'securityerror', 'leaning'),
  '7.2': code('Mailing list expansion prohibited', 'RFC 3463', 'securityerror', 'leaning'),
  '7.3': code('Security conversion required but not possible', 'RFC 3463', 'securityerror', 'decisive'),
  '7.4': code('Security features not supported', 'RFC 3463', 'securityerror', 'decisive'),
  '7.5': code('Cryptographic failure', 'RFC 3463', 'securityerror', 'decisive'),
  '7.6': code('Cryptographic algorithm not supported', 'RFC 3463', 'securityerror', 'decisive'),
  '7.7': code('Message integrity failure', 'RFC 3463', 'securityerror', 'decisive'),
  '7.8': code('Authentication credentials invalid', 'RFC 4954', 'securityerror', 'leaning'),
  '7.9': code('Authentication mechanism is too weak', 'RFC 4954', 'securityerror', 'leaning'),
  '7.10': code('Encryption Needed', 'RFC 5248', 'securityerror', 'decisive'),
  '7.11': code('Encryption required for requested authentication mechanism', 'RFC 4954', 'securityerror', 'leaning'),
  '7.12': code('A password transition is needed', 'RFC 4954', 'securityerror', 'leaning'),
  '7.13': code('User Account Disabled', 'RFC 5248', 'suspend', 'decisive'),
  '7.14': code('Trust relationship required', 'RFC 5248', 'securityerror', 'decisive'),
  '7.15': code('Priority Level is too low', 'RFC 6710', 'securityerror', 'decisive'),
  '7.16': code('Message is too big for the specified priority', 'RFC 6710', 'mesgtoobig', 'decisive'),
  '7.17': code('Mailbox owner has changed', 'RFC 7293', 'hasmoved', 'decisive'),
  '7.18': code('Domain owner has changed', 'RFC 7293', 'hasmoved', 'decisive'),
  '7.19': code('RRVS test cannot be completed', 'RFC 7293', 'securityerror', 'decisive'),
  '7.20': code('No passing DKIM signature found', 'RFC 7372', 'authfailure', 'decisive'),
  '7.21': code('No acceptable DKIM signature found', 'RFC 7372', 'authfailure', 'decisive'),
  '7.22': code('No valid author-matched DKIM signature found', 'RFC 7372', 'authfailure', 'decisive'),
  '7.23': code('SPF validation failed', 'RFC 7372', 'authfailure', 'decisive'),
  '7.24': code('SPF validation error', 'RFC 7372', 'authfailure', 'decisive'),
  '7.25': code('Reverse DNS validation failed', 'RFC 7372', 'requireptr', 'decisive'),
  '7.26': code('Multiple authentication checks failed', 'RFC 7372', 'authfailure', 'decisive'),
  '7.27': code('Sender address has null MX', 'RFC 7505', 'notaccept', 'decisive'),
  '7.28': code('Mail flood detected', 'draft-levine-mailbomb-header', 'speeding', 'decisive'),
  '7.29': code('ARC validation failure', 'RFC 8617', 'authfailure', 'decisive'),
  '7.30': code('REQUIRETLS support required', 'RFC 8689', 'failedstarttls', 'decisive'),
};

/** The registry entry of a status (`5.1.1` → the X.1.1 entry), or null for an unregistered code. */
export function lookUpEnhancedStatus(status: string): RegisteredCode | null {
  const match = /^([245])\.(\d{1,3})\.(\d{1,3})$/.exec(status);
  if (!match) return null;
  const key = `${Number(match[2])}.${Number(match[3])}`;
  const registered = ENHANCED_STATUS_REGISTRY[key] ?? null;
  if (registered && match[1] === '5' && TRANSIENT_ONLY.has(key)) return { ...registered, weight: 'open' };
  return registered;
}
