// Front door of bounce handling: is a message a bounce, a complaint, an auto-reply or mail, and who failed why.
import type { MailClassification } from '../../shared/api/bounces.ts';
import { findAutoReplyReason, isBounceSenderHeader, readHeaderSignals } from '../inbound/automation.ts';
import { findHeader } from '../inbound/header-fields.ts';
import { tryParseMail } from '../inbound/parse.ts';
import { findFeedbackRecipientsInOriginal } from './feedback-recipients.ts';
import { classifyForwardedComplaint, classifyUnsubscribeRequest, parseFeedbackReport } from './arf.ts';
import { isBounceSubject } from './bounce-subject.ts';
import { classifyDeliveryStatus } from './delivery-status.ts';
import { readEmbeddedHeaders } from './field-blocks.ts';
import { selectFormatParsers, type ClassifyOptions, type FormatParser } from './formats.ts';
import { classifyJsonEvent } from './json-events.ts';
import { createMessageView, type ClassifiableMail, type Envelope, type MessageView } from './message-view.ts';
import { findOriginalHeaders, isEmbeddedMessageType } from './original.ts';
import { classifyProseBounce, hasBounceMarks } from './prose-bounce.ts';
import { buildFeedback } from './recipient.ts';
import { normalizeId } from './report-text.ts';

export type { ClassifyOptions } from './formats.ts';
export type { ClassifiableMail, Envelope } from './message-view.ts';

const FEEDBACK_REPORT_TYPES = new Set(['message/feedback-report']);

/** A bounce of a bounce notice, or a forwarded DSN, quotes the report that names the recipient: one level is enough. */
const MAX_NESTED_BOUNCE_LEVELS = 1;

const PLAIN_MAIL: MailClassification = { kind: 'mail', recipients: [], originalMessageId: null };

/** A message as postal-mime parsed it, with the raw bytes it came from (read only where postal-mime gives nothing). */
export type ParsedMessage = { mail: ClassifiableMail; raw: Uint8Array };

/**
 * Classifies one parsed message (the pipeline's `ParsedMail` and its bytes). Pure but for parsing a quoted bounce
 * notice one level down, the same for CR, LF and CRLF line ends. `options.skipFamilies` switches off the
 * format-specific parsers of those families, leaving the generic path alone.
 */
export async function classifyMail(
  message: ParsedMessage,
  envelope: Envelope = {},
  options: ClassifyOptions = {},
): Promise<MailClassification> {
  return classifyParsed(message, envelope, MAX_NESTED_BOUNCE_LEVELS, selectFormatParsers(options));
}

/**
 * Parses raw bytes as the pipeline does, then classifies them (the CLI, evaluations, benches). Bytes that are no
 * mail (the parser refuses them) are plain mail: nothing in them can be a report.
 */
export async function classifyMessage(
  raw: Uint8Array | string,
  envelope: Envelope = {},
  options: ClassifyOptions = {},
): Promise<MailClassification> {
  const message = await parseOrNull(typeof raw === 'string' ? new TextEncoder().encode(raw) : raw);
  return message ? classifyMail(message, envelope, options) : PLAIN_MAIL;
}

async function parseOrNull(raw: Uint8Array): Promise<ParsedMessage | null> {
  const parsed = await tryParseMail(raw);
  return 'mail' in parsed ? { mail: parsed.mail, raw } : null;
}

async function classifyParsed(
  { mail, raw }: ParsedMessage,
  envelope: Envelope,
  nestingLeft: number,
  parsers: FormatParser[],
): Promise<MailClassification> {
  const view = createMessageView(mail, raw, envelope);
  // Only a report opens its attached original: mail that merely forwards a message never pays for it.
  const mayQuoteReport = nestingLeft > 0 && (view.reportType !== '' || hasBounceMarks(view));
  const quoted = mayQuoteReport ? await parseQuotedBounceNotice(view) : null;
  const nested = quoted ? await classifyParsed(quoted, {}, nestingLeft - 1, parsers) : null;
  return classifyView(view, parsers, nested);
}

/**
 * The attached original when it is itself a bounce notice (its From is a mail system): a forwarded DSN, or the bounce
 * of a bounce notice, whose own report names the recipient. Parsed only then (postal-mime keeps it as bytes).
 */
async function parseQuotedBounceNotice(view: MessageView): Promise<ParsedMessage | null> {
  const part = view.leaves.find((leaf) => isEmbeddedMessageType(leaf.contentType));
  if (!part || !isBounceSenderHeader(findHeader(readEmbeddedHeaders(part.text), 'from'))) return null;
  return parseOrNull(new TextEncoder().encode(part.text));
}

function classifyView(
  view: MessageView,
  parsers: FormatParser[],
  nested: MailClassification | null,
): MailClassification {
  for (const parser of parsers) {
    const specific = parser.classify?.(view);
    if (specific) return specific;
  }
  let result =
    classifyFeedback(view) ??
    classifyDeliveryStatus(view, nested) ??
    classifyForwardedComplaint(view) ??
    classifyUnsubscribeRequest(view) ??
    classifyJsonEvent(view) ??
    classifyAutoReply(view) ??
    classifyProseBounce(view, nested) ??
    PLAIN_MAIL;
  for (const parser of parsers) if (parser.refine) result = parser.refine(view, result);
  return result;
}

function classifyFeedback(view: MessageView): MailClassification | null {
  const { leaves } = view;
  const reportPart = leaves.find((part) => FEEDBACK_REPORT_TYPES.has(part.contentType));
  const isReport = reportPart !== undefined || view.reportType === 'feedback-report';
  if (!isReport) return null;
  const originalHeaders = findOriginalHeaders(leaves, null);
  const report = reportPart ? parseFeedbackReport(reportPart.text) : null;
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
  if (view.reportType === 'disposition-notification') {
    return { kind: 'auto-reply', recipients: [], originalMessageId: null, autoReplyReason: 'disposition-notification' };
  }
  if (looksLikeBounce(view)) return null;
  const reason = findAutoReplyReason(readHeaderSignals(view.headers), view.subject);
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
