// Front door of bounce handling: is a message a bounce, a complaint, an auto-reply or mail, and who failed why.
import type { AffectedRecipient, DeliveryAction, MailClassification, OriginalHeaders } from '../../shared/api/bounces.ts';
import { convertHtmlToText } from '../html/to-text.ts';
import { findFeedbackRecipientsInOriginal } from './feedback-recipients.ts';
import { parseFeedbackReport, isUnsubscribeNotice, JMRP_RECIPIENT_HEADER } from './arf.ts';
import { findAutoReplyReason, isBounceSenderHeader, isBounceSubject, isNullSender } from './auto-reply.ts';
import { DSN_FIELD_PATTERN, parseDeliveryStatus, type DsnFields } from './dsn.ts';
import {
  decodeBody, decodeEncodedWords, findHeader, listLeafParts, parseEntity, parseHeaderBlock, readRawText,
  splitHeaderBlock, type HeaderField, type MimeEntity,
} from './mime-scan.ts';
import { findOriginalHeaders, splitAtOriginalCopy } from './original.ts';
import { decideReason, findFailedCommand } from './reasons.ts';
import { parseSesNotification } from './ses-notification.ts';
import { chooseStatus, decidePermanent, findEnhancedStatus, findReplyCode } from './status-codes.ts';
import { findProseRecipients, readProsePermanence, type ProseRecipient } from './text-bounce.ts';

export type Envelope = { from?: string; to?: string };

const DELIVERY_STATUS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const FEEDBACK_REPORT_TYPES = new Set(['message/feedback-report']);
const ACTIONS = new Set<string>(['failed', 'delayed', 'delivered', 'relayed', 'expanded']);

/** Context every extractor needs, computed once per message. */
type MessageView = {
  root: MimeEntity;
  leaves: MimeEntity[];
  headers: HeaderField[];
  subject: string;
  from: string | null;
  envelope: Envelope;
  /** How many more levels of a bounce quoted inside a bounce may be opened (a forwarded DSN). */
  nestingLeft: number;
};

/** A bounce of a bounce notice, or a forwarded DSN, quotes the report that names the recipient: one level is enough. */
const MAX_NESTED_BOUNCE_LEVELS = 1;

/** Classifies one raw message. Pure: no I/O, the same answer for CR, LF and CRLF line endings. */
export function classifyMessage(raw: Uint8Array | string, envelope: Envelope = {}): MailClassification {
  return classifyRaw(raw, envelope, MAX_NESTED_BOUNCE_LEVELS);
}

function classifyRaw(raw: Uint8Array | string, envelope: Envelope, nestingLeft: number): MailClassification {
  const { text, binary } = readRawText(raw);
  const root = parseEntity(text, binary);
  const view: MessageView = {
    root,
    leaves: listLeafParts(root),
    headers: root.headers,
    subject: decodeEncodedWords(findHeader(root.headers, 'subject') ?? ''),
    from: findHeader(root.headers, 'from'),
    envelope,
    nestingLeft,
  };
  return (
    classifyFeedback(view) ??
    classifySesNotification(view) ??
    classifyDeliveryStatus(view) ??
    classifyAutoReply(view) ??
    classifyProseBounce(view) ?? { kind: 'mail', recipients: [], originalMessageId: null }
  );
}

function classifyFeedback(view: MessageView): MailClassification | null {
  const { root, leaves } = view;
  const reportPart = leaves.find((part) => FEEDBACK_REPORT_TYPES.has(part.contentType));
  const isReport = reportPart !== undefined || (root.params['report-type'] ?? '').toLowerCase() === 'feedback-report';
  const originalHeaders = findOriginalHeaders(leaves, null);
  if (isReport) {
    const report = reportPart ? parseFeedbackReport(decodeBody(reportPart)) : null;
    let addresses = report?.recipients ?? [];
    if (addresses.length === 0) addresses = findFeedbackRecipientsInOriginal(leaves);
    return buildFeedback(addresses, report?.feedbackType ?? 'abuse', originalHeaders, report?.reportingMta ?? null, report?.arrivalDate ?? null);
  }
  // Hotmail JMRP: the original message, forwarded with the complaining recipient in a header.
  for (const part of leaves) {
    if (part.contentType !== 'message/rfc822') continue;
    const embedded = parseHeaderBlock(splitHeaderBlock(decodeBody(part)).headerBlock);
    const recipient = findHeader(embedded, JMRP_RECIPIENT_HEADER);
    if (recipient) return buildFeedback([recipient.trim()], 'abuse', originalHeaders, null, null);
  }
  if (isUnsubscribeNotice(view.headers) && view.from) {
    const address = /<([^<>]+)>/.exec(view.from)?.[1] ?? view.from.trim();
    return buildFeedback([address], 'opt-out', originalHeaders, null, null);
  }
  return null;
}

