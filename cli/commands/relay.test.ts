// `mailgate relay` as an MTA runs it: a child process with the message on stdin, judged by its exit code.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../tests/fakes/local-server.ts';

const BIN = fileURLToPath(new URL('../../bin/mailgate.js', import.meta.url));
const MESSAGE =
  'From: ann@sender.example\r\nTo: sales@example.com\r\nSubject: hi\r\nMessage-ID: <a@b>\r\n\r\nHello\r\n';

type Seen = { url: string; headers: Record<string, string | string[] | undefined>; body: Buffer };

function runRelay(
  args: string[],
  stdin: string | Buffer,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'relay', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(status: number, body: unknown, headers: Record<string, string> = {}): Promise<Seen[]> {
  const seen: Seen[] = [];
  server = await startLocalServer((request, requestBody, response) => {
    seen.push({ url: request.url ?? '', headers: request.headers, body: requestBody });
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  });
  return seen;
}

const accepted = (recipient: string) => ({
  accepted: [
    { recipient, inboundId: 'inb_1', status: 'delivered', route: 'alias', duplicate: false, smtpReject: null },
  ],
  refused: [],
});

describe('mailgate relay', () => {
  it('sends stdin with its length, the token and the envelope, and exits 0 when accepted', async () => {
    const seen = await serve(202, accepted('sales@example.com'));
    const run = await runRelay(
      [
        '--url',
        server!.url,
        '--token',
        'tok',
        '--sender',
        'ann@sender.example',
        '--recipient',
        'sales@example.com',
        'other@example.com',
      ],
      MESSAGE,
    );
    expect(run).toMatchObject({ code: 0, stdout: '' });
    expect(seen).toHaveLength(1);
    const url = new URL(seen[0]!.url, server!.url);
    expect(url.pathname).toBe('/api/ingress/raw');
    expect(url.searchParams.get('sender')).toBe('ann@sender.example');
    expect(url.searchParams.getAll('recipient')).toEqual(['sales@example.com', 'other@example.com']);
    expect(seen[0]!.headers.authorization).toBe('Bearer tok');
    expect(seen[0]!.headers['content-length']).toBe(String(Buffer.byteLength(MESSAGE)));
    expect(seen[0]!.body.toString()).toBe(MESSAGE);
  });

  it('exits 67 with the 550 text on stderr when refused', async () => {
    const text = '5.1.1 <nobody@example.com>: no such recipient here.';
    await serve(422, { error: { code: 'refused', message: text }, accepted: [], refused: [] });
    const run = await runRelay(['--url', server!.url, '--token', 'tok', '--recipient', 'nobody@example.com'], MESSAGE);
    expect(run.code).toBe(67);
    expect(run.stderr.trim()).toBe(text);
  });

  it('exits 67 for a message over 25 MiB without sending it', async () => {
    const seen = await serve(202, accepted('sales@example.com'));
    const run = await runRelay(
      ['--url', server!.url, '--token', 'tok', '--recipient', 'sales@example.com'],
      Buffer.alloc(25 * 1024 * 1024 + 1, 0x61),
    );
    expect(run.code).toBe(67);
    expect(run.stderr).toMatch(/^5\.3\.4 /);
    expect(seen).toHaveLength(0);
  });

  it.each([
    [500, { error: { code: 'internal', message: 'internal error; the request may be retried' } }],
    [503, 'Service Unavailable'],
    [429, { error: { code: 'rate_limited', message: 'too many requests' } }],
    [401, { error: { code: 'invalid_token', message: 'the API token is unknown or revoked' } }],
    [403, { error: { code: 'forbidden', message: 'this token delivers only to example.com' } }],
  ])('exits 75 (the MTA retries) on HTTP %i', async (status, body) => {
    await serve(status, body);
    const run = await runRelay(['--url', server!.url, '--token', 'tok', '--recipient', 'sales@example.com'], MESSAGE);
    expect(run.code).toBe(75);
    expect(run.stderr).toMatch(/^4\.4\.1 /);
  });

  it('exits 75 when the worker is down', async () => {
    await serve(202, {});
    const url = server!.url;
    await server!.close();
    server = undefined;
    const run = await runRelay(['--url', url, '--token', 'tok', '--recipient', 'sales@example.com'], MESSAGE);
    expect(run.code).toBe(75);
    expect(run.stderr).toMatch(/unreachable: ECONNREFUSED/);
  });

  it('exits 75 when the worker does not answer in time', async () => {
    server = await startLocalServer(() => new Promise(() => {}));
    const run = await runRelay(
      ['--url', server.url, '--token', 'tok', '--recipient', 'sales@example.com', '--timeout', '1'],
      MESSAGE,
    );
    expect(run.code).toBe(75);
    expect(run.stderr).toMatch(/no answer within 1 s/);
  });

  it('exits 2 on bad usage', async () => {
    expect((await runRelay(['--token', 'tok', '--recipient', 'a@b.example'], MESSAGE)).code).toBe(2);
    expect((await runRelay(['--url', 'http://127.0.0.1:1', '--token', 'tok'], MESSAGE)).code).toBe(2);
    expect((await runRelay(['--url', 'http://127.0.0.1:1', '--recipient', 'a@b.example'], MESSAGE)).code).toBe(2);
  });
});
