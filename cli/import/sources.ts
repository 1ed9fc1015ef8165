// What an import reads: an mbox file, a Maildir (cur/ and new/, and Maildir++ subfolders) or a folder of either.
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readMbox } from './mbox.ts';

export type ArchivedMessage = {
  raw: Buffer;
  /** Where it came from, for the summary: `file` or `file@offset`. */
  origin: string;
  separatorSender: string | null;
  /** The progress bar's measure (an mbox's separator lines are not counted: the bar ends a little short of them). */
  sizeBytes: number;
};

export type ArchiveSource = { path: string; kind: 'mbox' | 'message'; sizeBytes: number };

/** Index and state files that mail servers keep beside the messages (Dovecot, Courier, Maildir++ quota). */
const NOT_MAIL = /^(\.|dovecot|courier|maildirfolder$|maildirsize$|subscriptions$)/i;

async function startsLikeMbox(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(5), 0, 5, 0);
    return bytesRead === 5 && buffer.toString('latin1') === 'From ';
  } finally {
    await handle.close();
  }
}

async function describeFile(path: string): Promise<ArchiveSource> {
  const { size } = await stat(path);
  return { path, kind: (await startsLikeMbox(path)) ? 'mbox' : 'message', sizeBytes: size };
}

/**
 * Every source under `root`, in a stable order (names sorted), so that a second run walks the same way. A Maildir's
 * tmp/ holds unfinished deliveries and is skipped; every other file is an mbox or one message.
 */
export async function listSources(root: string): Promise<ArchiveSource[]> {
  const info = await stat(root);
  if (info.isFile()) return [await describeFile(root)];
  const entries = (await readdir(root, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  const isMaildir = entries.some((entry) => entry.isDirectory() && (entry.name === 'cur' || entry.name === 'new'));
  const sources: ArchiveSource[] = [];
  for (const entry of entries) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) {
      if (isMaildir && (entry.name === 'cur' || entry.name === 'new')) {
        const names = (await readdir(path)).sort();
        for (const name of names)
          sources.push({ path: join(path, name), kind: 'message', sizeBytes: (await stat(join(path, name))).size });
      } else if (entry.name !== 'tmp' || !isMaildir) {
        // Maildir++ folders (.Sent, .Archive) and any other subfolder.
        sources.push(...(await listSources(path)));
      }
    } else if (entry.isFile() && !NOT_MAIL.test(entry.name)) {
      // Loose files beside cur/ and new/ are mail too (some tools, and notmuch's own test corpora, put them there).
      sources.push(await describeFile(path));
    }
  }
  return sources;
}

/** The messages of one source, streamed: an mbox is split as it is read, a message file is read whole. */
export async function* readSource(source: ArchiveSource): AsyncGenerator<ArchivedMessage> {
  if (source.kind === 'message') {
    yield { raw: await readFile(source.path), origin: source.path, separatorSender: null, sizeBytes: source.sizeBytes };
    return;
  }
  for await (const message of readMbox(createReadStream(source.path, { highWaterMark: 256 * 1024 }))) {
    yield {
      raw: message.raw,
      origin: `${source.path}@${message.offset}`,
      separatorSender: message.separatorSender,
      sizeBytes: message.raw.length,
    };
  }
}
