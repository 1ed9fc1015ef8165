// One affected recipient from the evidence a report gives about it: status, reply code, action, reason, permanence.
import type {
  AffectedRecipient,
  DeliveryAction,
  MailClassification,
  OriginalHeaders,
} from '../../shared/api/bounces.ts';
import { decideReason, findFailedCommand } from './reasons.ts';
import { chooseStatus, decidePermanent, findEnhancedStatus, findReplyCode } from './status-codes.ts';

const ACTIONS = new Set<string>(['failed', 'delayed', 'delivered', 'relayed', 'expanded']);

export type RecipientEvidence = {
  address: string;
  action: string | null;
  fieldStatus: string | null;
  replyCode?: string | null;
  diagnostic: string | null;
  remoteMta: string | null;
  reportingMta: string | null;
  arrivalDate: string | null;
  /** What the report's prose says about permanence, used only when no code does. */
  prosePermanent: boolean;
  diagnosticType?: string | null;
  /** Prose about this recipient that may name the SMTP command the failure answered. */
  commandText?: string | null;
};

/** Builds the recipient entry: codes first (RFC 3463, RFC 5321), the prose only where the codes are silent. */
export function buildRecipient(evidence: RecipientEvidence): AffectedRecipient {
  const fieldStatus = findEnhancedStatus(evidence.fieldStatus);
  const diagnosticStatus = findEnhancedStatus(evidence.diagnostic);
  const status = chooseStatus(fieldStatus, diagnosticStatus);
  const replyCode = evidence.replyCode ?? findReplyCode(evidence.diagnostic);
  const declaredAction = evidence.action && ACTIONS.has(evidence.action) ? (evidence.action as DeliveryAction) : null;
  const permanent = declaredAction === 'delayed' ? false : decidePermanent(status, replyCode, evidence.prosePermanent);
  const action: DeliveryAction =
    declaredAction ?? (status?.startsWith('2') ? 'delivered' : permanent ? 'failed' : 'delayed');
  const successful = action === 'delivered' || action === 'relayed' || action === 'expanded';
  return {
    address: evidence.address.trim(),
    action,
    status,
    replyCode,
    diagnostic: evidence.diagnostic,
    remoteMta: evidence.remoteMta,
    reportingMta: evidence.reportingMta,
    arrivalDate: evidence.arrivalDate,
    reason: decideReason({
      fieldStatus,
      diagnosticStatus,
      status,
      replyCode,
      diagnostic: evidence.diagnostic,
      action,
      diagnosticType: evidence.diagnosticType ?? null,
      command: findFailedCommand(evidence.diagnostic) ?? findFailedCommand(evidence.commandText ?? null),
    }),
    permanent: successful ? false : permanent,
  };
}

/** A complaint report: every named recipient with the reason `feedback`. */
export function buildFeedback(
  addresses: string[],
  feedbackType: string,
  originalHeaders: OriginalHeaders | null,
  reportingMta: string | null,
  arrivalDate: string | null,
): MailClassification {
  return {
    kind: 'feedback',
    recipients: addresses.map((address) => ({
      address,
      action: null,
      status: null,
      replyCode: null,
      diagnostic: null,
      remoteMta: null,
      reportingMta,
      arrivalDate,
      reason: 'feedback',
      permanent: false,
    })),
    originalMessageId: originalHeaders?.messageId ?? null,
    ...(originalHeaders ? { originalHeaders } : {}),
    reportingMta,
    feedbackType,
  };
}
