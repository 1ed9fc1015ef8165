// Entry of the `mailgate` CLI: dispatches to the command table, maps UsageError to exit 2.
import { commands } from './commands.ts';
import { EXIT_USAGE, UsageError, errorMessage, printHuman } from './io.ts';

function printOverview(): void {
  printHuman('usage: mailgate <command> [options]\n\ncommands:');
  printHuman(
    Object.keys(commands)
      .map((name) => `  ${name}`)
      .join('\n'),
  );
  printHuman("\nmailgate <command> --help shows a command's usage.");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const load = name ? commands[name] : undefined;
  if (!load) {
    if (name && name !== '--help' && name !== '-h') printHuman(`mailgate: unknown command "${name}"`);
    printOverview();
    return EXIT_USAGE;
  }
  const command = await load();
  if (args.includes('--help') || args.includes('-h')) {
    printHuman(`${command.summary}\n\nusage: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    printHuman(`mailgate ${name}: ${errorMessage(error)}\nusage: ${command.usage}`);
    return EXIT_USAGE;
  }
}
