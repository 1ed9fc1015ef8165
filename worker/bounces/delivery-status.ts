// Bounces with a delivery status report (RFC 3464): recipients from its fields, reasons from the prose beside it.
import type { AffectedRecipient, MailClassification } from '../../shared/api/bounces.ts';
import { DSN_FIELD_PATTERN, parseDeliveryStatus, type DsnFields } from './dsn.ts';
import type { MessagePart, MessageView } from './message-view.ts';
import { findOriginalHeaders } from './original.ts';
import { classifyProseBounce } from './prose-bounce.ts';
import { buildRecipient } from './recipient.ts';
import { findMention, normalizeId, readProse, summarizeProse } from './report-text.ts';
import { findProseRecipients, readProsePermanence } from './text-bounce.ts';

const DELIVERY_STATUS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);

export function classifyDeliveryStatus(
  view: MessageView,
  nested: MailClassification | null,
): MailClassification | null {
  const { leaves } = view;
  let dsn: DsnFields | null = null;
  let statusPart: MessagePart | undefined = leaves.find((part) => DELIVERY_STATUS_TYPES.has(part.contentType));
  if (statusPart) dsn = parseDeliveryStatus(statusPart.text);
  if (!dsn || dsn.recipients.length === 0) {
    // Some MTAs send the status fields as text/plain, or inline in a single-part body.
    for (const part of leaves) {
      // A multipart leaf is one whose boundary never occurs (a mangled report): its body is still readable text.
      const readable = part.contentType.startsWith('text/') || part.contentType.startsWith('multipart/');
      if (!readable || part === statusPart) continue;
      const body = part.text;
      if (!DSN_FIELD_PATTERN.test(body)) continue;
      const candidate = parseDeliveryStatus(extractFieldBlock(body));
      if (candidate.recipients.length > 0) {
        dsn = candidate;
        statusPart = part;
        break;
      }
    }
  }
  const isReport = view.reportType === 'delivery-status';
  if (!dsn || dsn.recipients.length === 0) {
    return isReport ? classifyProseBounce(view, nested, true) : null;
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
  if (recipients.length === 0) return classifyProseBounce(view, nested, true);
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
