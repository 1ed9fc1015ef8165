// One attachment as a download, for the API and the signed /files/ links alike: streamed from its own R2 object, or
// decoded out of the raw message when it was kept there (over the size limit, or past the per-message count), or out
// of the stored message of a send (mail sent through POST /api/send).
import type { Context } from 'hono';
import { extractAttachmentByReference } from '../inbound/parse.ts';
import { loadRawMessage } from '../ingress/raw-store.ts';
import { extractSentAttachment, SEND_PAYLOAD_PREFIX } from '../outgoing/email-message.ts';
import type { AttachmentRow } from '../store/threads.ts';
import type { AppEnv } from './context.ts';
import { notFound } from './errors.ts';

async function openAttachmentBody(
  bucket: R2Bucket,
  row: AttachmentRow,
): Promise<{ body: ReadableStream | Uint8Array<ArrayBuffer>; size: number } | null> {
  if (row.r2Key.includes('#attachment=')) {
    const bytes = row.r2Key.startsWith(SEND_PAYLOAD_PREFIX)
      ? await extractSentAttachment(bucket, row.r2Key)
      : await extractAttachmentByReference((key, range) => loadRawMessage(bucket, key, range), row.r2Key);
    return bytes ? { body: new Uint8Array(bytes), size: bytes.byteLength } : null;
  }
  const object = await bucket.get(row.r2Key);
  return object ? { body: object.body, size: object.size } : null;
}

export async function respondWithAttachment(c: Context<AppEnv>, row: AttachmentRow): Promise<Response> {
  const opened = await openAttachmentBody(c.var.services.bucket, row);
  if (!opened) throw notFound('attachment bytes');
  // Served as a download, never rendered inline: the content comes from a stranger's mail.
  const filename = (row.filename ?? 'attachment').replace(/["\\\r\n]/g, '_');
  return c.body(opened.body, 200, {
    'content-type': row.contentType,
    'content-length': String(opened.size),
    'content-disposition': `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
  });
}
