// `mailgate relay`: a Postfix pipe(8) / Exim pipe transport that hands stdin to the worker's relay ingress.
import { createReadStream, createWriteStream, fstatSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { MAX_MESSAGE_BYTES } from '../../worker/inbound/limits.ts';
import type { CliCommand } from '../commands.ts';
import { buildIngressUrl, postRawMessage, type IngressVerdict } from '../ingress-client.ts';
import { EXIT_OK, UsageError, errorMessage, printHuman } from '../io.ts';

/** sysexits.h, as Postfix's pipe(8) and Exim read them: 75 keeps the mail queued for a retry, 67 bounces it. */
export const EX_NOUSER = 67;
export const EX_TEMPFAIL = 75;
const DEFAULT_TIMEOUT_SECONDS = 120;

/** The message on stdin with its size: a regular file as it is, a pipe spooled to a temporary file first. */
async function openStdin(): Promise<{ open: () => Readable; sizeBytes: number; cleanup: () => Promise<void> }> {
  const stdinStat = fstatSync(0);
  if (stdinStat.isFile()) {
    return {
      open: () => createReadStream('', { fd: 0, autoClose: false, start: 0 }),
      sizeBytes: stdinStat.size,
      cleanup: async () => {},
    };
  }
  // R2 needs the length before the first byte: spooling (as an MTA's queue does) keeps memory flat for 25 MiB.
  const dir = await mkdtemp(join(tmpdir(), 'mailgate-relay-'));
  const file = join(dir, 'message.eml');
  await pipeline(process.stdin, createWriteStream(file, { mode: 0o600 }));
  const { size } = await stat(file);
  return {
    open: () => createReadStream(file),
    sizeBytes: size,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

async function readToken(values: { token?: string; 'token-file'?: string }): Promise<string> {
  if (values['token-file']) return (await readFile(values['token-file'], 'utf8')).trim();
  const token = values.token ?? process.env.MAILGATE_TOKEN;
  if (!token) throw new UsageError('--token TOKEN, --token-file FILE or MAILGATE_TOKEN is required');
  return token;
}

/**
 * What the MTA hears. The text goes to stderr: pipe(8) puts it into its log and its bounce, and a leading enhanced
 * status code (5.1.1, 4.4.1) takes precedence over the exit code there.
 */
export function exitCodeFor(verdict: IngressVerdict): { code: number; message: string | null } {
  if (verdict.kind === 'accepted') {
    const refused = verdict.result.refused.map((item) => `${item.recipient}: ${item.smtpReject}`);
    // Some recipients accepted, some refused: the accepted copies are stored, so the mail is not retried (README:
    // a recipient limit of 1 gives each recipient its own answer).
    return {
      code: EXIT_OK,
      message: refused.length ? `accepted for some recipients; refused: ${refused.join('; ')}` : null,
    };
  }
  if (verdict.kind === 'refused') {
    const text = /^5\.\d{1,3}\.\d{1,3}\s/.test(verdict.message) ? verdict.message : `5.7.1 ${verdict.message}`;
    return { code: EX_NOUSER, message: text };
  }
  return {
    code: EX_TEMPFAIL,
    message: `4.4.1 mailgate relay ingress: ${verdict.message}${verdict.status ? ` (HTTP ${verdict.status})` : ''}`,
  };
}

async function relayStdin(options: { url: URL; token: string; timeoutMs: number }): Promise<number> {
  const input = await openStdin();
  try {
    if (input.sizeBytes > MAX_MESSAGE_BYTES) {
      printHuman(`5.3.4 message too big: ${input.sizeBytes} bytes, the gateway takes at most ${MAX_MESSAGE_BYTES}`);
      return EX_NOUSER;
    }
    const verdict = await postRawMessage({ ...options, body: input.open(), sizeBytes: input.sizeBytes });
    const { code, message } = exitCodeFor(verdict);
    if (message) printHuman(message);
    return code;
  } finally {
    await input.cleanup();
  }
}

export const command: CliCommand = {
  summary:
    'Hand a raw message on stdin to the worker (a Postfix/Exim pipe transport). Exit 0 accepted, 75 transient failure (retry), 67 refused.',
  usage:
    'mailgate relay --url URL (--token TOKEN | --token-file FILE) [--sender ADDR] --recipient ADDR [--recipient ADDR]… [ADDR…] [--timeout SECONDS]',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        token: { type: 'string' },
        'token-file': { type: 'string' },
        sender: { type: 'string', default: '' },
        recipient: { type: 'string', multiple: true, default: [] },
        timeout: { type: 'string', default: String(DEFAULT_TIMEOUT_SECONDS) },
      },
    });
    if (!values.url) throw new UsageError('--url URL is required (the worker, e.g. https://mailgate.example.com)');
    // pipe(8) expands ${recipient} into one argument per recipient: the extra ones arrive as positionals.
    const recipients = [...values.recipient, ...positionals].filter((recipient) => recipient.length > 0);
    if (recipients.length === 0) throw new UsageError('at least one --recipient ADDR is required');
    const timeoutSeconds = Number(values.timeout);
    if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0)
      throw new UsageError('--timeout takes a number of seconds');
    let url: URL;
    try {
      url = buildIngressUrl(values.url, { sender: values.sender, recipients });
    } catch {
      throw new UsageError(`--url ${values.url} is not a URL`);
    }
    const token = await readToken(values);
    try {
      return await relayStdin({ url, token, timeoutMs: timeoutSeconds * 1000 });
    } catch (error) {
      // Whatever went wrong here (a full disk while spooling…), the mail stays queued at the MTA: never a bounce.
      printHuman(`4.3.0 mailgate relay failed: ${errorMessage(error)}`);
      return EX_TEMPFAIL;
    }
  },
};
