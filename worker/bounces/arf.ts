// Feedback reports (complaints): ARF (RFC 5965), Hotmail JMRP and one-click unsubscribe notices.
import type { MailClassification } from '../../shared/api/bounces.ts';
import { parseFieldBlock, readEmbeddedHeaders } from './field-blocks.ts';
import { findHeader, type HeaderField } from '../inbound/header-fields.ts';
import { readTypedAddress } from './dsn.ts';
import type { MessageView } from './message-view.ts';
import { findOriginalHeaders } from './original.ts';
import { buildFeedback } from './recipient.ts';
import { findFeedbackRecipientsInOriginal } from './feedback-recipients.ts';

export type FeedbackFields = {
  feedbackType: string | null;
  /** Original-Rcpt-To and Removal-Recipient values (RFC 5965 3.2, RFC 6650). */
  recipients: string[];
  reportingMta: string | null;
  arrivalDate: string | null;
};

/** Parses the machine-readable part of an ARF report (RFC 5965 3.1–3.2). */
export function parseFeedbackReport(body: string): FeedbackFields {
  const fields = parseFieldBlock(body.replace(/^\s+/, ''));
  const recipients: string[] = [];
  for (const { key: name, value } of fields) {
    if (name === 'original-rcpt-to' || name === 'removal-recipient') {
      const address = readTypedAddress(value);
      if (address && !recipients.some((known) => known.toLowerCase() === address.toLowerCase()))
        recipients.push(address);
    }
  }
  return {
    feedbackType: findHeader(fields, 'feedback-type')?.toLowerCase().split(/[\s;]/)[0] ?? null,
    recipients,
    reportingMta: findHeader(fields, 'reporting-mta'),
    arrivalDate: findHeader(fields, 'arrival-date') ?? findHeader(fields, 'received-date'),
  };
}

/** Hotmail's Junk Mail Reporting Program forwards the original with the complaining recipient in a header. */
const JMRP_RECIPIENT_HEADER = 'x-hmxmroriginalrecipient';

/** A Hotmail JMRP complaint: the original message, forwarded with the complaining recipient in a header. */
export function classifyJmrpComplaint(view: MessageView): MailClassification | null {
  for (const part of view.leaves) {
    if (part.contentType !== 'message/rfc822') continue;
    const embedded = readEmbeddedHeaders(part.text);
    const recipient = findHeader(embedded, JMRP_RECIPIENT_HEADER);
    if (recipient)
      return buildFeedback([recipient.trim()], 'abuse', findOriginalHeaders(view.leaves, null), null, null);
  }
  return null;
}

/** Apple Mail's unsubscribe notice: the sender is the recipient who opts out. */
export function classifyUnsubscribeNotice(view: MessageView): MailClassification | null {
  if (!isUnsubscribeNotice(view.headers) || !view.from) return null;
  const address = /<([^<>]+)>/.exec(view.from)?.[1] ?? view.from.trim();
  return buildFeedback([address], 'opt-out', findOriginalHeaders(view.leaves, null), null, null);
}

function isUnsubscribeNotice(headers: readonly HeaderField[]): boolean {
  return (findHeader(headers, 'x-apple-unsubscribe') ?? '').toLowerCase() === 'true';
}

/** Subjects of complaint notices that forward the reported message instead of sending an ARF report. */
const COMPLAINT_SUBJECT = /\b(?:complaint|abuse report|spam report|reported as (?:spam|junk))\b/i;

/**
 * A complaint forwarded without ARF (several mailbox providers' feedback loops): the reported original is attached,
 * and the complaining recipient is the one it was addressed to.
 */
export function classifyForwardedComplaint(view: MessageView): MailClassification | null {
  if (!COMPLAINT_SUBJECT.test(view.subject)) return null;
  if (!view.leaves.some((part) => part.contentType === 'message/rfc822')) return null;
  const addresses = findFeedbackRecipientsInOriginal(view.leaves);
  return addresses.length > 0
    ? buildFeedback(addresses, 'abuse', findOriginalHeaders(view.leaves, null), null, null)
    : null;
}

/**
 * An unsubscribe request sent to a List-Unsubscribe mailto address (RFC 2369 3.2, whose example subject is
 * "unsubscribe"): the sender opts out.
 */
export function classifyUnsubscribeRequest(view: MessageView): MailClassification | null {
  if (!/^\s*unsubscribe\b/i.test(view.subject) || !view.from) return null;
  const address = /<([^<>]+)>/.exec(view.from)?.[1] ?? view.from.trim();
  return buildFeedback([address], 'opt-out', findOriginalHeaders(view.leaves, null), null, null);
}