function buildFeedback(
  addresses: string[], feedbackType: string, originalHeaders: OriginalHeaders | null, reportingMta: string | null, arrivalDate: string | null,
): MailClassification {
  return {
    kind: 'feedback',
    recipients: addresses.map((address) => ({
      address, action: null, status: null, replyCode: null, diagnostic: null, remoteMta: null,
      reportingMta, arrivalDate, reason: 'feedback', permanent: false,
    })),
    originalMessageId: originalHeaders?.messageId ?? null,
    ...(originalHeaders ? { originalHeaders } : {}),
    reportingMta,
    feedbackType,
  };
}

function classifySesNotification(view: MessageView): MailClassification | null {
  const textPart = view.leaves.find((part) => part.contentType === 'text/plain' || part.contentType === 'application/json');
  if (!textPart) return null;
  const notification = parseSesNotification(decodeBody(textPart));
  if (!notification) return null;
  if (notification.type === 'Complaint') {
    const result = buildFeedback(notification.recipients.map((r) => r.address), notification.feedbackType ?? 'abuse', null, null, null);
    return { ...result, originalMessageId: notification.messageId };
  }
  const transientByType = notification.bounceType === 'Transient';
  const recipients = notification.recipients.map((entry) =>
    buildRecipient({
      address: entry.address,
      action: entry.action,
      fieldStatus: entry.status,
      diagnostic: entry.diagnostic,
      remoteMta: null,
      reportingMta: notification.reportingMta,
      arrivalDate: null,
      prosePermanent: !transientByType,
    }),
  );
  return { kind: 'bounce', recipients, originalMessageId: notification.messageId, reportingMta: notification.reportingMta };
}

