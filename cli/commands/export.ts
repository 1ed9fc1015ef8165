// `mailgate export --url URL --token TOKEN --out DIR`: every domain's configuration and every stored message, resumably.
import { parseArgs } from 'node:util';
import type { CliCommand } from '../commands.ts';
import { createGatewayReader, exportInstallation } from '../backup/export.ts';
import { EXIT_OK, UsageError, printHuman, printJsonLine } from '../io.ts';

export const command: CliCommand = {
  summary:
    'Export the configuration (config.json, threads.jsonl, suppressions.jsonl) and every stored message (Maildir/ + manifest.jsonl) of an installation; run it again to resume.',
  usage: 'mailgate export --url URL --token TOKEN --out DIR',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { url: { type: 'string' }, token: { type: 'string' }, out: { type: 'string' } },
    });
    if (!values.url || !values.out) throw new UsageError('--url URL and --out DIR are required');
    const token = values.token ?? process.env.MAILGATE_TOKEN;
    if (!token) throw new UsageError('--token TOKEN (an installation-wide admin token) is required');
    const started = Date.now();
    const summary = await exportInstallation(createGatewayReader(values.url, token), values.out, (done) => {
      if (done % 100 === 0) printHuman(`export: ${done} messages`);
    });
    printJsonLine({ out: values.out, ...summary, seconds: +((Date.now() - started) / 1000).toFixed(1) });
    return EXIT_OK;
  },
};
