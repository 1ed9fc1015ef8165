// `mailgate classify FILE…`: classifies raw messages (bounce, feedback, auto-reply, mail), one JSON line per file.
import { readFile } from 'node:fs/promises';
import type { CliCommand } from '../commands.ts';
import { EXIT_OK, EXIT_SOME_INPUT_FAILED, UsageError, errorMessage, printJsonLine } from '../io.ts';
import { classifyMessage } from '../../worker/bounces/classify.ts';

export const command: CliCommand = {
  summary: 'Classify raw messages as bounce, feedback, auto-reply or mail, with the failed recipients.',
  usage: 'mailgate classify FILE…',
  async run(args) {
    const files = args.filter((arg) => arg !== '--');
    if (files.length === 0) throw new UsageError('at least one FILE is needed');
    const unknownOption = files.find((file) => file.startsWith('-') && file !== '-');
    if (unknownOption) throw new UsageError(`unknown option ${unknownOption}`);
    let exitCode = EXIT_OK;
    for (const file of files) {
      let raw: Uint8Array;
      try {
        raw = new Uint8Array(await readFile(file));
      } catch (error) {
        printJsonLine({ file, error: errorMessage(error) });
        exitCode = EXIT_SOME_INPUT_FAILED;
        continue;
      }
      const result = await classifyMessage(raw);
      printJsonLine({
        file,
        kind: result.kind,
        recipients: result.recipients.map((recipient) => ({
          address: recipient.address,
          status: recipient.status,
          action: recipient.action,
          reason: recipient.reason,
          permanent: recipient.permanent,
          replyCode: recipient.replyCode,
          diagnostic: recipient.diagnostic,
        })),
        originalMessageId: result.originalMessageId,
        ...(result.feedbackType ? { feedbackType: result.feedbackType } : {}),
        ...(result.autoReplyReason ? { autoReplyReason: result.autoReplyReason } : {}),
      });
    }
    return exitCode;
  },
};
