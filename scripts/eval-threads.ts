// Threading quality on the notmuch corpora: the worker's matching rule (thread-candidates.ts + "the thread that
// knows an id" as the D1 thread_refs table does it) replayed over each mbox, scored by pairwise precision/recall.
// Usage: npm run eval:threads   (MAILGATE_THREAD_CORPUS overrides ../shared/corpora/threads)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMail } from '../worker/inbound/parse.ts';
import { threadCandidateIds, threadRefIds } from '../worker/inbound/thread-candidates.ts';
import { readExpectedThreads, scoreThreadPairs } from './thread-pairs.ts';

const corpus = process.env.MAILGATE_THREAD_CORPUS ?? join(import.meta.dirname, '../../shared/corpora/threads');
const SETS = ['notmuch-default', 'notmuch-lkml', 'notmuch-threading'];

type Message = { messageId: string; inReplyTo: string | null; references: string[]; date: number };

function splitMbox(text: string): string[] {
  // mboxo: each message starts with a "From " line at the start of a line.
  return text.split(/^From .*\r?\n/m).filter((chunk) => chunk.trim().length > 0);
}

async function readMessages(set: string): Promise<Message[]> {
  const chunks = splitMbox(readFileSync(join(corpus, `${set}.mbox`), 'latin1'));
  const seen = new Set<string>();
  const messages: Message[] = [];
  for (const chunk of chunks) {
    const mail = await parseMail(new Uint8Array(Buffer.from(chunk.replace(/^>From /gm, 'From '), 'latin1')));
    if (!mail.messageId || seen.has(mail.messageId)) continue; // deduplicate by Message-ID first
    seen.add(mail.messageId);
    messages.push({
      messageId: mail.messageId,
      inReplyTo: mail.inReplyTo,
      references: mail.references,
      date: mail.date?.getTime() ?? 0,
    });
  }
  return messages;
}

/** The worker's rule over an in-memory thread_refs: join the most recently active thread that knows a candidate. */
function assignThreads(messages: Message[]): Map<string, number> {
  const threadsById = new Map<string, number[]>();
  const lastActivity = new Map<number, number>();
  const assigned = new Map<string, number>();
  let clock = 0;
  let nextThread = 0;
  for (const message of messages) {
    clock += 1;
    let thread: number | undefined;
    for (const candidate of threadCandidateIds(message)) {
      const known = threadsById.get(candidate);
      if (known) {
        thread = [...known].sort((a, b) => lastActivity.get(b)! - lastActivity.get(a)!)[0];
        break;
      }
    }
    thread ??= nextThread++;
    lastActivity.set(thread, clock);
    assigned.set(message.messageId, thread);
    for (const id of threadRefIds(message)) {
      const list = threadsById.get(id) ?? [];
      if (!list.includes(thread)) list.push(thread);
      threadsById.set(id, list);
    }
  }
  return assigned;
}

const orders: Record<string, (messages: Message[]) => Message[]> = {
  'mbox order': (messages) => messages,
  'by Date': (messages) => [...messages].sort((a, b) => a.date - b.date),
  'reversed (children first)': (messages) => [...messages].reverse(),
};

for (const set of SETS) {
  const expected = readExpectedThreads(JSON.parse(readFileSync(join(corpus, `${set}.expected.json`), 'utf8')));
  const messages = await readMessages(set);
  for (const [name, order] of Object.entries(orders)) {
    const score = scoreThreadPairs(assignThreads(order(messages)), expected);
    console.log(
      JSON.stringify({
        set,
        order: name,
        messages: score.messages,
        precision: +score.precision.toFixed(4),
        recall: +score.recall.toFixed(4),
      }),
    );
  }
}
