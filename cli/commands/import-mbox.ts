// `mailgate import-mbox FILE|DIR`: brings old mail (mbox, Maildir) into the gateway's threads, resumably.
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import type { CliCommand } from '../commands.ts';
import { createImportSummary, importMessage, ImportInterruptedError, type ImportOptions } from '../import/importer.ts';
import { listSources, readSource } from '../import/sources.ts';
import { findManifestFor, MAILDIR, readManifest, THREADS_FILE } from '../backup/manifest.ts';
import { restoreThreadRecords } from '../backup/thread-records.ts';
import { dirname, join, resolve } from 'node:path';
import { EXIT_OK, EXIT_SOME_INPUT_FAILED, UsageError, errorMessage, printHuman, printJsonLine } from '../io.ts';

/** 1 s, 2 s, 4 s… about a minute in all before an import stops and waits to be run again. */
const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 15_000, 30_000];

function createProgressBar(): SingleBar {
  return new SingleBar({
    stream: process.stderr,
    format: 'importing [{bar}] {percentage}% | {messages} messages | {rate} msg/s | ETA {eta_formatted}',
    // Not a terminal (a CI log, a redirect): one line every few seconds instead of redrawing.
    noTTYOutput: true,
    notTTYSchedule: 5000,
    etaBuffer: 50,
    hideCursor: true,
  });
}

export const command: CliCommand = {
  summary:
    'Import old mail (an mbox file, a Maildir, or a folder of them) into threads; a second run imports nothing new. Progress on stderr, one summary line on stdout.',
  usage:
    'mailgate import-mbox FILE|DIR --url URL --token TOKEN [--domain NAME] [--deliver]   (an export of `mailgate export`: its DIR or DIR/Maildir, admin token)',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        token: { type: 'string' },
        domain: { type: 'string' },
        deliver: { type: 'boolean', default: false },
        timeout: { type: 'string', default: '120' },
      },
    });
    const [path, ...extra] = positionals;
    if (!path || extra.length > 0) throw new UsageError('exactly one FILE or DIR is needed');
    if (!values.url) throw new UsageError('--url URL is required');
    const token = values.token ?? process.env.MAILGATE_TOKEN;
    if (!token)
      throw new UsageError(
        '--token TOKEN (or MAILGATE_TOKEN) is required: a write token of the domain, or an admin token',
      );
    const options: ImportOptions = {
      url: values.url,
      token,
      domain: values.domain?.toLowerCase() ?? null,
      deliver: values.deliver,
      timeoutMs: Number(values.timeout) * 1000,
      retryDelaysMs: RETRY_DELAYS_MS,
    };
    // An export of mailgate's own (manifest.jsonl beside its Maildir): a restore, with each message's envelope and thread.
    const manifestFile = findManifestFor(path);
    const exportDir = manifestFile ? dirname(manifestFile) : null;
    if (manifestFile) options.manifest = readManifest(manifestFile);
    let sources;
    try {
      sources = await listSources(exportDir && resolve(path) === resolve(exportDir) ? join(exportDir, MAILDIR) : path);
    } catch (error) {
      throw new UsageError(`cannot read ${path}: ${errorMessage(error)}`);
    }

    const summary = createImportSummary();
    const startedAt = Date.now();
    const bar = createProgressBar();
    bar.start(
      sources.reduce((total, source) => total + source.sizeBytes, 0),
      0,
      { messages: 0, rate: '0.0' },
    );
    let done = 0;
    let interrupted: string | null = null;
    try {
      for (const source of sources) {
        for await (const message of readSource(source)) {
          await importMessage(message, options, summary);
          done++;
          const seconds = Math.max((Date.now() - startedAt) / 1000, 0.001);
          bar.increment(message.sizeBytes, { messages: done, rate: (done / seconds).toFixed(1) });
        }
      }
      bar.update(bar.getTotal());
    } catch (error) {
      if (!(error instanceof ImportInterruptedError)) throw error;
      interrupted = error.message;
    } finally {
      bar.stop();
    }
    const records =
      exportDir && !interrupted
        ? await restoreThreadRecords(options, join(exportDir, THREADS_FILE), summary)
        : undefined;
    const seconds = +((Date.now() - startedAt) / 1000).toFixed(1);
    printJsonLine({
      path,
      ...summary,
      messages: done,
      seconds,
      ...(records !== undefined ? { records } : {}),
      ...(interrupted ? { interrupted } : {}),
    });
    if (interrupted)
      printHuman(
        `import-mbox: stopped, the gateway is unavailable (${interrupted}); run the same command again to resume`,
      );
    return interrupted || summary.failed > 0 ? EXIT_SOME_INPUT_FAILED : EXIT_OK;
  },
};
