// Front door of bounce handling: is a message a bounce, a complaint, an auto-reply or mail, and who failed why.
import type { AffectedRecipient, MailClassification, OriginalHeaders } from '../../shared/api/bounces.ts';
import { convertHtmlToText } from '../html/to-text.ts';
import { findFeedbackRecipientsInOriginal } from './feedback-recipients.ts';
import { classifyForwardedComplaint, classifyUnsubscribeRequest, parseFeedbackReport } from './arf.ts';
import { findAutoReplyReason, isBounceSenderHeader, isBounceSubject, isNullSender } from './auto-reply.ts';
import { DSN_FIELD_PATTERN, parseDeliveryStatus, type DsnFields } from './dsn.ts';
import { selectFormatParsers, type ClassifyOptions, type FormatParser } from './formats.ts';
import { classifyJsonEvent } from './json-events.ts';
import { createMessageView, type Envelope, type MessageView } from './message-view.ts';
import { decodeBody, type MimeEntity } from './mime-scan.ts';
import { findHeader } from '../inbound/header-fields.ts';
import { findOriginalHeaders, splitAtOriginalCopy } from './original.ts';
import { buildFeedback, buildRecipient } from './recipient.ts';
import { findEnhancedStatus, findReplyCode } from './status-codes.ts';
import { findProseRecipients, readProsePermanence, type ProseRecipient } from './text-bounce.ts';

export type { ClassifyOptions } from './formats.ts';
export type { Envelope } from './message-view.ts';

const DELIVERY_STATUS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const FEEDBACK_REPORT_TYPES = new Set(['message/feedback-report']);

/** A bounce of a bounce notice, or a forwarded DSN, quotes the report that names the recipient: one level is enough. */
const MAX_NESTED_BOUNCE_LEVELS = 1;

/**
 * Classifies one raw message. Pure: no I/O, the same answer for CR, LF and CRLF line endings. `options.skipFamilies`
 * switches off the format-specific parsers of those families, leaving the generic path alone.
 */
export function classifyMessage(
  raw: Uint8Array | string,
  envelope: Envelope = {},
  options: ClassifyOptions = {},
): MailClassification {
  return classifyRaw(raw, envelope, MAX_NESTED_BOUNCE_LEVELS, selectFormatParsers(options));
}

function classifyRaw(
  raw: Uint8Array | string,
  envelope: Envelope,
  nestingLeft: number,
  parsers: FormatParser[],
): MailClassification {
  const view = createMessageView(raw, envelope, nestingLeft);
  for (const parser of parsers) {
    const specific = parser.classify?.(view);
    if (specific) return specific;
  }
  let result = classifyFeedback(view) ??
    classifyDeliveryStatus(view, parsers) ??
    classifyForwardedComplaint(view) ??
    classifyUnsubscribeRequest(view) ??
    classifyJsonEvent(view) ??
    classifyAutoReply(view) ??
    classifyProseBounce(view, parsers) ?? { kind: 'mail', recipients: [], originalMessageId: null };
  for (const parser of parsers) if (parser.refine) result = parser.refine(view, result);
  return result;
}

function classifyFeedback(view: MessageView): MailClassification | null {
  const { root, leaves } = view;
  const reportPart = leaves.find((part) => FEEDBACK_REPORT_TYPES.has(part.contentType));
  const isReport = reportPart !== undefined || (root.params['report-type'] ?? '').toLowerCase() === 'feedback-report';
  if (!isReport) return null;
  const originalHeaders = findOriginalHeaders(leaves, null);
  const report = reportPart ? parseFeedbackReport(decodeBody(reportPart)) : null;
  let addresses = report?.recipients ?? [];
  if (addresses.length === 0) addresses = findFeedbackRecipientsInOriginal(leaves);
  return buildFeedback(
    addresses,
    report?.feedbackType ?? 'abuse',
    originalHeaders,
    report?.reportingMta ?? null,
    report?.arrivalDate ?? null,
  );
}

