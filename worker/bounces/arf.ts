// Feedback reports (complaints): ARF (RFC 5965), Hotmail JMRP and one-click unsubscribe notices.
import { parseHeaderBlock, findHeader, type HeaderField } from './mime-scan.ts';
import { readTypedAddress } from './dsn.ts';

export type FeedbackFields = {
  feedbackType: string | null;
  /** Original-Rcpt-To and Removal-Recipient values (RFC 5965 3.2, RFC 6650). */
  recipients: string[];
  reportingMta: string | null;
  arrivalDate: string | null;
};

/** Parses the machine-readable part of an ARF report (RFC 5965 3.1–3.2). */
export function parseFeedbackReport(body: string): FeedbackFields {
  const fields = parseHeaderBlock(body.replace(/^\s+/, ''));
  const recipients: string[] = [];
  for (const { name, value } of fields) {
    if (name === 'original-rcpt-to' || name === 'removal-recipient') {
      const address = readTypedAddress(value);
      if (address && !recipients.some((known) => known.toLowerCase() === address.toLowerCase())) recipients.push(address);
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
export const JMRP_RECIPIENT_HEADER = 'x-hmxmroriginalrecipient';

/** Apple Mail's unsubscribe notice: the sender is the recipient who opts out. */
export function isUnsubscribeNotice(headers: HeaderField[]): boolean {
  return (findHeader(headers, 'x-apple-unsubscribe') ?? '').toLowerCase() === 'true';
}
