// Node side of `npm run replay:corpora`: reads ../shared/corpora into one ordered list of messages and serves it to
// the test inside workerd through a miniflare service binding (GET /manifest, GET /message/<n>, GET /expected/<set>),
// and prints the report the test posts back (POST /report), so that it appears on the terminal as it is.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export type CorpusMessage = {
  /** The tenant (domain) the message is replayed into: one per corpus, and per thread set and format. */
  group: string;
  /** Where it comes from, relative to the corpora folder (with `#n` for the n-th message of an mbox). */
  name: string;
  /** Local part it is delivered to: bounces go to the bounce mailbox, the rest to a thread alias. */
  to: 'inbox' | 'bounce';
  envelopeFrom: string;
  bytes: Uint8Array;
};

export const THREAD_SETS = ['notmuch-default', 'notmuch-lkml', 'notmuch-threading'] as const;

function listFiles(folder: string, keep: (path: string) => boolean): string[] {
  if (!existsSync(folder)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(folder).sort()) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) found.push(...listFiles(path, keep));
    else if (keep(path)) found.push(path);
  }
  return found;
}

/** mboxo (RFC 4155): a message starts at each "From " line; ">From " lines inside lose one ">". */
function splitMbox(bytes: Buffer): Buffer[] {
  return bytes
    .toString('latin1')
    .split(/^From .*\r?\n/m)
    .filter((chunk) => chunk.trim().length > 0)
    .map((chunk) => Buffer.from(chunk.replace(/^>From /gm, 'From '), 'latin1'));
}

/** The header From's address, as a sending MTA's MAIL FROM would usually be; a report has the null sender. */
function readEnvelopeFrom(bytes: Uint8Array, to: CorpusMessage['to']): string {
  if (to === 'bounce') return '';
  const head =
    Buffer.from(bytes.subarray(0, 64 * 1024))
      .toString('latin1')
      .split(/\r?\n\r?\n/)[0] ?? '';
  const from = head.match(/^From:[^\n]*?([^\s<>"(),;:]+@[^\s<>"(),;:]+)/im)?.[1];
  return from ?? 'unknown-sender@replay.test';
}

function message(
  root: string,
  group: string,
  path: string,
  to: CorpusMessage['to'],
  bytes: Uint8Array,
  index?: number,
): CorpusMessage {
  const name = relative(root, path) + (index === undefined ? '' : `#${index + 1}`);
  return { group, name, to, envelopeFrom: readEnvelopeFrom(bytes, to), bytes };
}

function fromFiles(root: string, group: string, paths: string[], to: CorpusMessage['to']): CorpusMessage[] {
  return paths.map((path) => message(root, group, path, to, readFileSync(path)));
}

function fromMbox(root: string, group: string, path: string, to: CorpusMessage['to']): CorpusMessage[] {
  return splitMbox(readFileSync(path)).map((bytes, index) => message(root, group, path, to, bytes, index));
}

/** The ARC validation suite's messages (RFC 8617 test vectors), scenario by scenario, in the file's order. */
function arcMessages(root: string): CorpusMessage[] {
  const path = join(root, 'auth/arc_test_suite/arc-draft-validation-tests.json');
  if (!existsSync(path)) return [];
  const scenarios = JSON.parse(readFileSync(path, 'utf8')) as { tests: Record<string, { message: string }> }[];
  return scenarios.flatMap((scenario, s) =>
    Object.entries(scenario.tests).map(([name, test]) => ({
      ...message(root, 'auth', path, 'inbox', new TextEncoder().encode(test.message)),
      name: `${relative(root, path)}#${s + 1}/${name}`,
    })),
  );
}

/** Every message of the corpora, in the order each corpus gives them. */
export function readCorpora(root: string): CorpusMessage[] {
  const eml = (path: string) => path.endsWith('.eml');
  const threads = THREAD_SETS.flatMap((set) => [
    ...fromMbox(root, `threads-${set}-mbox`, join(root, `threads/${set}.mbox`), 'inbox'),
    ...fromFiles(
      root,
      `threads-${set}-maildir`,
      listFiles(join(root, `threads/${set}/maildir`), () => true),
      'inbox',
    ),
  ]);
  return [
    ...fromFiles(root, 'mime', listFiles(join(root, 'mime'), eml), 'inbox'),
    ...threads,
    ...fromFiles(root, 'bounces', listFiles(join(root, 'bounces'), eml), 'bounce'),
    ...listFiles(join(root, 'bounces/mailbox'), () => true).flatMap((path) =>
      fromMbox(root, 'bounces', path, 'bounce'),
    ),
    ...fromFiles(root, 'replies', listFiles(join(root, 'replies'), eml), 'inbox'),
    ...fromFiles(root, 'auth', listFiles(join(root, 'auth'), eml), 'inbox'),
    ...arcMessages(root),
  ];
}

/**
 * The service binding's handler: the corpora (when present; only the groups named in `groups`, when given) and the
 * report printer.
 */
export function createCorpusHandler(root: string, print: (line: string) => void, groups?: ReadonlySet<string>) {
  const available = existsSync(root);
  let corpus: CorpusMessage[] | null = null;
  const load = () =>
    (corpus ??= available ? readCorpora(root).filter((item) => !groups || groups.has(item.group)) : []);
  return async function serveCorpus(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (request.method === 'POST' && url.pathname === '/report') {
      for (const line of (await request.text()).split('\n')) print(line);
      return new Response('printed');
    }
    if (url.pathname === '/manifest') {
      const items = load().map(({ group, name, to, envelopeFrom, bytes }) => ({
        group,
        name,
        to,
        envelopeFrom,
        size: bytes.byteLength,
      }));
      return Response.json({ available, root, items });
    }
    const messageMatch = url.pathname.match(/^\/message\/(\d+)$/);
    if (messageMatch) {
      const item = load()[Number(messageMatch[1])];
      return item ? new Response(new Uint8Array(item.bytes)) : new Response('no such message', { status: 404 });
    }
    const expectedMatch = url.pathname.match(/^\/expected\/([a-z-]+)$/);
    if (expectedMatch && (THREAD_SETS as readonly string[]).includes(expectedMatch[1]!)) {
      return new Response(readFileSync(join(root, `threads/${expectedMatch[1]}.expected.json`)), {
        headers: { 'content-type': 'application/json' },
      });
    }
    return new Response('not found', { status: 404 });
  };
}
