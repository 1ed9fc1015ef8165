import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sendJson, startLocalServer, type LocalServer } from '../../tests/fakes/local-server.ts';
import { UsageError } from '../io.ts';
import { captureStdout } from '../testing/capture-output.ts';
import { command } from './send-out.ts';

const RAW =
  'From: sales@example.com\r\nTo: ann@customer.example\r\nSubject: Quote\r\nMessage-ID: <q1@example.com>\r\n\r\nHello\r\n';

function writeMessage(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'send-out-')), 'quote.eml');
  writeFileSync(file, RAW);
  return file;
}

let server: LocalServer | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
  server = undefined;
});

describe('mailgate send-out', () => {
  it('posts the file as message/rfc822 with the token and a key derived from its bytes, and prints one line', async () => {
    const seen: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
    server = await startLocalServer((request, body, response) => {
      seen.push({ headers: request.headers, body: body.toString('utf8') });
      expect(request.method).toBe('POST');
      expect(request.url).toBe('/api/send');
      sendJson(response, 202, {
        messageId: 'q1@example.com',
        threadId: 'thr_1',
        refused: [{ address: 'x@customer.example', reason: 'complaint', source: 'complaint' }],
        sendId: 'snd_1',
        status: 'queued',
        replyTo: 'r',
        droppedHeaders: [],
      });
    });
    const lines = captureStdout();
    const code = await command.run([writeMessage(), '--url', server.url, '--token', 'tok-1']);
    expect(code).toBe(0);
    expect(seen[0]!.body).toBe(RAW);
    expect(seen[0]!.headers['content-type']).toBe('message/rfc822');
    expect(seen[0]!.headers.authorization).toBe('Bearer tok-1');
    expect(seen[0]!.headers['idempotency-key']).toBe(`sha256:${createHash('sha256').update(RAW).digest('hex')}`);
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      {
        messageId: 'q1@example.com',
        threadId: 'thr_1',
        refused: [{ address: 'x@customer.example', reason: 'complaint', source: 'complaint' }],
        sendId: 'snd_1',
        status: 'queued',
      },
    ]);
  });

  it("prints the gateway's error and exits 1 when it refuses", async () => {
    server = await startLocalServer((_request, _body, response) =>
      sendJson(response, 422, {
        error: { code: 'all_recipients_refused', message: 'nothing sent' },
        refused: [{ address: 'ann@customer.example', reason: 'complaint', source: 'complaint' }],
      }),
    );
    const lines = captureStdout();
    const file = writeMessage();
    expect(await command.run([file, '--url', server.url, '--token', 't'])).toBe(1);
    expect(JSON.parse(lines[0]!)).toEqual({
      file,
      status: 422,
      error: 'nothing sent',
      refused: [{ address: 'ann@customer.example', reason: 'complaint', source: 'complaint' }],
    });
  });

  it('needs a file and a token', async () => {
    await expect(command.run(['--token', 't'])).rejects.toThrow(UsageError);
    await expect(command.run([writeMessage()])).rejects.toThrow(UsageError);
  });
});
