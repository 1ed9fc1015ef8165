// Big but legitimate mail (long threads, many attachments, wide DSNs and Cc lists, 25 MiB) and one parser bomb:
// pure builders shared by the adversarial tests and `npm run replay:corpora`. No runtime-specific imports.

export type BigMailOptions = {
  messageId: string;
  from?: string;
  to?: string;
  subject?: string;
  extraHeaders?: string[];
};

export type GeneratedAttachment = { filename: string; contentType: string; content: Uint8Array };

const CRLF = '\r\n';

/** RFC 2045 6.8: base64 in lines of at most 76 characters. */
export function toBase64Lines(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary).replace(/.{76}/g, `$&${CRLF}`);
}

/** Deterministic bytes of the given size (a recognisable pattern, so a wrong offset shows in a comparison). */
export function patternBytes(size: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(size);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

function headerSection(options: BigMailOptions, extra: string[]): string[] {
  return [
    `From: Ann Sender <${options.from ?? 'ann@sender.example'}>`,
    `To: ${options.to ?? 'inbox@example.com'}`,
    `Subject: ${options.subject ?? 'Generated message'}`,
    'Date: Sat, 21 Nov 2026 10:00:00 +0000',
    `Message-ID: <${options.messageId}>`,
    'MIME-Version: 1.0',
    ...(options.extraHeaders ?? []),
    ...extra,
  ];
}

/** RFC 5322 2.2.3: a long header field folded onto continuation lines that start with a space. */
function foldField(name: string, items: string[], separator: string): string {
  return `${name}: ${items.join(`${separator}${CRLF} `)}`;
}

export function buildPlainMail(options: BigMailOptions & { text?: string }): string {
  return [
    ...headerSection(options, ['Content-Type: text/plain; charset=utf-8']),
    '',
    options.text ?? 'Hello, this is a generated message.',
    '',
  ].join(CRLF);
}

/** A reply whose References lists `references` (oldest first, RFC 5322 3.6.4) and answers the last one. */
export function buildMailWithReferences(options: BigMailOptions & { references: string[] }): string {
  const last = options.references.at(-1);
  return buildPlainMail({
    ...options,
    subject: options.subject ?? 'Re: a long conversation',
    extraHeaders: [
      ...(options.extraHeaders ?? []),
      ...(last ? [`In-Reply-To: <${last}>`] : []),
      foldField(
        'References',
        options.references.map((id) => `<${id}>`),
        '',
      ),
    ],
    text: 'Agreed, see you then.',
  });
}

/** multipart/mixed with a text part and every attachment base64-encoded (RFC 2046 5.1.3). */
export function buildMailWithAttachments(
  options: BigMailOptions & { attachments: GeneratedAttachment[]; text?: string },
): string {
  const boundary = `gen-${options.messageId.replace(/[^A-Za-z0-9]/g, '')}`;
  const parts = options.attachments.flatMap((attachment) => [
    `--${boundary}`,
    `Content-Type: ${attachment.contentType}; name="${attachment.filename}"`,
    `Content-Disposition: attachment; filename="${attachment.filename}"`,
    'Content-Transfer-Encoding: base64',
    '',
    toBase64Lines(attachment.content),
  ]);
  return [
    ...headerSection(options, [`Content-Type: multipart/mixed; boundary="${boundary}"`]),
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    options.text ?? 'Please find the documents attached.',
    ...parts,
    `--${boundary}--`,
    '',
  ].join(CRLF);
}

/** `count` small attachments (`doc-1.txt` …), each with its own content. */
export function numberedAttachments(count: number, size = 64): GeneratedAttachment[] {
  return Array.from({ length: count }, (_, index) => ({
    filename: `doc-${index + 1}.txt`,
    contentType: 'text/plain',
    content: patternBytes(size, index + 1),
  }));
}

export type DsnRecipient = { address: string; status?: string; action?: string; diagnostic?: string };

/**
 * An RFC 3464 report (multipart/report; report-type=delivery-status) about `recipients` (each failed with 5.1.1
 * unless told otherwise), quoting the original headers (text/rfc822-headers), with its Message-ID when given.
 */
export function buildMultiRecipientDsn(
  options: BigMailOptions & {
    recipients: (string | DsnRecipient)[];
    originalMessageId?: string;
    originalSubject?: string;
  },
): string {
  const boundary = `dsn-${options.messageId.replace(/[^A-Za-z0-9]/g, '')}`;
  const recipients = options.recipients.map((entry) => (typeof entry === 'string' ? { address: entry } : entry));
  const perRecipient = recipients.flatMap((recipient) => [
    `Final-Recipient: rfc822; ${recipient.address}`,
    `Action: ${recipient.action ?? 'failed'}`,
    `Status: ${recipient.status ?? '5.1.1'}`,
    'Remote-MTA: dns; mailbox.remote.example',
    `Diagnostic-Code: smtp; ${recipient.diagnostic ?? `550 5.1.1 <${recipient.address}>: Recipient address rejected: User unknown`}`,
    '',
  ]);
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.remote.example>',
    `To: ${options.to ?? 'bounce@example.com'}`,
    'Subject: Undelivered Mail Returned to Sender',
    'Date: Sat, 21 Nov 2026 10:05:00 +0000',
    `Message-ID: <${options.messageId}>`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'I am sorry to have to inform you that your message could not be delivered.',
    '',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.remote.example',
    '',
    ...perRecipient,
    `--${boundary}`,
    'Content-Type: text/rfc822-headers',
    '',
    'From: Sales <sales@example.com>',
    `To: ${recipients[0]?.address ?? 'undisclosed-recipients:;'}`,
    `Subject: ${options.originalSubject ?? 'Your quotation'}`,
    ...(options.originalMessageId ? [`Message-ID: <${options.originalMessageId}>`] : []),
    '',
    `--${boundary}--`,
    '',
  ].join(CRLF);
}

