// Deciding a bounce reason (Sisimai's vocabulary) the way a postmaster reads a report: codes, wording, command.
import type { BounceReason } from '../../shared/api/bounces.ts';
import { lookUpEnhancedStatus } from './enhanced-status-registry.ts';
import { findPhraseReason } from './reason-phrases.ts';
import { lookUpReplyCode } from './reply-codes.ts';

/** The SMTP command a failure answered, as MTAs quote it (`in reply to RCPT TO command`, `after end of data`). */
export function findFailedCommand(text: string | null): string | null {
  if (!text) return null;
  const match =
    /(?:in reply to|after|did not like our|>>>|smtp command:?)\s+(?:the\s+)?(?:end of\s+|final\s+)?(rcpt to|mail from|data|helo|ehlo|initial connection|connect)/i.exec(
      text,
    );
  if (!match) return null;
  const command = match[1]!.toUpperCase();
  if (command.startsWith('RCPT')) return 'RCPT';
  if (command.startsWith('MAIL')) return 'MAIL';
  if (command === 'INITIAL CONNECTION' || command === 'CONNECT') return 'CONN';
  return command;
}

export type ReasonEvidence = {
  /** The Status field of the report (the reporting MTA's reading of the failure). */
  fieldStatus?: string | null;
  /** The enhanced code inside the remote server's own reply (the Diagnostic-Code or the quoted reply). */
  diagnosticStatus?: string | null;
  /** The status reported for the recipient (one of the two above). */
  status: string | null;
  replyCode: string | null;
  diagnostic: string | null;
  action: string | null;
  /** The SMTP command that failed (`RCPT`, `DATA`, `MAIL`, `HELO`…) when the report says. */
  command?: string | null;
  /** The Diagnostic-Code's type (RFC 3464 2.3.6): `SMTP`, or `X-UNIX` for a local delivery program's exit status. */
  diagnosticType?: string | null;
};

const SUCCESS_ACTIONS = new Set(['delivered', 'relayed', 'expanded']);

/** A cause, and whether the evidence for it is firm (a code or words that name it) or only a default. */
type Cause = { reason: BounceReason; firm: boolean };

/** Decides the reason of one failed recipient. */
export function decideReason(evidence: ReasonEvidence): BounceReason {
  const { status, action } = evidence;
  if (status?.startsWith('2.') || (action !== null && SUCCESS_ACTIONS.has(action))) return 'delivered';
  const text = foldReplyLines(evidence.diagnostic ?? '');
  const command = evidence.command ?? findFailedCommand(text);
  const cause = decideCause(evidence, text, command);
  const transient = status ? status.startsWith('4') : evidence.replyCode?.startsWith('4') === true;
  // RFC 3464 2.3.3: a delay warning, or a failure with a transient (4.X.X) status, is a message whose retry time ran
  // out; only a firmly named cause says more than that.
  const gaveUp = action === 'delayed' || (action === 'failed' && transient);
  if (gaveUp && !cause?.firm) return 'expired';
  if (!cause) return text.trim() ? 'onhold' : 'undefined';
  // A name lookup that will be retried failed for want of an answer, not because the domain is gone.
  if (cause.reason === 'hostunknown' && transient) return 'networkerror';
  return cause.reason;
}

/**
 * The precedence a postmaster uses: the remote server's own enhanced code when it names the cause; wording specific
 * to one cause; the reporting MTA's Status when it names the cause; what the failed command implies; codes that name
 * only the area; general wording; "other" codes; the basic reply code.
 */
function decideCause(evidence: ReasonEvidence, text: string, command: string | null): Cause | null {
  // Evidence that does not tell the two apart counts its status as the report's.
  const fieldStatus =
    evidence.fieldStatus === undefined && evidence.diagnosticStatus === undefined
      ? evidence.status
      : evidence.fieldStatus;
  const fromServer = evidence.diagnosticStatus ? lookUpEnhancedStatus(evidence.diagnosticStatus) : null;
  const fromReport =
    fieldStatus && fieldStatus !== evidence.diagnosticStatus ? lookUpEnhancedStatus(fieldStatus) : null;
  const firm = (reason: BounceReason): Cause => ({ reason: adjustForCommand(reason, command), firm: true });
  const specific = text ? findPhraseReason(text, 'specific') : null;
  if (fromServer?.weight === 'decisive' && fromServer.reason) {
    // Two independent signals outvote one: the basic reply code and the words agreeing on another cause mean the
    // enhanced code was picked carelessly (RFC 5321 4.2.2's 552 with "over quota" beside a 5.1.1).
    const outvoted =
      specific !== null && specific !== fromServer.reason && lookUpReplyCode(evidence.replyCode)?.reason === specific;
    if (!outvoted) return { reason: fromServer.reason, firm: true };
  }
  // The report's own Status confirming the words keeps them as they are, at any step.
  if (specific && fromReport?.weight === 'decisive' && fromReport.reason === specific)
    return { reason: specific, firm: true };
  if (specific) return firm(specific);
  if (fromReport?.weight === 'decisive' && fromReport.reason) return { reason: fromReport.reason, firm: true };
  // A local delivery program's exit status (sendmail's X-Unix diagnostics) is the mailer's failure.
  if (evidence.diagnosticType?.toUpperCase() === 'X-UNIX') return firm('mailererror');
  // RFC 5321 3.3: MAIL FROM carries the sender, so a refusal there is about the sender; a refusal of the greeting or
  // of HELO is about the connecting host.
  if (command === 'MAIL') return firm('rejected');
  if (command === 'HELO' || command === 'EHLO' || command === 'CONN') return firm('blocked');
  for (const registered of [fromServer, fromReport]) {
    if (registered?.weight === 'leaning' && registered.reason && !registered.undefinedDetail)
      return firm(registered.reason);
  }
  const general = text ? findPhraseReason(text, 'general') : null;
  // A connection that could not be made is how a retried message normally ends: not a cause beyond expiry.
  if (general) return { reason: adjustForCommand(general, command), firm: general !== 'networkerror' };
  // What is left names an area at most ("other or undefined" details, X.N.0): it does not explain an expired message.
  for (const registered of [fromServer, fromReport]) {
    if (registered?.reason) return { reason: adjustForCommand(registered.reason, command), firm: false };
  }
  // RFC 5321 4.2.2: 550/553 in reply to RCPT TO means the mailbox is unavailable or its name not allowed.
  const { replyCode } = evidence;
  if (command === 'RCPT' && (replyCode === '550' || replyCode === '553')) return { reason: 'userunknown', firm: false };
  const byReply = lookUpReplyCode(replyCode)?.reason;
  return byReply ? { reason: byReply, firm: false } : null;
}

/** RFC 5321 4.2.1: a multi-line reply repeats its code on every line; a reader drops the repeats. */
function foldReplyLines(text: string): string {
  return text.replace(/(\S\s+)[245]\d\d[- ](?:[245]\.\d{1,3}\.\d{1,3}\s+)?(?=\S)/g, '$1');
}

/**
 * The same words mean another thing at another step: "user unknown" after the data was accepted is a filter's
 * verdict (the address was accepted at RCPT TO), and an unknown address at MAIL FROM is the sender's.
 */
function adjustForCommand(reason: BounceReason, command: string | null): BounceReason {
  if (reason === 'userunknown' && command === 'DATA') return 'filtered';
  if ((reason === 'userunknown' || reason === 'hostunknown') && command === 'MAIL') return 'rejected';
  return reason;
}
