// `mailgate spf-check`: JSON lines {zone, ip, sender, helo} on stdin → one {result, explanation?} line each, in order.
import type { CliCommand } from '../commands.ts';
import { EXIT_OK, EXIT_SOME_INPUT_FAILED, errorMessage, printJsonLine, readStdin } from '../io.ts';
import { createZoneResolver, type ZoneData } from '../../shared/dns/zone-stub.ts';
import { evaluateSpf, type SpfResult } from '../../shared/dns/spf/index.ts';

export type SpfCheckOutput = { result: SpfResult; explanation?: string } | { error: string };

/** Checks one input line; the eval script calls this same function, so it grades exactly what the CLI prints. */
export async function runSpfCheckLine(line: string): Promise<SpfCheckOutput> {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (error) {
    return { error: `not JSON: ${errorMessage(error)}` };
  }
  if (typeof input !== 'object' || input === null) return { error: 'each line must be a JSON object' };
  const { zone, ip, sender, helo } = input as Record<string, unknown>;
  if (typeof ip !== 'string') return { error: '"ip" must be a string' };
  if (zone !== undefined && (typeof zone !== 'object' || zone === null)) return { error: '"zone" must be an object' };
  const resolver = createZoneResolver((zone ?? {}) as ZoneData);
  const evaluation = await evaluateSpf(
    { ip, sender: typeof sender === 'string' ? sender : '', helo: typeof helo === 'string' ? helo : '' },
    resolver,
  );
  return evaluation.explanation === undefined
    ? { result: evaluation.result }
    : { result: evaluation.result, explanation: evaluation.explanation };
}

export const command: CliCommand = {
  summary: 'Evaluate SPF (RFC 7208 check_host) for JSON lines {zone, ip, sender, helo} read on stdin.',
  usage: 'mailgate spf-check < cases.jsonl',
  async run() {
    const text = new TextDecoder().decode(await readStdin());
    let exitCode = EXIT_OK;
    for (const line of text.split(/\r?\n/)) {
      if (line.trim() === '') continue;
      const output = await runSpfCheckLine(line);
      if ('error' in output) exitCode = EXIT_SOME_INPUT_FAILED;
      printJsonLine(output);
    }
    return exitCode;
  },
};
