// `mailgate strip-reply FILE…`: prints the reply text of .eml, .txt (plain body) or .html (HTML body) files.
import { readFile } from 'node:fs/promises';
import PostalMime from 'postal-mime';
import type { CliCommand } from '../commands.ts';
import { EXIT_OK, EXIT_SOME_INPUT_FAILED, UsageError, errorMessage, printHuman, printJsonLine } from '../io.ts';
import { extractReplyText, type MailBody } from '../../worker/replies/strip.ts';

/** Reads a file as the body the worker would see: a whole message is parsed like the worker parses it. */
export async function readMailBody(file: string): Promise<MailBody> {
  const bytes = await readFile(file);
  const lowerName = file.toLowerCase();
  if (lowerName.endsWith('.eml')) {
    const parsed = await PostalMime.parse(bytes);
    return { text: parsed.text ?? null, html: parsed.html ?? null };
  }
  const content = new TextDecoder().decode(bytes);
  return lowerName.endsWith('.html') || lowerName.endsWith('.htm') ? { html: content } : { text: content };
}

export const command: CliCommand = {
  summary: 'Print the new text of each message, without quoted history and signature.',
  usage: 'mailgate strip-reply FILE… (FILE: .eml message, .txt plain body, .html HTML body)',
  async run(args) {
    if (args.length === 0) throw new UsageError('at least one FILE is needed');
    let failed = false;
    for (const file of args) {
      try {
        printJsonLine({ file, text: extractReplyText(await readMailBody(file)) });
      } catch (error) {
        failed = true;
        printHuman(`${file}: ${errorMessage(error)}`);
      }
    }
    return failed ? EXIT_SOME_INPUT_FAILED : EXIT_OK;
  },
};
