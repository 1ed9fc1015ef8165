// Amazon SES notifications delivered by email (SNS email subscriptions): JSON bodies, bare or wrapped by SNS.
import type { MailClassification } from '../../shared/api/bounces.ts';
import { asRecord, parseJsonBody } from './json-events.ts';
import type { MessageView } from './message-view.ts';
import { buildFeedback, buildRecipient } from './recipient.ts';

export type SesRecipient = { address: string; action: string | null; status: string | null; diagnostic: string | null };

export type SesNotification = {
  type: 'Bounce' | 'Complaint' | 'Delivery';
  recipients: SesRecipient[];
  bounceType: string | null;
  feedbackType: string | null;
  reportingMta: string | null;
  messageId: string | null;
};

type JsonRecord = Record<string, unknown>;

function asString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Reads an SES notification from a text body, or null when the body is not one. */
export function parseSesNotification(body: string): SesNotification | null {
  if (!body.includes('notificationType')) return null;
  let root = parseJsonBody(body);
  // SNS wraps the SES JSON as a string in its own envelope's "Message".
  const wrapped = asString(root?.Message);
  if (root && !root.notificationType && wrapped) root = parseJsonBody(wrapped);
  const type = asString(root?.notificationType) ?? asString(root?.eventType);
  if (!root || (type !== 'Bounce' && type !== 'Complaint' && type !== 'Delivery')) return null;
  const mail = asRecord(root.mail);
  const messageId = findOriginalMessageId(mail);
  if (type === 'Bounce') {
    const bounce = asRecord(root.bounce);
    const list = Array.isArray(bounce?.bouncedRecipients) ? bounce.bouncedRecipients : [];
    const recipients = list.flatMap((item): SesRecipient[] => {
      const entry = asRecord(item);
      const address = asString(entry?.emailAddress);
      if (!entry || !address) return [];
      return [
        {
          address,
          action: asString(entry.action),
          status: asString(entry.status),
          diagnostic: asString(entry.diagnosticCode),
        },
      ];
    });
    return {
      type,
      recipients,
      bounceType: asString(bounce?.bounceType),
      feedbackType: null,
      reportingMta: asString(bounce?.reportingMTA)?.replace(/^dns;\s*|^dsn;\s*/i, '') ?? null,
      messageId,
    };
  }
  if (type === 'Complaint') {
    const complaint = asRecord(root.complaint);
    const list = Array.isArray(complaint?.complainedRecipients) ? complaint.complainedRecipients : [];
    const recipients = list.flatMap((item): SesRecipient[] => {
      const address = asString(asRecord(item)?.emailAddress);
      return address ? [{ address, action: null, status: null, diagnostic: null }] : [];
    });
    return {
      type,
      recipients,
      bounceType: null,
      feedbackType: asString(complaint?.complaintFeedbackType) ?? 'abuse',
      reportingMta: null,
      messageId,
    };
  }
  const delivery = asRecord(root.delivery);
  const list = Array.isArray(delivery?.recipients)
    ? delivery.recipients
    : Array.isArray(mail?.destination)
      ? mail.destination
      : [];
  const recipients = list.flatMap((item): SesRecipient[] => {
    const address = asString(item);
    return address
      ? [{ address, action: 'delivered', status: '2.0.0', diagnostic: asString(delivery?.smtpResponse) }]
      : [];
  });
  return {
    type,
    recipients,
    bounceType: null,
    feedbackType: null,
    reportingMta: asString(delivery?.reportingMTA),
    messageId,
  };
}

/** The Message-ID header of the sent mail when SES quotes it, else SES's own message id. */
function findOriginalMessageId(mail: JsonRecord | null): string | null {
  const headers = Array.isArray(mail?.headers) ? mail.headers : [];
  for (const item of headers) {
    const header = asRecord(item);
    if (asString(header?.name)?.toLowerCase() === 'message-id') {
      const value = asString(header?.value);
      if (value) return value.replace(/^\s*<|>\s*$/g, '');
    }
  }
  const common = asRecord(mail?.commonHeaders);
  const commonId = asString(common?.messageId);
  if (commonId) return commonId.replace(/^\s*<|>\s*$/g, '');
  return asString(mail?.messageId);
}

/** The classification of an SES notification mail, or null when the message is not one. */
export function classifySesNotification(view: MessageView): MailClassification | null {
  const textPart = view.leaves.find(
    (part) => part.contentType === 'text/plain' || part.contentType === 'application/json',
  );
  if (!textPart) return null;
  const notification = parseSesNotification(textPart.text);
  if (!notification) return null;
  if (notification.type === 'Complaint') {
    const result = buildFeedback(
      notification.recipients.map((r) => r.address),
      notification.feedbackType ?? 'abuse',
      null,
      null,
      null,
    );
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
  return {
    kind: 'bounce',
    recipients,
    originalMessageId: notification.messageId,
    reportingMta: notification.reportingMta,
  };
}
