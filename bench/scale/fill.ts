// Fills a local D1 SQLite file with schema-valid mail data for bench:scale: threads of 4 messages with their refs,
// followers and inbound rows, over 90 days, in two domains. What the schema derives from these rows (search index,
// daily counters) is written either by its triggers row by row, as filing does, or, much faster, once at the end by
// the same statements over all the new rows (bench/scale/derived.ts; tests/bench check both give the same tables).
import { DatabaseSync } from 'node:sqlite';
// A seeded generator (mulberry32): every run of a size writes the same data.
import { createRandom } from '../../tests/hostile/mutations.ts';
import { readRowidMarks, restoreTriggers, suspendTriggers, writeDerivedTables } from './derived.ts';

export const BENCH_DOMAIN = { id: 'dom_scale', name: 'scale.example' };
/** A second, smaller tenant: scoped queries must not pay for it. */
const OTHER_DOMAIN = { id: 'dom_scale_other', name: 'other.example' };
/** Planted in exactly this many messages at every size: the "selective word" of the search figure. */
export const SELECTIVE_WORD = 'quokkaphrase';
export const SELECTIVE_HITS = 5;
export const MESSAGES_PER_THREAD = 4;
const DAY_MS = 24 * 60 * 60 * 1000;
const SPREAD_DAYS = 90;

/** 4,000 made-up words, drawn with a Zipf-like skew as natural text is (a few common, most rare). */
function buildVocabulary(random: () => number): string[] {
  const syllables = [
    'ka',
    'lo',
    'mi',
    'ne',
    'ru',
    'ta',
    'vo',
    'shi',
    'pre',
    'dan',
    'tor',
    'vel',
    'qua',
    'bri',
    'sen',
    'mor',
  ];
  return Array.from({ length: 4000 }, () => {
    const count = 2 + Math.floor(random() * 3);
    return Array.from({ length: count }, () => syllables[Math.floor(random() * syllables.length)]).join('');
  });
}

function buildText(random: () => number, vocabulary: string[], words: number): string {
  const out: string[] = [];
  for (let index = 0; index < words; index++) {
    const rank = Math.floor(vocabulary.length * random() ** 3);
    out.push(vocabulary[rank]!);
    if (index % 14 === 13) out.push('.\n');
  }
  return out.join(' ');
}

const CROCKFORD_BASE32 = '0123456789abcdefghjkmnpqrstvwxyz';

/** An id in the shape worker/store/ids.ts mints (prefix, 10 time characters, 16 more), sortable by `ms`. */
function sortableId(prefix: string, ms: number, serial: number): string {
  let time = '';
  for (let rest = ms, i = 0; i < 10; i++, rest = Math.floor(rest / 32)) time = CROCKFORD_BASE32[rest % 32] + time;
  let tail = '';
  for (let rest = serial, i = 0; i < 16; i++, rest = Math.floor(rest / 32)) tail = CROCKFORD_BASE32[rest % 32] + tail;
  return `${prefix}_${time}${tail}`;
}

export type FillSummary = { messages: number; threads: number; seconds: number };

/** Thread `index`'s message `k` Message-ID: the bench's replies name one of these in In-Reply-To. */
export function benchMessageId(threadIndex: number, k: number): string {
  return `t${threadIndex}.m${k}@mail.sender.test`;
}

/** `bulk`: derived tables written once after the rows (minutes for 1M); `triggers`: row by row, as filing does. */
export type DerivedTablesMode = 'bulk' | 'triggers';

/** Page cache for the fill only: the indexes keyed by address or Message-ID are written in random order. */
const FILL_CACHE_KIB = 1024 * 1024;

export function fillDatabase(
  path: string,
  messageCount: number,
  now: number,
  derived: DerivedTablesMode = 'bulk',
): FillSummary {
  const started = performance.now();
  const db = new DatabaseSync(path);
  const { journal_mode: journalMode } = db.prepare('PRAGMA journal_mode').get() as { journal_mode: string };
  // For the fill only: a memory journal (one transaction; ROLLBACK still works) and no fsync. Put back at the end.
  db.exec(
    `PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA cache_size = -${FILL_CACHE_KIB}; PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = ON;`,
  );
  try {
    db.exec('BEGIN');
    const marks = readRowidMarks(db);
    const triggers = derived === 'bulk' ? suspendTriggers(db) : [];
    const written = insertRows(db, messageCount, now);
    if (derived === 'bulk') {
      writeDerivedTables(db, marks);
      restoreTriggers(db, triggers);
    }
    db.exec('COMMIT');
    return {
      messages: written,
      threads: Math.ceil(messageCount / MESSAGES_PER_THREAD),
      seconds: Math.round((performance.now() - started) / 1000),
    };
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  } finally {
    // Back to the journal D1 left; no ANALYZE: mailgate's databases carry no statistics (docs/scaling.md).
    db.exec(`PRAGMA journal_mode = ${journalMode}`);
    db.close();
  }
}