function classifyDeliveryStatus(view: MessageView): MailClassification | null {
  const { leaves, root } = view;
  let dsn: DsnFields | null = null;
  let statusPart: MimeEntity | undefined = leaves.find((part) => DELIVERY_STATUS_TYPES.has(part.contentType));
  if (statusPart) dsn = parseDeliveryStatus(decodeBody(statusPart));
  if (!dsn || dsn.recipients.length === 0) {
    // Some MTAs send the status fields as text/plain, or inline in a single-part body.
    for (const part of leaves) {
      // A multipart leaf is one whose boundary never occurs (a mangled report): its body is still readable text.
      const readable = part.contentType.startsWith('text/') || part.contentType.startsWith('multipart/');
      if (!readable || part === statusPart) continue;
      const body = decodeBody(part);
      if (!DSN_FIELD_PATTERN.test(body)) continue;
      const candidate = parseDeliveryStatus(extractFieldBlock(body));
      if (candidate.recipients.length > 0) {
        dsn = candidate;
        statusPart = part;
        break;
      }
    }
  }
  const isReport = (root.params['report-type'] ?? '').toLowerCase() === 'delivery-status';
  if (!dsn || dsn.recipients.length === 0) {
    return isReport ? classifyProseBounce(view, true) : null;
  }
  const { prose, rest } = readProse(view, statusPart);
  const proseRecipients = findProseRecipients(prose, new Set());
  const prosePermanent = readProsePermanence(prose);
  const originalHeaders = findOriginalHeaders(leaves, rest);
  const recipients: AffectedRecipient[] = [];
  const seen = new Set<string>();
  for (const fields of dsn.recipients) {
    const address = chooseDsnAddress(fields.finalRecipient, fields.originalRecipient);
    if (!address || seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    const mention = findMention(proseRecipients, address);
    const diagnostic = fields.diagnostic ?? mention?.diagnostic ?? (dsn.recipients.length === 1 ? summarizeProse(prose) : null);
    recipients.push(
      buildRecipient({
        address,
        action: fields.action,
        fieldStatus: fields.status ?? mention?.status ?? null,
        diagnostic,
        remoteMta: fields.remoteMta,
        reportingMta: dsn.reportingMta,
        arrivalDate: dsn.arrivalDate,
        prosePermanent,
        diagnosticType: fields.diagnosticType,
        commandText: mention?.diagnostic ?? (dsn.recipients.length === 1 ? prose : null),
      }),
    );
  }
  // Recipient fields that hold no usable mailbox (`@relay` only): the prose still names the address.
  if (recipients.length === 0) return classifyProseBounce(view, true);
  return {
    kind: 'bounce',
    recipients,
    originalMessageId: originalHeaders?.messageId ?? normalizeId(dsn.originalMessageId),
    ...(originalHeaders ? { originalHeaders } : {}),
    reportingMta: dsn.reportingMta,
  };
}

/** Final-Recipient is the address that failed (RFC 3464 2.3.2); Original-Recipient only fills in when it is unusable. */
function chooseDsnAddress(finalRecipient: string | null, originalRecipient: string | null): string | null {
  return finalRecipient ?? originalRecipient;
}

/** Cuts a single-part body down to the lines from the first delivery status field on. */
function extractFieldBlock(body: string): string {
  const start = body.search(/^(?:reporting-mta|received-from-mta|arrival-date|original-envelope-id|final-recipient|original-recipient)\s*:/im);
  return start >= 0 ? body.slice(start) : body;
}

function classifyAutoReply(view: MessageView): MailClassification | null {
  if ((view.root.params['report-type'] ?? '').toLowerCase() === 'disposition-notification') {
    return { kind: 'auto-reply', recipients: [], originalMessageId: null, autoReplyReason: 'disposition-notification' };
  }
  if (looksLikeBounce(view)) return null;
  const reason = findAutoReplyReason(view.headers, view.subject);
  if (!reason) return null;
  const inReplyTo = findHeader(view.headers, 'in-reply-to');
  return { kind: 'auto-reply', recipients: [], originalMessageId: normalizeId(inReplyTo), autoReplyReason: reason };
}

function looksLikeBounce(view: MessageView): boolean {
  return (
    isBounceSenderHeader(view.from) ||
    isBounceSubject(view.subject) ||
    findHeader(view.headers, 'x-failed-recipients') !== null
  );
}

function classifyProseBounce(view: MessageView, isDeliveryReport = false): MailClassification | null {
  const nullSender = isNullSender(view.envelope.from) || isNullSender(findHeader(view.headers, 'return-path'));
  const bounceSender = isBounceSenderHeader(view.from);
  const bounceSubject = isBounceSubject(view.subject);
  const failedHeader = findHeader(view.headers, 'x-failed-recipients');
  if (!isDeliveryReport && !bounceSender && !bounceSubject && failedHeader === null && !nullSender) return null;

  const { prose, rest } = readProse(view, undefined);
  const originalHeaders = findOriginalHeaders(view.leaves, rest);
  const excluded = collectNonRecipients(view, originalHeaders);
  let mentions: ProseRecipient[] = findProseRecipients(prose, excluded);
  if (failedHeader) {
    const listed = failedHeader.split(/[,\s]+/).map((value) => value.replace(/^<|>$/g, '')).filter((value) => value.includes('@'));
    if (listed.length > 0) {
      mentions = listed.map((address) => findMention(mentions, address) ?? { address, diagnostic: summarizeProse(prose) ?? '', status: findEnhancedStatus(prose), replyCode: findReplyCode(prose) });
    }
  }
  const hasFailureWording = FAILURE_WORDING.test(prose);
  // A null sender alone is also how auto-replies and notifications travel: demand bounce wording in that case.
  if (!isDeliveryReport && !bounceSender && !bounceSubject && failedHeader === null && !hasFailureWording) return null;
  // The quoted "original" is itself a bounce notice (a forwarded report): its To is our sender, its report the answer.
  if (mentions.length === 0 && originalHeaders && isBounceSenderHeader(originalHeaders.from)) {
    const nested = classifyQuotedBounce(view);
    if (nested) return nested;
  }
  if (mentions.length === 0 && originalHeaders?.to && !isBounceSenderHeader(originalHeaders.from) && (bounceSender || bounceSubject || isDeliveryReport) && hasFailureWording) {
    const address = /<([^<>\s]+@[^<>\s]+)>/.exec(originalHeaders.to)?.[1] ?? /[^\s<>,;"]+@[^\s<>,;"]+/.exec(originalHeaders.to)?.[0];
    if (address) mentions = [{ address, diagnostic: summarizeProse(prose) ?? '', status: findEnhancedStatus(prose), replyCode: findReplyCode(prose) }];
  }
  if (mentions.length === 0 && !(bounceSender && bounceSubject) && !isDeliveryReport) return null;
  const prosePermanent = readProsePermanence(prose);
  const recipients = mentions.map((mention) => {
    const status = mention.status ?? (mentions.length === 1 ? findEnhancedStatus(prose) : null);
    const replyCode = mention.replyCode ?? (mentions.length === 1 ? findReplyCode(prose) : null);
    const segmentHasReason = mention.diagnostic.length > mention.address.length + 8;
    return buildRecipient({
      address: mention.address,
      action: null,
      fieldStatus: status,
      replyCode,
      diagnostic: segmentHasReason ? mention.diagnostic : summarizeProse(prose),
      remoteMta: null,
      reportingMta: null,
      arrivalDate: null,
      prosePermanent,
    });
  });
  return {
    kind: 'bounce',
    recipients,
    originalMessageId: originalHeaders?.messageId ?? null,
    ...(originalHeaders ? { originalHeaders } : {}),
  };
}

function classifyQuotedBounce(view: MessageView): MailClassification | null {
  if (view.nestingLeft <= 0) return null;
  const quoted = view.leaves.find((part) => part.contentType === 'message/rfc822' || part.contentType === 'message/global');
  if (!quoted) return null;
  const nested = classifyRaw(decodeBody(quoted), {}, view.nestingLeft - 1);
  return nested.kind === 'bounce' && nested.recipients.length > 0 ? nested : null;
}

/** Words every bounce uses somewhere in its explanation. */
const FAILURE_WORDING = /could ?n[o']?t be delivered|undeliver|not (?:be )?delivered|delivery (?:to the following|has failed|failed|problem)|failed|permanent|rejected|unknown (?:user|recipient)|does not exist|no such (?:user|mailbox)|returned|unable to deliver|fatal error|mailbox (?:is )?(?:full|unavailable)|not (?:yet )?been delivered|delayed|error/i;

type RecipientInput = {
  address: string;
  action: string | null;
  fieldStatus: string | null;
  replyCode?: string | null;
  diagnostic: string | null;
  remoteMta: string | null;
  reportingMta: string | null;
  arrivalDate: string | null;
  prosePermanent: boolean;
  diagnosticType?: string | null;
  /** Prose about this recipient that may name the SMTP command the failure answered. */
  commandText?: string | null;
};

function buildRecipient(input: RecipientInput): AffectedRecipient {
  const fieldStatus = findEnhancedStatus(input.fieldStatus);
  const diagnosticStatus = findEnhancedStatus(input.diagnostic);
  const status = chooseStatus(fieldStatus, diagnosticStatus);
  const replyCode = input.replyCode ?? findReplyCode(input.diagnostic);
  const declaredAction = input.action && ACTIONS.has(input.action) ? (input.action as DeliveryAction) : null;
  const permanent = declaredAction === 'delayed' ? false : decidePermanent(status, replyCode, input.prosePermanent);
  const action: DeliveryAction = declaredAction ?? (status?.startsWith('2') ? 'delivered' : permanent ? 'failed' : 'delayed');
  const successful = action === 'delivered' || action === 'relayed' || action === 'expanded';
  return {
    address: input.address.trim(),
    action,
    status,
    replyCode,
    diagnostic: input.diagnostic,
    remoteMta: input.remoteMta,
    reportingMta: input.reportingMta,
    arrivalDate: input.arrivalDate,
    reason: decideReason({
      status, replyCode, diagnostic: input.diagnostic, action, address: input.address,
      command: findFailedCommand(input.diagnostic) ?? findFailedCommand(input.commandText ?? null),
    }),
    permanent: successful ? false : permanent,
  };
}

/** The human-readable explanation: the first text part that is not the status part, cut before the original copy. */
function readProse(view: MessageView, statusPart: MimeEntity | undefined): { prose: string; rest: string | null } {
  const textPart =
    view.leaves.find((part) => part !== statusPart && part.contentType === 'text/plain') ??
    view.leaves.find((part) => part !== statusPart && part.contentType === 'text/html');
  if (!textPart) return { prose: '', rest: null };
  let text = decodeBody(textPart);
  if (textPart.contentType === 'text/html') text = convertHtmlToText(text);
  return splitAtOriginalCopy(text);
}

/** Addresses a bounce mentions that are not failed recipients: its own, the envelope's, the original sender's. */
function collectNonRecipients(view: MessageView, originalHeaders: OriginalHeaders | null): Set<string> {
  const values = [
    findHeader(view.headers, 'to'), findHeader(view.headers, 'from'), findHeader(view.headers, 'reply-to'),
    view.envelope.to, view.envelope.from, originalHeaders?.from,
  ];
  const excluded = new Set<string>();
  for (const value of values) {
    if (!value) continue;
    for (const match of value.matchAll(/[^\s<>,;"'()]+@[^\s<>,;"'()]+/g)) excluded.add(match[0].toLowerCase());
  }
  if (originalHeaders?.messageId) excluded.add(originalHeaders.messageId.toLowerCase());
  return excluded;
}

function findMention(mentions: ProseRecipient[], address: string): ProseRecipient | undefined {
  const key = address.toLowerCase();
  return mentions.find((mention) => mention.address.toLowerCase() === key);
}

/** A compact diagnostic from the whole prose when no per-recipient text exists. */
function summarizeProse(prose: string): string | null {
  const compact = prose.replace(/\s+/g, ' ').trim();
  return compact ? compact.slice(0, 600) : null;
}

function normalizeId(value: string | null): string | null {
  if (!value) return null;
  const bracketed = /<([^<>\s]+)>/.exec(value);
  return (bracketed ? bracketed[1]! : value.trim()) || null;
}
