// Threads rebuilt by `mailgate import-mbox` on the notmuch corpora, through a fresh local worker, against notmuch's
// reference (pairwise precision/recall, as eval-threads.ts scores). Each set is imported in mbox order, children first
// (the mbox reversed) and from its Maildir, each into its own domain, and once more to show a rerun imports nothing.
// Usage: npm run eval:import   (MAILGATE_THREAD_CORPUS overrides ../shared/corpora/threads)
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMbox } from '../cli/import/mbox.ts';
import type { InboundItem } from '../shared/api/inbound.ts';
import { startLocalWorker, type LocalWorker } from '../tests/e2e/support/worker.ts';
import { readExpectedThreads, scoreThreadPairs } from './thread-pairs.ts';

const corpus = process.env.MAILGATE_THREAD_CORPUS ?? join(import.meta.dirname, '../../shared/corpora/threads');
const SETS = ['notmuch-default', 'notmuch-lkml', 'notmuch-threading'];
const BIN = join(import.meta.dirname, '../bin/mailgate.js');

async function writeReversedMbox(source: string, target: string): Promise<void> {
  const messages: Buffer[] = [];
  for await (const message of readMbox(createReadStream(source))) {
    // Written back as mboxrd: body lines that start with (>*)From get one more `>`.
    const escaped = message.raw.toString('latin1').replace(/^(>*From )/gm, '>$1');
    messages.push(
      Buffer.from(
        `From ${message.separatorSender ?? 'MAILER-DAEMON'} Sat Jan  1 00:00:00 2000\n${escaped}\n`,
        'latin1',
      ),
    );
  }
  writeFileSync(target, Buffer.concat(messages.reverse()));
}

function runImport(worker: LocalWorker, path: string, domain: string): Record<string, unknown> {
  const result = spawnSync(
    process.execPath,
    [BIN, 'import-mbox', path, '--url', worker.origin, '--token', worker.adminToken, '--domain', domain],
    {
      encoding: 'utf8',
    },
  );
  if (result.status !== 0)
    throw new Error(`import-mbox ${path} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return JSON.parse(result.stdout.trim());
}

/** Message-ID → thread id, for the rows of one domain (every page of /api/inbound). */
async function readThreads(worker: LocalWorker, domain: string): Promise<Map<string, string>> {
  const threads = new Map<string, string>();
  for (let before: string | null = ''; before !== null; ) {
    const page: { items: InboundItem[]; nextCursor: string | null } = await (
      await worker.api(`/api/inbound?limit=200${before ? `&before=${before}` : ''}`)
    ).json();
    for (const item of page.items)
      if (item.to.endsWith(`@${domain}`) && item.messageId && item.threadId) threads.set(item.messageId, item.threadId);
    before = page.nextCursor;
  }
  return threads;
}

const work = mkdtempSync(join(tmpdir(), 'mailgate-eval-import-'));
const worker = await startLocalWorker();
try {
  for (const set of SETS) {
    const expected = readExpectedThreads(JSON.parse(readFileSync(join(corpus, `${set}.expected.json`), 'utf8')));
    const reversed = join(work, `${set}.reversed.mbox`);
    await writeReversedMbox(join(corpus, `${set}.mbox`), reversed);
    const variants = {
      'mbox order': join(corpus, `${set}.mbox`),
      'reversed (children first)': reversed,
      maildir: join(corpus, set, 'maildir'),
    };
    // Every domain first: the imports run as child processes, and a POST after one of them would race wrangler
    // closing the idle keep-alive connection (reads are sent again by the helper, a POST is not).
    const domainOf = (order: string) => `${set}-${order.split(' ')[0]}.test`.replace(/[^a-z0-9.-]/g, '');
    for (const order of Object.keys(variants)) {
      const created = await worker.api('/api/domains', {
        method: 'POST',
        body: JSON.stringify({ name: domainOf(order) }),
      });
      if (!created.ok) throw new Error(`creating ${domainOf(order)}: ${created.status} ${await created.text()}`);
    }
    for (const [order, path] of Object.entries(variants)) {
      const domain = domainOf(order);
      const summary = runImport(worker, path, domain);
      const score = scoreThreadPairs(await readThreads(worker, domain), expected);
      const rerun = order === 'mbox order' ? runImport(worker, path, domain) : null;
      console.log(
        JSON.stringify({
          set,
          order,
          imported: summary.imported,
          duplicates: summary.duplicates,
          failed: summary.failed,
          seconds: summary.seconds,
          messages: score.messages,
          precision: +score.precision.toFixed(4),
          recall: +score.recall.toFixed(4),
          ...(rerun ? { rerun: { imported: rerun.imported, duplicates: rerun.duplicates } } : {}),
        }),
      );
    }
  }
} finally {
  await worker.close();
  rmSync(work, { recursive: true, force: true });
}
