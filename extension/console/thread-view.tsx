// One thread: each message's sender, date and text; its HTML only inside the inert MessageFrame; attachments as
// downloads (fetched with the token, saved as opaque bytes: a mail's file is never opened in the console's origin).
import type { ApiClient } from '../gateway/api-client.ts';
import { formatBytes, formatMailbox, formatTime } from './format.ts';
import { MessageFrame } from './message-frame.tsx';
import { ActionNotice, LoadedView, StatusBadge } from './notices.tsx';
import { routeHref } from './route.ts';
import { useAction, useLoader } from './use-loader.ts';

type ThreadClient = Pick<ApiClient, 'getThread' | 'downloadAttachment' | 'origin'>;
type ThreadDetail = Awaited<ReturnType<ApiClient['getThread']>>;
type ThreadMessage = ThreadDetail['messages'][number];
type Attachment = ThreadMessage['attachments'][number];

/** Saves bytes under a file name without ever rendering them: the blob's type is opaque, the link downloads. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(new Blob([blob], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function authSummary(auth: ThreadMessage['auth']): string | null {
  if (!auth || typeof auth !== 'object') return null;
  const authenticated = (auth as { authenticated?: unknown }).authenticated;
  if (typeof authenticated !== 'boolean') return null;
  return authenticated ? 'authenticated' : 'not authenticated';
}

function AttachmentList({
  attachments,
  origin,
  onDownload,
}: {
  attachments: Attachment[];
  origin: string;
  onDownload: (attachment: Attachment) => void;
}) {
  return (
    <ul class="attachments" aria-label="Attachments">
      {attachments.map((attachment) => {
        const filename = attachment.filename ?? `attachment-${attachment.id}`;
        return (
          <li key={attachment.id}>
            <a
              href={`${origin}${attachment.url}`}
              download={filename}
              data-attachment={attachment.id}
              onClick={(event) => {
                // The API wants the bearer token, which a plain link cannot send.
                event.preventDefault();
                onDownload(attachment);
              }}
            >
              {filename}
            </a>{' '}
            <span class="muted">
              {attachment.contentType}, {formatBytes(attachment.size)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function MessageCard({
  message,
  origin,
  onDownload,
}: {
  message: ThreadMessage;
  origin: string;
  onDownload: (attachment: Attachment) => void;
}) {
  const sender = formatMailbox(message.from);
  const auth = authSummary(message.auth);
  return (
    <article class="card message" data-message={message.id} aria-label={`Message from ${sender}`}>
      <header class="message-header">
        <p class="message-from">
          <strong>{sender}</strong>{' '}
          {auth && <StatusBadge status={auth === 'authenticated' ? 'ok' : 'warn'} label={auth} />}
        </p>
        <p class="muted">
          {message.direction === 'outbound' ? 'sent' : 'received'} {formatTime(message.date ?? message.createdAt)}
          {message.to.length > 0 && <> · to {message.to.map((mailbox) => formatMailbox(mailbox)).join(', ')}</>}
        </p>
        {message.subject && <p class="message-subject">{message.subject}</p>}
      </header>
      {message.html ? (
        <>
          <MessageFrame html={message.html} title={`Message from ${sender}`} />
          {message.text && (
            <details>
              <summary>Plain text</summary>
              <pre class="mail-text">{message.text}</pre>
            </details>
          )}
        </>
      ) : (
        <pre class="mail-text">{message.text ?? '(no text)'}</pre>
      )}
      {message.inReplyTo && message.replyText && message.replyText.trim() !== message.text?.trim() && (
        <details>
          <summary>New text of this reply (quotes and signature removed)</summary>
          <pre class="mail-text">{message.replyText}</pre>
        </details>
      )}
      {message.attachments.length > 0 && (
        <AttachmentList attachments={message.attachments} origin={origin} onDownload={onDownload} />
      )}
    </article>
  );
}

export function ThreadView({
  client,
  threadId,
  save = saveBlob,
}: {
  client: ThreadClient;
  threadId: string;
  save?: typeof saveBlob;
}) {
  const [thread, reload] = useLoader(() => client.getThread(threadId), [client, threadId]);
  const [download, perform] = useAction();
  const onDownload = (attachment: Attachment) =>
    void perform(`download-${attachment.id}`, async () => {
      const filename = attachment.filename ?? `attachment-${attachment.id}`;
      save(await client.downloadAttachment(attachment.url), filename);
      return `Downloaded ${filename}.`;
    });
  return (
    <section aria-labelledby="thread-title">
      <p>
        <a href={routeHref({ view: 'threads' })}>← All threads</a>
      </p>
      <LoadedView state={thread} what="the thread" onRetry={reload}>
        {(data) => (
          <>
            <h2 id="thread-title">{data.subject || '(no subject)'}</h2>
            <p class="muted">
              {data.messageCount} message{data.messageCount === 1 ? '' : 's'}
              {data.record && (
                <>
                  {' '}
                  · ERP record <span class="mono">{`${data.record.model} #${data.record.id}`}</span>
                </>
              )}
              {data.followers.length > 0 && <> · followers {data.followers.join(', ')}</>}
            </p>
            <ActionNotice state={download} />
            {data.messages.map((message) => (
              <MessageCard key={message.id} message={message} origin={client.origin} onDownload={onDownload} />
            ))}
          </>
        )}
      </LoadedView>
    </section>
  );
}
