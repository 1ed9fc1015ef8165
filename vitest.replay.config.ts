// `npm run replay:corpora`: every message of ../shared/corpora, and generated big mail, through email() inside workerd.
// Not a project of `npm test`: it reads the corpora (served from Node through the CORPUS service binding).
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { createCorpusHandler } from './scripts/replay-corpus-server.ts';
import { defineWorkerProject } from './vitest.worker.config.ts';

const corporaRoot = process.env.MAILGATE_CORPORA ?? join(import.meta.dirname, '../shared/corpora');
/** `MAILGATE_REPLAY_GROUPS=mime,threads-notmuch-lkml-mbox`: replay only those groups (while investigating one). */
const groups = process.env.MAILGATE_REPLAY_GROUPS ? new Set(process.env.MAILGATE_REPLAY_GROUPS.split(',')) : undefined;

export default defineConfig(async () => {
  const config = await defineWorkerProject({
    name: 'replay',
    include: ['tests/replay/**/*.test.ts'],
    // Thousands of messages, some of 25 MiB, on a shared machine.
    testTimeout: 30 * 60 * 1000,
    serviceBindings: { CORPUS: createCorpusHandler(corporaRoot, (line) => process.stdout.write(`${line}\n`), groups) },
  });
  // The worker logs one line per message: the report (printed from Node) is what this run is for.
  return { ...config, test: { ...config.test, onConsoleLog: () => false } };
});
