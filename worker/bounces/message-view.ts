// The view of one parsed message that every bounce extractor reads: postal-mime's body and parts, top headers, envelope.
import { findHeader, type HeaderField } from '../inbound/header-fields.ts';
import { parseContentType, readMessageBody, readPartText } from './field-blocks.ts';

export type Envelope = { from?: string; to?: string };

/**
 * What the classifier reads of a parsed message: the pipeline's `ParsedMail` (postal-mime's result, parsed once)
 * fits it as it is. Reports arrive as attachments: postal-mime keeps message/delivery-status,
 * message/feedback-report, text/rfc822-headers and (with `forceRfc822Attachments`) message/rfc822 out of the body.
 */
export type ClassifiableMail = {
  headers: readonly HeaderField[];
  subject: string | null;
  /** The plain text body (postal-mime joins the inline text parts); the HTML body when there is no plain one. */
  text: string | null;
  html: string | null;
  attachments: readonly { contentType: string; disposition: string | null; content: Uint8Array }[];
};

/** One part as the extractors read it: its type and its text, decoded on first read. */
export type MessagePart = { readonly contentType: string; readonly text: string };

/** Context every extractor needs, computed once per message. */
export type MessageView = {
  /** The body first (plain text, then HTML), then every attachment in document order. */
  leaves: MessagePart[];
  headers: readonly HeaderField[];
  /** The top Content-Type's `report-type` parameter, lower-cased (RFC 6522 3), or ''. */
  reportType: string;
  subject: string;
  from: string | null;
  envelope: Envelope;
};

function createBodyPart(contentType: string, text: string): MessagePart {
  return { contentType, text: text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text };
}

/** An attachment's text is only decoded when an extractor reads it: most never are. */
function createAttachmentPart(contentType: string, content: Uint8Array, charset?: string): MessagePart {
  let text: string | null = null;
  return {
    contentType,
    get text() {
      text ??= readPartText(content, charset);
      return text;
    },
  };
}

/**
 * A text part postal-mime did not take for body text because it could not read its Content-Type (a parameter folded
 * in without its ";", as some report generators write it): it is the report's own explanation, read before the body.
 */
function isUnreadableTextPart(attachment: ClassifiableMail['attachments'][number], type: string): boolean {
  return attachment.disposition === null && type !== attachment.contentType && /^text\/(?:plain|html)$/.test(type);
}

/** The view the extractors share, from a parsed message and its raw bytes. */
export function createMessageView(mail: ClassifiableMail, raw: Uint8Array, envelope: Envelope): MessageView {
  const unreadableText: MessagePart[] = [];
  const attachments: MessagePart[] = [];
  for (const attachment of mail.attachments) {
    const { type, params } = parseContentType(attachment.contentType);
    const part = createAttachmentPart(type, attachment.content, params.charset);
    (isUnreadableTextPart(attachment, type) ? unreadableText : attachments).push(part);
  }
  const leaves = [...unreadableText];
  if (mail.text) leaves.push(createBodyPart('text/plain', mail.text));
  if (mail.html) leaves.push(createBodyPart('text/html', mail.html));
  leaves.push(...attachments);
  const { type, params } = parseContentType(findHeader(mail.headers, 'content-type'));
  // A multipart whose boundary never occurs has no part: its body is still readable text (a mangled report).
  if (leaves.length === 0 && type.startsWith('multipart/')) leaves.push(createBodyPart(type, readMessageBody(raw)));
  return {
    leaves,
    headers: mail.headers,
    reportType: (params['report-type'] ?? '').toLowerCase(),
    subject: mail.subject ?? '',
    from: findHeader(mail.headers, 'from'),
    envelope,
  };
}