/** Writes the rows themselves (inside the caller's transaction); returns how many messages. */
function insertRows(db: DatabaseSync, messageCount: number, now: number): number {
  const random = createRandom(messageCount);
  const vocabulary = buildVocabulary(random);
  const threadCount = Math.ceil(messageCount / MESSAGES_PER_THREAD);
  const plantEvery = Math.max(1, Math.floor(threadCount / SELECTIVE_HITS));

  const insertDomain = db.prepare('INSERT OR IGNORE INTO domains (id, name) VALUES (?, ?)');
  for (const domain of [BENCH_DOMAIN, OTHER_DOMAIN]) insertDomain.run(domain.id, domain.name);
  db.prepare(
    "INSERT OR IGNORE INTO aliases (id, domain_id, local_part, action) VALUES ('ali_scale_support', ?, 'support', 'thread')",
  ).run(BENCH_DOMAIN.id);
  const insertThread = db.prepare(
    'INSERT INTO threads (id, domain_id, subject, normalized_subject, message_count, last_message_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertInbound = db.prepare(
    `INSERT INTO inbound_emails (id, raw_key, checksum, size_bytes, message_id, envelope_from, envelope_to, from_address, subject,
       status, kind, route, reason, attempts, thread_id, domain_id, auth, spam, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'delivered', 'mail', 'thread', ?, 1, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMessage = db.prepare(
    `INSERT INTO messages (id, thread_id, inbound_id, direction, message_id, in_reply_to, "references", from_address, from_name,
       "to", cc, subject, date, text, html, reply_text, auth, created_at)
     VALUES (?, ?, ?, 'inbound', ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRef = db.prepare(
    'INSERT OR IGNORE INTO thread_refs (thread_id, message_id, created_at) VALUES (?, ?, ?)',
  );
  const insertFollower = db.prepare(
    'INSERT OR IGNORE INTO thread_followers (thread_id, address, created_at) VALUES (?, ?, ?)',
  );
  const auth = JSON.stringify({
    spf: { result: 'pass' },
    dkim: [{ result: 'pass', domain: 'sender.test' }],
    dmarc: { result: 'pass', policy: 'none' },
  });
  const spam = JSON.stringify({ flagged: false, score: 0.4, source: 'x-spam-score' });

  let written = 0;
  for (let thread = 0; thread < threadCount && written < messageCount; thread++) {
    // One in ten threads belongs to the other tenant.
    const domain = thread % 10 === 9 ? OTHER_DOMAIN : BENCH_DOMAIN;
    const startedAt = now - SPREAD_DAYS * DAY_MS + Math.floor((thread / threadCount) * SPREAD_DAYS * DAY_MS);
    const threadId = sortableId('thr', startedAt, thread);
    // The selective word sits in a few threads' subject (which every version of the search reads) and first message.
    const planted = thread % plantEvery === 0 && thread / plantEvery < SELECTIVE_HITS;
    const subject = `${buildText(random, vocabulary, 5)} #${thread}${planted ? ` ${SELECTIVE_WORD}` : ''}`;
    const customer = `customer${thread % 50_000}@sender.test`;
    const agent = `agent${thread % 40}@${domain.name}`;
    const count = Math.min(MESSAGES_PER_THREAD, messageCount - written);
    const lastAt = startedAt + (count - 1) * 3_600_000;
    insertThread.run(threadId, domain.id, subject, subject, count, lastAt, startedAt);
    for (let k = 0; k < count; k++) {
      const at = startedAt + k * 3_600_000;
      const serial = String(written).padStart(9, '0');
      const inboundId = sortableId('inb', at, written);
      const messageId = benchMessageId(thread, k);
      const from = k % 2 === 0 ? customer : agent;
      let text = buildText(random, vocabulary, 220);
      if (k === 0 && planted) text += ` ${SELECTIVE_WORD}`;
      const html = `<div><p>${text.replaceAll('\n', '</p><p>')}</p></div>`;
      insertInbound.run(
        inboundId,
        `raw/${inboundId}.eml`,
        `sha_${serial}`,
        4000 + text.length,
        messageId,
        from,
        `support@${domain.name}`,
        from,
        `Re: ${subject}`,
        `reply to <${k > 0 ? benchMessageId(thread, k - 1) : messageId}> in thread ${threadId}`,
        threadId,
        domain.id,
        auth,
        spam,
        at,
        at + 250,
      );
      const references = Array.from({ length: k }, (_, j) => benchMessageId(thread, j));
      insertMessage.run(
        sortableId('msg', at, written),
        threadId,
        inboundId,
        messageId,
        k > 0 ? benchMessageId(thread, k - 1) : null,
        JSON.stringify(references),
        from,
        `Person ${thread % 997}`,
        JSON.stringify([{ address: k % 2 === 0 ? agent : customer }]),
        `Re: ${subject}`,
        at,
        text,
        html,
        text.slice(0, 300),
        auth,
        at,
      );
      insertRef.run(threadId, messageId, at);
      written++;
    }
    insertFollower.run(threadId, customer, startedAt);
    insertFollower.run(threadId, agent, startedAt);
  }
  return written;
}
