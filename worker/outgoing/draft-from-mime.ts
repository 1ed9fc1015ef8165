// A raw message (`Content-Type: message/rfc822`, `mailgate send-out FILE.eml`) read into the draft the gateway sends:
// addresses, subject, bodies and attachments from postal-mime; the Message-ID kept; threading headers kept apart;
// headers the Email Service sets itself skipped, and those it would refuse left out and listed.
import PostalMime, { type Email } from 'postal-mime';
import { normalizeMessageId, parseMessageIdList } from '../../shared/mail/address.ts';
import { MAX_MIME_PARTS } from '../inbound/limits.ts';
import { countMimeParts } from '../inbound/mime-parts.ts';
import { flattenAddresses, POSTAL_MIME_OPTIONS } from '../inbound/parse.ts';
import { dedupeRecipients, type DraftAttachment, type OutgoingDraft } from './draft.ts';
import { classifyHeader, describeHeaderProblem } from './email-service-rules.ts';

/** A raw message that cannot become a send: the caller gets a 400 naming what is missing. */
export class UnsendableMessageError extends Error {
  override name = 'UnsendableMessageError';
}

function toBytes(content: ArrayBuffer | Uint8Array | string): Uint8Array {
  if (typeof content === 'string') return new TextEncoder().encode(content);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

function readAttachments(email: Email): DraftAttachment[] {
  return email.attachments.map((attachment, index) => ({
    filename: attachment.filename || `attachment-${index + 1}`,
    type: attachment.mimeType || 'application/octet-stream',
    disposition: attachment.disposition === 'inline' ? 'inline' : 'attachment',
    ...(attachment.contentId ? { contentId: normalizeMessageId(attachment.contentId) ?? attachment.contentId } : {}),
    content: toBytes(attachment.content),
  }));
}

/** Custom headers kept (first of each name), and the names left out, each once. */
function sortHeaders(fields: { key: string; originalKey?: string; value: string }[]): {
  kept: Record<string, string>;
  dropped: string[];
} {
  const kept: Record<string, string> = {};
  const keptKeys = new Set<string>();
  const dropped = new Set<string>();
  for (const field of fields) {
    const name = field.originalKey ?? field.key;
    const kind = classifyHeader(name);
    // Set by the Email Service or carried by the message's own fields: nothing is lost by not copying them.
    if (kind === 'platform' || kind === 'api-field' || field.key === 'in-reply-to' || field.key === 'references')
      continue;
    if (keptKeys.has(field.key) || describeHeaderProblem(name, field.value) !== null) {
      dropped.add(name);
      continue;
    }
    keptKeys.add(field.key);
    kept[name] = field.value;
  }
  return { kept, dropped: [...dropped] };
}

export async function draftFromMime(raw: Uint8Array): Promise<OutgoingDraft> {
  // A parser bomb is refused before it is parsed, as on the way in.
  const parts = countMimeParts(raw);
  if (parts > MAX_MIME_PARTS)
    throw new UnsendableMessageError(`the message has ${parts} MIME parts, more than the limit of ${MAX_MIME_PARTS}`);
  let email: Email;
  try {
    email = await PostalMime.parse(raw, POSTAL_MIME_OPTIONS);
  } catch (error) {
    throw new UnsendableMessageError(`the message could not be read as MIME: ${(error as Error).message}`);
  }
  const from = flattenAddresses(email.from ? [email.from] : [])[0];
  if (!from) throw new UnsendableMessageError('from: the message has no From address');
  const recipients = dedupeRecipients({
    to: flattenAddresses(email.to),
    cc: flattenAddresses(email.cc),
    bcc: flattenAddresses(email.bcc),
  });
  if (recipients.to.length === 0)
    throw new UnsendableMessageError('to: the message has no To recipient (the Email Service needs one)');
  if (!email.subject) throw new UnsendableMessageError('subject: the message has no Subject');
  if (email.text === undefined && email.html === undefined)
    throw new UnsendableMessageError('text: the message has no text or HTML body');
  const { kept, dropped } = sortHeaders(email.headers);
  return {
    from,
    ...recipients,
    subject: email.subject,
    text: email.text ?? null,
    html: email.html ?? null,
    replyTo: flattenAddresses(email.replyTo)[0] ?? null,
    headers: kept,
    attachments: readAttachments(email),
    messageId: normalizeMessageId(email.messageId),
    inReplyTo: parseMessageIdList(email.inReplyTo)[0] ?? null,
    references: parseMessageIdList(email.references),
    droppedHeaders: dropped,
  };
}
