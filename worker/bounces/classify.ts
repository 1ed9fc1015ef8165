// Front door of bounce handling: is a message a bounce, a complaint, an auto-reply or mail, and who failed why.
import type { MailClassification } from '../../shared/api/bounces.ts';
import { findFeedbackRecipientsInOriginal } from './feedback-recipients.ts';
import { classifyForwardedComplaint, classifyUnsubscribeRequest, parseFeedbackReport } from './arf.ts';
import { findAutoReplyReason, isBounceSenderHeader, isBounceSubject } from './auto-reply.ts';
import { classifyDeliveryStatus } from './delivery-status.ts';
import { selectFormatParsers, type ClassifyOptions, type FormatParser } from './formats.ts';
import { classifyJsonEvent } from './json-events.ts';
import { createMessageView, type Envelope, type MessageView } from './message-view.ts';
import { decodeBody } from './mime-scan.ts';
import { findHeader } from '../inbound/header-fields.ts';
import { findOriginalHeaders } from './original.ts';
import { classifyProseBounce } from './prose-bounce.ts';
import { buildFeedback } from './recipient.ts';
import { normalizeId } from './report-text.ts';

export type { ClassifyOptions } from './formats.ts';
export type { Envelope } from './message-view.ts';

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
    classifyDeliveryStatus(view, parsers, classifyRaw) ??
    classifyForwardedComplaint(view) ??
    classifyUnsubscribeRequest(view) ??
    classifyJsonEvent(view) ??
    classifyAutoReply(view) ??
    classifyProseBounce(view, parsers, classifyRaw) ?? { kind: 'mail', recipients: [], originalMessageId: null };
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
