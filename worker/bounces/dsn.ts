// RFC 3464 delivery status fields: per-message and per-recipient groups of a message/delivery-status body.
import { parseFieldBlock } from './field-blocks.ts';

export type DsnRecipientFields = {
  finalRecipient: string | null;
  originalRecipient: string | null;
  action: string | null;
  status: string | null;
  remoteMta: string | null;
  diagnosticType: string | null;
  diagnostic: string | null;
  lastAttemptDate: string | null;
};

export type DsnFields = {
  reportingMta: string | null;
  arrivalDate: string | null;
  originalMessageId: string | null;
  recipients: DsnRecipientFields[];
};

/** Field names that only occur in delivery status bodies: their presence marks a text part as one. */
export const DSN_FIELD_PATTERN =
  /^(?:final-recipient|original-recipient|x-actual-recipient)\s*:.*\n(?:.*\n)*?(?:action|status|diagnostic-code)\s*:/im;

function createRecipientFields(): DsnRecipientFields {
  return {
    finalRecipient: null,
    originalRecipient: null,
    action: null,
    status: null,
    remoteMta: null,
    diagnosticType: null,
    diagnostic: null,
    lastAttemptDate: null,
  };
}

/** A group that already has its Action or Status is complete: a further recipient field starts the next group. */
function hasRecipientDetails(fields: DsnRecipientFields): boolean {
  return fields.action !== null || fields.status !== null || fields.diagnostic !== null;
}

/** `rfc822; user@example.com` → `user@example.com` (RFC 3464 2.3.2: address-type ";" generic-address). */
export function readTypedAddress(value: string): string | null {
  const semicolon = value.indexOf(';');
  const bare = (semicolon >= 0 ? value.slice(semicolon + 1) : value).trim();
  const bracketed = /<([^<>\s]+@[^<>\s]+)>/.exec(bare);
  // RFC 5321 4.1.2: a source route (`@relay:user@host`) precedes the mailbox; only the mailbox matters.
  // Stray angle brackets and quotes around an unbracketed address are punctuation, never part of the addr-spec.
  const candidate = (bracketed ? bracketed[1]! : (bare.split(/\s+/)[0] ?? ''))
    .replace(/^["'<]+|["',;.>]+$/g, '')
    .replace(/^<?@[^:]*:/, '');
  // A mailbox needs a local part and a dotted domain; `@relay` alone or `user@server` are MTA-internal names.
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(candidate) ? candidate : null;
}

/** `smtp; 550 5.1.1 …` → type `smtp` and text; a value without a type keeps its text whole. */
function readTypedText(value: string): { type: string | null; text: string } {
  const match = /^([A-Za-z][A-Za-z0-9-]*)\s*;\s*([\s\S]*)$/.exec(value);
  if (match) return { type: match[1]!.toUpperCase(), text: match[2]!.trim() };
  return { type: null, text: value.trim() };
}

/**
 * Parses the fields of a delivery status body. Groups are normally separated by blank lines (RFC 3464 2.1), but
 * real MTAs omit them, so a new recipient group also starts whenever a recipient field repeats.
 */
export function parseDeliveryStatus(body: string): DsnFields {
  const fields = parseFieldBlock(body);
  const result: DsnFields = { reportingMta: null, arrivalDate: null, originalMessageId: null, recipients: [] };
  let current: DsnRecipientFields | null = null;
  for (const { key: name, value } of fields) {
    switch (name) {
      case 'reporting-mta':
        result.reportingMta ??= readTypedText(value).text || null;
        break;
      case 'arrival-date':
        result.arrivalDate ??= value || null;
        break;
      case 'x-original-message-id':
        result.originalMessageId ??= value || null;
        break;
      case 'original-recipient':
        if (!current || current.originalRecipient || hasRecipientDetails(current)) {
          current = createRecipientFields();
          result.recipients.push(current);
        }
        current.originalRecipient = readTypedAddress(value);
        break;
      case 'final-recipient':
      case 'x-actual-recipient':
        if (name === 'x-actual-recipient' && current?.finalRecipient) break;
        if (!current || current.finalRecipient || hasRecipientDetails(current)) {
          current = createRecipientFields();
          result.recipients.push(current);
        }
        current.finalRecipient = readTypedAddress(value);
        break;
      default:
        if (!current) break;
        if (name === 'action') current.action ??= value.toLowerCase().split(/[\s(;]/)[0] || null;
        else if (name === 'status') current.status ??= value || null;
        else if (name === 'remote-mta') current.remoteMta ??= readTypedText(value).text || null;
        else if (name === 'last-attempt-date') current.lastAttemptDate ??= value || null;
        else if (name === 'diagnostic-code' && !current.diagnostic) {
          const { type, text } = readTypedText(value);
          current.diagnosticType = type;
          current.diagnostic = text || null;
        }
    }
  }
  return result;
}
