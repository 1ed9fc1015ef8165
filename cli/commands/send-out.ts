// `mailgate send-out FILE.eml --url URL --token TOKEN`: hands a raw message to a gateway's `POST /api/send`, which
// sends it through Cloudflare Email Service as its From domain (suppressed recipients refused, replies threaded).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { CliCommand } from '../commands.ts';
import { EXIT_OK, EXIT_SOME_INPUT_FAILED, UsageError, errorMessage, printJsonLine } from '../io.ts';
import { DEFAULT_WORKER_URL } from './send.ts';

type SendAnswer = { messageId: string; threadId: string; refused: unknown[]; sendId: string; status: string };

export const command: CliCommand = {
  summary: 'Send an .eml file through a gateway (POST /api/send): one line {"messageId","threadId","refused":[...]}.',
  usage: 'mailgate send-out FILE.eml --url URL --token TOKEN [--idempotency-key KEY]',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { url: { type: 'string' }, token: { type: 'string' }, 'idempotency-key': { type: 'string' } },
    });
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UsageError('exactly one FILE.eml is needed');
    if (!values.token) throw new UsageError('--token TOKEN is required (a write token of the From domain)');
    let raw: Buffer;
    try {
      raw = await readFile(file);
    } catch (error) {
      printJsonLine({ file, error: `cannot read the file: ${errorMessage(error)}` });
      return EXIT_SOME_INPUT_FAILED;
    }
    // The file's bytes name the message: running the command again for the same file never sends it twice.
    const key = values['idempotency-key'] ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`;
    const endpoint = new URL('/api/send', values.url ?? DEFAULT_WORKER_URL);
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { authorization: `Bearer ${values.token}`, 'content-type': 'message/rfc822', 'idempotency-key': key },
        body: new Uint8Array(raw),
      });
    } catch (error) {
      printJsonLine({ file, error: `cannot reach ${endpoint.origin}: ${errorMessage(error)}` });
      return EXIT_SOME_INPUT_FAILED;
    }
    const answer = (await response.json().catch(() => null)) as
      | (SendAnswer & { error?: { message?: string }; refused?: unknown[] })
      | null;
    if (response.ok && answer) {
      printJsonLine({
        messageId: answer.messageId,
        threadId: answer.threadId,
        refused: answer.refused,
        sendId: answer.sendId,
        status: answer.status,
      });
      return EXIT_OK;
    }
    printJsonLine({
      file,
      status: response.status,
      error: answer?.error?.message ?? `the gateway answered ${response.status}`,
      ...(answer?.refused ? { refused: answer.refused } : {}),
    });
    return EXIT_SOME_INPUT_FAILED;
  },
};
