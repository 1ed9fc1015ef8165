// What the gateway is asked to send, whatever form it came in (structured JSON or raw MIME): one shape for the
// checks, the thread and the Email Service.
import { normalizeMessageId, parseMessageIdList } from '../../shared/mail/address.ts';
import type { MailboxInput, SendMailInput } from '../../shared/api/send.ts';
import { decodeBase64 } from '../../shared/crypto/base64.ts';

export type Mailbox = { address: string; name?: string };

export type DraftAttachment = {
  filename: string;
  type: string;
  disposition: 'attachment' | 'inline';
  contentId?: string;
  content: Uint8Array;
};

export type OutgoingDraft = {
  from: Mailbox;
  to: Mailbox[];
  cc: Mailbox[];
  bcc: Mailbox[];
  subject: string;
  text: string | null;
  html: string | null;
  /** The caller's own Reply-To; null: replies go to the thread's signed catchall address. */
  replyTo: Mailbox | null;
  /** Custom headers to hand over (the Email Service's allowlist or `X-`), threading headers apart. */
  headers: Record<string, string>;
  attachments: DraftAttachment[];
  /** A Message-ID the caller already gave (a raw message's); else mailgate mints one. */
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  /** Header fields of a raw message left out because the Email Service would refuse them. */
  droppedHeaders: string[];
};

/** Threading is the gateway's business (it knows the thread): these two are read out of the caller's headers. */
const THREADING_HEADERS = new Set(['in-reply-to', 'references']);

export function toMailbox(input: MailboxInput): Mailbox {
  return typeof input === 'string'
    ? { address: input }
    : input.name
      ? { address: input.address, name: input.name }
      : { address: input.address };
}

/** The same address once, first occurrence kept (case-insensitive), across To, Cc and Bcc in that order. */
export function dedupeRecipients(
  draft: Pick<OutgoingDraft, 'to' | 'cc' | 'bcc'>,
): Pick<OutgoingDraft, 'to' | 'cc' | 'bcc'> {
  const seen = new Set<string>();
  const keep = (list: Mailbox[]) =>
    list.filter((mailbox) => {
      const key = mailbox.address.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return { to: keep(draft.to), cc: keep(draft.cc), bcc: keep(draft.bcc) };
}

export function listRecipients(draft: Pick<OutgoingDraft, 'to' | 'cc' | 'bcc'>): Mailbox[] {
  return [...draft.to, ...draft.cc, ...draft.bcc];
}

export function draftFromJson(input: SendMailInput): OutgoingDraft {
  const headers: Record<string, string> = {};
  let inReplyTo: string | null = null;
  let references: string[] = [];
  for (const [name, value] of Object.entries(input.headers)) {
    const key = name.toLowerCase();
    if (key === 'in-reply-to') inReplyTo = normalizeMessageId(value);
    else if (key === 'references') references = parseMessageIdList(value);
    if (!THREADING_HEADERS.has(key)) headers[name] = value;
  }
  return {
    from: toMailbox(input.from),
    ...dedupeRecipients({ to: input.to.map(toMailbox), cc: input.cc.map(toMailbox), bcc: input.bcc.map(toMailbox) }),
    subject: input.subject,
    text: input.text ?? null,
    html: input.html ?? null,
    replyTo: input.replyTo ? toMailbox(input.replyTo) : null,
    headers,
    attachments: input.attachments.map((attachment) => ({
      filename: attachment.filename,
      type: attachment.type,
      disposition: attachment.disposition,
      ...(attachment.contentId ? { contentId: attachment.contentId } : {}),
      content: decodeBase64(attachment.content.replace(/[\r\n]/g, '')),
    })),
    messageId: null,
    inReplyTo,
    references,
    droppedHeaders: [],
  };
}

/** A plain-text message the gateway writes itself: no copies, attachments, custom headers or thread to follow. */
export function buildPlainTextDraft(parts: {
  from: Mailbox;
  to: Mailbox[];
  subject: string;
  text: string;
}): OutgoingDraft {
  return {
    ...parts,
    cc: [],
    bcc: [],
    html: null,
    replyTo: null,
    headers: {},
    attachments: [],
    messageId: null,
    inReplyTo: null,
    references: [],
    droppedHeaders: [],
  };
}
