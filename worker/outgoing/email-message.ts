// The structured message handed to the `send_email` binding (Cloudflare Email Service's EmailMessageBuilder): the
// draft with the gateway's Reply-To and headers, attachments as base64 so that it can wait in R2 as JSON. That one
// object is also where the sent message's attachments are downloaded from: no second copy of each.
import { decodeBase64, encodeBase64 } from '../../shared/crypto/base64.ts';
import { parseAttachmentReference } from '../inbound/parse.ts';
import type { Mailbox, OutgoingDraft } from './draft.ts';

type NamedAddress = { email: string; name: string };

type Recipient = string | NamedAddress;
type StoredAttachment =
  | { content: string; filename: string; type: string; disposition: 'inline'; contentId: string }
  | { content: string; filename: string; type: string; disposition: 'attachment'; contentId?: undefined };

/** The binding's structured form (`EmailMessageBuilder`), JSON-safe: attachments are base64 strings. */
export type EmailServiceMessage = {
  from: Recipient;
  to: Recipient[];
  cc?: Recipient[];
  bcc?: Recipient[];
  replyTo?: Recipient;
  subject: string;
  text?: string;
  html?: string;
  headers?: Record<string, string>;
  attachments?: StoredAttachment[];
};

function toNamedAddress(mailbox: Mailbox): Recipient {
  return mailbox.name ? { email: mailbox.address, name: mailbox.name } : mailbox.address;
}

const addressesOf = (mailboxes: Mailbox[]) => mailboxes.map(toNamedAddress);

/** An inline part needs the id its HTML refers to; without one it can only travel as an attachment. */
function toStoredAttachment(attachment: OutgoingDraft['attachments'][number]): StoredAttachment {
  const base = { content: encodeBase64(attachment.content), filename: attachment.filename, type: attachment.type };
  return attachment.disposition === 'inline' && attachment.contentId
    ? { ...base, disposition: 'inline', contentId: attachment.contentId }
    : { ...base, disposition: 'attachment' };
}

export function recipientAddress(recipient: Recipient): string {
  return typeof recipient === 'string' ? recipient : recipient.email;
}

export function buildEmailServiceMessage(
  draft: OutgoingDraft,
  added: { replyTo: Mailbox; headers: Record<string, string> },
): EmailServiceMessage {
  const headers = { ...draft.headers, ...added.headers };
  return {
    from: toNamedAddress(draft.from),
    to: addressesOf(draft.to),
    ...(draft.cc.length > 0 ? { cc: addressesOf(draft.cc) } : {}),
    ...(draft.bcc.length > 0 ? { bcc: addressesOf(draft.bcc) } : {}),
    replyTo: toNamedAddress(added.replyTo),
    subject: draft.subject,
    ...(draft.text !== null ? { text: draft.text } : {}),
    ...(draft.html !== null ? { html: draft.html } : {}),
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(draft.attachments.length > 0 ? { attachments: draft.attachments.map(toStoredAttachment) } : {}),
  };
}

/** Keeps only the recipients still allowed (the outbox checks the suppression list again right before sending). */
export function withoutRecipients(message: EmailServiceMessage, removed: ReadonlySet<string>): EmailServiceMessage {
  const keep = (list: Recipient[] | undefined) =>
    (list ?? []).filter((recipient) => !removed.has(recipientAddress(recipient).toLowerCase()));
  const cc = keep(message.cc);
  const bcc = keep(message.bcc);
  const { cc: _cc, bcc: _bcc, ...rest } = message;
  return { ...rest, to: keep(message.to), ...(cc.length > 0 ? { cc } : {}), ...(bcc.length > 0 ? { bcc } : {}) };
}

/** The R2 prefix of the messages sends store. */
export const SEND_PAYLOAD_PREFIX = 'outgoing/';

/** Where a send's message waits for the outbox (one R2 put per send, whatever its attachments). */
export function sendPayloadKey(sendId: string): string {
  return `${SEND_PAYLOAD_PREFIX}${sendId}.json`;
}

/** An attachment of a sent message, decoded out of its stored message (`outgoing/snd_….json#attachment=N`). */
export async function extractSentAttachment(bucket: R2Bucket, referenceKey: string): Promise<Uint8Array | null> {
  const reference = parseAttachmentReference(referenceKey);
  if (!reference || !reference.key.startsWith(SEND_PAYLOAD_PREFIX)) return null;
  const object = await bucket.get(reference.key);
  const attachment = object ? (await object.json<EmailServiceMessage>()).attachments?.[reference.index] : undefined;
  return attachment ? decodeBase64(attachment.content) : null;
}

export function listMessageRecipients(message: EmailServiceMessage): string[] {
  return [...message.to, ...(message.cc ?? []), ...(message.bcc ?? [])].map(recipientAddress);
}
