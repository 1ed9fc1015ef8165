// SMTP reply codes (RFC 5321 4.2.2–4.2.3, RFC 4954, RFC 7504): what a basic code says about a failure's cause.
import type { BounceReason } from '../../shared/api/bounces.ts';

export type ReplyCodeMeaning = {
  /** The RFC's wording. */
  summary: string;
  reference: string;
  /** The reason the code alone suggests, used only when neither an enhanced code nor the prose says more. */
  reason: BounceReason | null;
};

const reply = (summary: string, reference: string, reason: BounceReason | null): ReplyCodeMeaning => ({
  summary,
  reference,
  reason,
});

/** Negative completion replies; 2xx and 3xx replies never explain a failure. */
export const REPLY_CODES: Readonly<Record<string, ReplyCodeMeaning>> = {
  '421': reply('Service not available, closing transmission channel', 'RFC 5321', 'systemerror'),
  '432': reply('A password transition is needed', 'RFC 4954', 'securityerror'),
  '450': reply(
    'Requested mail action not taken: mailbox unavailable (busy, or temporarily blocked for policy reasons)',
    'RFC 5321',
    null,
  ),
  '451': reply('Requested action aborted: local error in processing', 'RFC 5321', 'systemerror'),
  '452': reply('Requested action not taken: insufficient system storage', 'RFC 5321', 'systemfull'),
  '454': reply('Temporary authentication failure', 'RFC 4954', 'securityerror'),
  '455': reply('Server unable to accommodate parameters', 'RFC 5321', 'systemerror'),
  '500': reply('Syntax error, command unrecognized', 'RFC 5321', 'syntaxerror'),
  '501': reply('Syntax error in parameters or arguments', 'RFC 5321', 'syntaxerror'),
  '502': reply('Command not implemented', 'RFC 5321', 'syntaxerror'),
  '503': reply('Bad sequence of commands', 'RFC 5321', 'syntaxerror'),
  '504': reply('Command parameter not implemented', 'RFC 5321', 'syntaxerror'),
  '521': reply('Host does not accept mail', 'RFC 7504', 'notaccept'),
  '530': reply('Authentication required', 'RFC 4954', 'securityerror'),
  '534': reply('Authentication mechanism is too weak', 'RFC 4954', 'securityerror'),
  '535': reply('Authentication credentials invalid', 'RFC 4954', 'securityerror'),
  '538': reply('Encryption required for requested authentication mechanism', 'RFC 4954', 'securityerror'),
  '550': reply(
    'Requested action not taken: mailbox unavailable (not found, no access, or refused for policy reasons)',
    'RFC 5321',
    null,
  ),
  '551': reply('User not local; please try <forward-path>', 'RFC 5321', 'hasmoved'),
  '552': reply('Requested mail action aborted: exceeded storage allocation', 'RFC 5321', 'mailboxfull'),
  '553': reply('Requested action not taken: mailbox name not allowed', 'RFC 5321', 'userunknown'),
  '554': reply('Transaction failed (or, at connection time, no SMTP service here)', 'RFC 5321', null),
  '555': reply('MAIL FROM/RCPT TO parameters not recognized or not implemented', 'RFC 5321', 'syntaxerror'),
  '556': reply('Domain does not accept mail', 'RFC 7504', 'notaccept'),
};

/** The meaning of a reply code, or null for a code the RFCs do not define. */
export function lookUpReplyCode(replyCode: string | null): ReplyCodeMeaning | null {
  return replyCode ? (REPLY_CODES[replyCode] ?? null) : null;
}