function classifyDeliveryStatus(view: MessageView, parsers: FormatParser[]): MailClassification | null {
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
    return isReport ? classifyProseBounce(view, parsers, true) : null;
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
    const diagnostic =
      fields.diagnostic ?? mention?.diagnostic ?? (dsn.recipients.length === 1 ? summarizeProse(prose) : null);
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
  if (recipients.length === 0) return classifyProseBounce(view, parsers, true);
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
  const start = body.search(
    /^(?:reporting-mta|received-from-mta|arrival-date|original-envelope-id|final-recipient|original-recipient)\s*:/im,
  );
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

function classifyProseBounce(
  view: MessageView,
  parsers: FormatParser[],
  isDeliveryReport = false,
): MailClassification | null {
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
    const listed = failedHeader
      .split(/[,\s]+/)
      .map((value) => value.replace(/^<|>$/g, ''))
      .filter((value) => value.includes('@'));
    if (listed.length > 0) {
      mentions = listed.map(
        (address) =>
          findMention(mentions, address) ?? {
            address,
            diagnostic: summarizeProse(prose) ?? '',
            status: findEnhancedStatus(prose),
            replyCode: findReplyCode(prose),
          },
      );
    }
  }
  if (mentions.length === 0) mentions = findSelfAddressedFailures(prose, view);
  const hasFailureWording = FAILURE_WORDING.test(prose);
  // A null sender alone is also how auto-replies and notifications travel: demand bounce wording in that case.
  if (!isDeliveryReport && !bounceSender && !bounceSubject && failedHeader === null && !hasFailureWording) return null;
  // The quoted "original" is itself a bounce notice (a forwarded report): its To is our sender, its report the answer.
  if (mentions.length === 0 && originalHeaders && isBounceSenderHeader(originalHeaders.from)) {
    const nested = classifyQuotedBounce(view, parsers);
    if (nested) return nested;
  }
  if (
    mentions.length === 0 &&
    originalHeaders?.to &&
    !isBounceSenderHeader(originalHeaders.from) &&
    (bounceSender || bounceSubject || isDeliveryReport) &&
    hasFailureWording
  ) {
    const address =
      /<([^<>\s]+@[^<>\s]+)>/.exec(originalHeaders.to)?.[1] ?? /[^\s<>,;"]+@[^\s<>,;"]+/.exec(originalHeaders.to)?.[0];
    if (address)
      mentions = [
        {
          address,
          diagnostic: summarizeProse(prose) ?? '',
          status: findEnhancedStatus(prose),
          replyCode: findReplyCode(prose),
        },
      ];
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

function classifyQuotedBounce(view: MessageView, parsers: FormatParser[]): MailClassification | null {
  if (view.nestingLeft <= 0) return null;
  const quoted = view.leaves.find(
    (part) => part.contentType === 'message/rfc822' || part.contentType === 'message/global',
  );
  if (!quoted) return null;
  const nested = classifyRaw(decodeBody(quoted), {}, view.nestingLeft - 1, parsers);
  return nested.kind === 'bounce' && nested.recipients.length > 0 ? nested : null;
}

/** Words every bounce uses somewhere in its explanation. */
const FAILURE_WORDING =
  /could ?n[o']?t be delivered|undeliver|not (?:be )?delivered|delivery (?:to the following|has failed|failed|problem)|failed|permanent|rejected|unknown (?:user|recipient)|does not exist|no such (?:user|mailbox)|returned|unable to deliver|fatal error|mailbox (?:is )?(?:full|unavailable)|not (?:yet )?been delivered|delayed|error/i;

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
    findHeader(view.headers, 'to'),
    findHeader(view.headers, 'from'),
    findHeader(view.headers, 'reply-to'),
    view.envelope.to,
    view.envelope.from,
    originalHeaders?.from,
  ];
  const excluded = new Set<string>();
  for (const value of values) {
    if (!value) continue;
    for (const match of value.matchAll(/[^\s<>,;"'()]+@[^\s<>,;"'()]+/g)) excluded.add(match[0].toLowerCase());
  }
  if (originalHeaders?.messageId) excluded.add(originalHeaders.messageId.toLowerCase());
  return excluded;
}

/**
 * A message sent to oneself bounces to the failed address: the report's To is then the recipient after all, when the
 * prose lists it the way failure lists do (`<address>:` opening a line).
 */
function findSelfAddressedFailures(prose: string, view: MessageView): ProseRecipient[] {
  const reportAddresses = new Set(
    [findHeader(view.headers, 'from'), findHeader(view.headers, 'reply-to')].flatMap((value) =>
      [...(value ?? '').matchAll(/[^\s<>,;"'()]+@[^\s<>,;"'()]+/g)].map((match) => match[0].toLowerCase()),
    ),
  );
  return findProseRecipients(prose, reportAddresses).filter((mention) => {
    const escaped = mention.address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`^[ \\t]*<?${escaped}>?:`, 'im').test(prose);
  });
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
