// An attachment over 10 MiB is kept inside the raw message; the signed /files/ link the ERP receives must still
// serve its exact bytes.
import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createFileLink } from '../../worker/deliver/file-links.ts';
import { MAX_ATTACHMENT_BYTES } from '../../worker/inbound/limits.ts';
import { buildMailWithAttachments, patternBytes } from '../generators/big-mail.ts';
import { deliverEmail, findInboundByMessageId, sha256Hex, uniqueMessageId } from '../worker/helpers.ts';

describe('signed download links', () => {
  it('serve an attachment of more than 10 MiB, kept inside the raw message', async () => {
    const messageId = uniqueMessageId('big-attachment');
    const content = patternBytes(MAX_ATTACHMENT_BYTES + 512 * 1024, 42);
    const raw = buildMailWithAttachments({
      messageId,
      attachments: [{ filename: 'survey.tif', contentType: 'image/tiff', content }],
    });
    expect((await deliverEmail(raw)).rejected).toBeNull();
    const [row] = await findInboundByMessageId(messageId);
    const attachment = await env.DB.prepare(
      'SELECT a.id, a.size_bytes FROM attachments a JOIN messages m ON m.id = a.message_id WHERE m.inbound_id = ?',
    )
      .bind(row!.id)
      .first<{ id: string; size_bytes: number }>();
    expect(attachment!.size_bytes).toBe(content.length);

    // The link exactly as a webhook payload carries it (worker/deliver/file-links.ts), signed with the test secret.
    const link = await createFileLink('https://mailgate.test', 'test-reply-token-secret', attachment!.id, Date.now());
    const response = await SELF.fetch(link);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="survey.tif"/);
    const served = new Uint8Array(await response.arrayBuffer());
    expect(served.length).toBe(content.length);
    // Compared by digest: a deep equality over 10 MiB is slower than the download itself.
    expect(await sha256Hex(served)).toBe(await sha256Hex(content));
  }, 60_000);
});
