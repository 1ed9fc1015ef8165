// Test helpers: build messages, hand them to the worker's email() as Email Routing would, call the API.
import { createExecutionContext, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../worker/index.ts';
import { buildMultiRecipientDsn, toBase64Lines } from '../generators/big-mail.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

/** New mail goes to the seeded `inbox@` alias (action `thread`); replies go to `catchall@`. */
export const envelopeDefaultTo = 'inbox@example.com';

export type TestMail = {
  from?: string;
  to?: string;
  subject?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  text?: string;
  extraHeaders?: string[];
  attachment?: { filename: string; contentType: string; content: Uint8Array };
};

let counter = 0;
/** A unique Message-ID per call, so tests sharing one database never collide. */
export function uniqueMessageId(label = 'test'): string {
  counter += 1;
  return `${label}.${Date.now().toString(36)}.${counter}.${crypto.randomUUID().slice(0, 8)}@sender.example`;
}

/** Builds an RFC 5322 message with CRLF line endings. */
export function buildMail(mail: TestMail): string {
  const headers = [
    `From: Ann Sender <${mail.from ?? 'ann@sender.example'}>`,
    `To: ${mail.to ?? envelopeDefaultTo}`,
    `Subject: ${mail.subject ?? 'Quote request'}`,
    `Date: Sat, 21 Nov 2026 10:00:00 +0000`,
    `Message-ID: <${mail.messageId ?? uniqueMessageId()}>`,
    ...(mail.inReplyTo ? [`In-Reply-To: <${mail.inReplyTo}>`] : []),
    ...(mail.references ? [`References: ${mail.references.map((id) => `<${id}>`).join(' ')}`] : []),
    'MIME-Version: 1.0',
    ...(mail.extraHeaders ?? []),
  ];
  const text = mail.text ?? 'Hello, could you send me a quote?';
  if (!mail.attachment) {
    return [...headers, 'Content-Type: text/plain; charset=utf-8', '', text, ''].join('\r\n');
  }
  const boundary = `b-${crypto.randomUUID()}`;
  return [
    ...headers,
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
    `--${boundary}`,
    `Content-Type: ${mail.attachment.contentType}; name="${mail.attachment.filename}"`,
    `Content-Disposition: attachment; filename="${mail.attachment.filename}"`,
    'Content-Transfer-Encoding: base64',
    '',
    toBase64Lines(mail.attachment.content),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/**
 * An RFC 3464 report (multipart/report; report-type=delivery-status) for one recipient, optionally quoting the
 * original headers (text/rfc822-headers) with their Message-ID.
 */
export function buildDsn(input: {
  recipient: string;
  status: string;
  diagnostic: string;
  action?: string;
  /** The report's own address; the bounce mailbox by default. */
  to?: string;
  messageId?: string;
  originalMessageId?: string;
}): string {
  return buildMultiRecipientDsn({
    messageId: input.messageId ?? uniqueMessageId('dsn'),
    ...(input.to ? { to: input.to } : {}),
    recipients: [
      {
        address: input.recipient,
        status: input.status,
        diagnostic: input.diagnostic,
        ...(input.action ? { action: input.action } : {}),
      },
    ],
    ...(input.originalMessageId ? { originalMessageId: input.originalMessageId } : {}),
  });
}

/** An RFC 5965 abuse report (multipart/report; report-type=feedback-report) about one message to `complainant`. */
export function buildArf(input: { complainant: string; originalMessageId: string; to?: string; messageId?: string }) {
  const boundary = `arf-${crypto.randomUUID()}`;
  return [
    'From: feedback@fbl.remote.example',
    `To: ${input.to ?? 'bounce@example.com'}`,
    'Subject: Complaint about message from example.com',
    `Message-ID: <${input.messageId ?? uniqueMessageId('arf')}>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=feedback-report; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain',
    '',
    'This is an email abuse report.',
    '',
    `--${boundary}`,
    'Content-Type: message/feedback-report',
    '',
    'Feedback-Type: abuse',
    'User-Agent: FBL/1.0',
    'Version: 1',
    `Original-Rcpt-To: ${input.complainant}`,
    '',
    `--${boundary}`,
    'Content-Type: text/rfc822-headers',
    '',
    'From: sales@example.com',
    `To: ${input.complainant}`,
    `Message-ID: <${input.originalMessageId}>`,
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/**
 * The test zone publishes `authentic.example` with SPF `ip4:192.0.2.77 -all` and a DMARC record: mail from that
 * domain, received by Cloudflare's MX from this address, passes DMARC (aligned SPF).
 */
export const AUTHENTIC_SENDER_IP = '192.0.2.77';

/** Cloudflare's MX writes the topmost Received header with the connecting client's address (what SPF checks). */
export function prependCloudflareReceived(raw: string, clientIp: string): string {
  return `Received: from mail.sender.example (${clientIp}) by mx.cloudflare.net (unknown) id 7Yq2 for <inbox@example.com>; Sat, 21 Nov 2026 10:00:01 +0000\r\n${raw}`;
}

export type Forwarded = { to: string; headers: Record<string, string> };
export type DeliveryResult = { rejected: string | null; forwardedTo: string | null; forwards: Forwarded[] };

/** Calls the worker's email() with a message shaped like Email Routing's ForwardableEmailMessage. */
export async function deliverEmail(
  raw: string | Uint8Array,
  envelope: { from?: string; to?: string } = {},
  options: { failForwardTo?: string; env?: Cloudflare.Env } = {},
): Promise<DeliveryResult> {
  const bytes = typeof raw === 'string' ? new TextEncoder().encode(raw) : raw;
  let rejected: string | null = null;
  const forwards: Forwarded[] = [];
  const message = {
    from: envelope.from ?? 'ann@sender.example',
    to: envelope.to ?? envelopeDefaultTo,
    headers: new Headers(),
    rawSize: bytes.byteLength,
    raw: new Blob([new Uint8Array(bytes)]).stream(),
    setReject(reason: string) {
      rejected = reason;
    },
    // As Cloudflare's: a destination it cannot reach makes forward() reject.
    forward: async (to: string, headers?: Headers) => {
      if (to === options.failForwardTo) throw new Error(`destination address not verified: ${to}`);
      const fields: Record<string, string> = {};
      headers?.forEach((value, name) => (fields[name] = value));
      forwards.push({ to, headers: fields });
      return { messageId: 'forwarded@test' };
    },
    reply: async () => ({ messageId: 'replied@test' }),
  } as unknown as ForwardableEmailMessage;
  const ctx = createExecutionContext();
  await worker.email(message, options.env ?? env, ctx);
  await waitOnExecutionContext(ctx);
  return { rejected, forwardedTo: forwards[0]?.to ?? null, forwards };
}

export async function api(path: string, init: RequestInit & { token?: string | null } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const token = init.token === undefined ? ADMIN_TOKEN : init.token;
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
  return SELF.fetch(`https://mailgate.test${path}`, { ...init, headers });
}

export async function apiJson<T = any>(path: string, init?: RequestInit & { token?: string | null }): Promise<T> {
  const response = await api(path, init);
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${path} → ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}

/** The newest inbound row for a Message-ID (tests give every message a unique one). */
export async function findInboundByMessageId(messageId: string) {
  return env.DB.prepare('SELECT * FROM inbound_emails WHERE message_id = ? ORDER BY id DESC')
    .bind(messageId)
    .all<Record<string, any>>()
    .then((result) => result.results);
}

export async function sha256Hex(bytes: string | Uint8Array): Promise<string> {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : new Uint8Array(bytes);
  const digest = await crypto.subtle.digest('SHA-256', data);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The inbound rows stored for these exact bytes (also before they are parsed, when no Message-ID is known yet). */
export async function findInboundByRaw(raw: string | Uint8Array) {
  return env.DB.prepare('SELECT * FROM inbound_emails WHERE checksum = ? ORDER BY id DESC')
    .bind(await sha256Hex(raw))
    .all<Record<string, any>>()
    .then((result) => result.results);
}