/** A mail copied to `count` people (a company-wide announcement). */
export function buildMailWithCc(options: BigMailOptions & { count: number }): string {
  const cc = Array.from(
    { length: options.count },
    (_, index) => `Person ${index + 1} <person${index + 1}@staff.example>`,
  );
  return buildPlainMail({ ...options, extraHeaders: [...(options.extraHeaders ?? []), foldField('Cc', cc, ',')] });
}

/** A message of about `targetBytes` (never more): one binary attachment filling it, as a scanner or a video would. */
export function buildLargeMail(options: BigMailOptions & { targetBytes: number }): Uint8Array {
  const envelope = buildMailWithAttachments({ ...options, attachments: [] }).length + 512;
  // base64 grows 4/3, plus a CRLF every 76 characters.
  const payloadBytes = Math.floor(((options.targetBytes - envelope) * 3 * 76) / (4 * 78));
  const raw = buildMailWithAttachments({
    ...options,
    attachments: [
      { filename: 'scan.bin', contentType: 'application/octet-stream', content: patternBytes(payloadBytes, 7) },
    ],
  });
  return new TextEncoder().encode(raw);
}

/**
 * A parser bomb: one multipart/mixed of `parts` tiny attachments that name no Content-Type (RFC 2045 5.2 then makes
 * each text/plain), so that counting Content-Type lines sees a single part.
 */
export function buildPartBomb(options: BigMailOptions & { parts: number }): string {
  const boundary = 'bomb';
  const body: string[] = [];
  for (let i = 0; i < options.parts; i++) {
    body.push(`--${boundary}`, `Content-Disposition: attachment; filename="p${i}.txt"`, '', `part ${i}`);
  }
  return [
    ...headerSection(options, [`Content-Type: multipart/mixed; boundary="${boundary}"`]),
    '',
    ...body,
    `--${boundary}--`,
    '',
  ].join(CRLF);
}
