// `mailgate send FILE.eml --to ADDR`: hands a message to a running worker's local email endpoint (wrangler dev).
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { CliCommand } from '../commands.ts';
import { EXIT_OK, EXIT_SOME_INPUT_FAILED, UsageError, printJsonLine } from '../io.ts';
import { findHeaderFromAddress } from '../../shared/mail/address.ts';

export const DEFAULT_WORKER_URL = 'http://127.0.0.1:8787';

export const command: CliCommand = {
  summary: 'Deliver an .eml file to a running worker as if Email Routing had received it.',
  usage: 'mailgate send FILE.eml --to ADDR [--from ADDR] [--url URL]',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { to: { type: 'string' }, from: { type: 'string' }, url: { type: 'string' } },
    });
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UsageError('exactly one FILE.eml is needed');
    if (!values.to) throw new UsageError('--to ADDR is required (the envelope recipient)');
    const raw = await readFile(file);
    // The envelope sender defaults to the header From, as a sending MTA would usually have it.
    const from = values.from ?? findHeaderFromAddress(raw) ?? 'sender@example.net';
    const endpoint = new URL('/cdn-cgi/local/email', values.url ?? DEFAULT_WORKER_URL);
    endpoint.searchParams.set('from', from);
    endpoint.searchParams.set('to', values.to);
    const response = await fetch(endpoint, { method: 'POST', body: raw });
    const body = await response.text();
    printJsonLine({ status: response.status, body });
    return response.ok ? EXIT_OK : EXIT_SOME_INPUT_FAILED;
  },
};
