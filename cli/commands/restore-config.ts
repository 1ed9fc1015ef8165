// `mailgate restore-config DIR --url URL --token TOKEN`: an export's domains, settings, rules, aliases and suppression
// lists, put back.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CliCommand } from '../commands.ts';
import { CONFIG_FILE } from '../backup/manifest.ts';
import { createGatewayWriter, restoreConfiguration } from '../backup/restore-config.ts';
import { EXIT_OK, EXIT_SOME_INPUT_FAILED, UsageError, printJsonLine } from '../io.ts';

export const command: CliCommand = {
  summary:
    "Restore an export's configuration (domains, settings, rules, aliases) and suppression lists into a gateway; then import-mbox DIR/Maildir restores the mail.",
  usage: 'mailgate restore-config DIR --url URL --token TOKEN',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { url: { type: 'string' }, token: { type: 'string' } },
    });
    const [dir, ...extra] = positionals;
    if (!dir || extra.length > 0) throw new UsageError('exactly one export DIR is needed');
    if (!values.url) throw new UsageError('--url URL is required');
    const token = values.token ?? process.env.MAILGATE_TOKEN;
    if (!token) throw new UsageError('--token TOKEN (an installation-wide admin token) is required');
    const summary = await restoreConfiguration(createGatewayWriter(values.url, token), join(dir, CONFIG_FILE));
    printJsonLine({ dir, ...summary });
    return summary.failed.length > 0 ? EXIT_SOME_INPUT_FAILED : EXIT_OK;
  },
};
