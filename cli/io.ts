// Output conventions of the CLI (docs/contracts.md): JSON lines on stdout, humans on stderr, exit 0/1/2.
export const EXIT_OK = 0;
export const EXIT_SOME_INPUT_FAILED = 1;
export const EXIT_USAGE = 2;

/** Thrown for bad usage; main() prints the message and the command's usage, and exits 2. */
export class UsageError extends Error {}

export function printJsonLine(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

export function printHuman(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** Reads all of standard input as bytes. */
export async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
