// Every query of the inbound path and of the console's list, search and stats routes, captured from the real code
// inside workerd and put through EXPLAIN QUERY PLAN: no full scan of a growing table, no sort step where none is
// expected. The plans are those of a database without statistics (a fresh install); the queries that matter fix
// their join order (CROSS JOIN, unary +), so ANALYZE cannot make them worse.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../worker/index.ts';
import { ADMIN_TOKEN, buildArf, buildDsn, buildMail, deliverEmail, uniqueMessageId } from './helpers.ts';
import { createRecordingD1, type RecordedStatement } from './support/recording-d1.ts';
import { findPlanProblems, type TempBTreeAllowance } from './support/plan-rules.ts';

const DOMAIN = 'plans.example';
const log: RecordedStatement[] = [];
const recordingEnv = { ...env, DB: createRecordingD1(env.DB, log) } as Cloudflare.Env;

/** Sort steps that are expected, each bounded by something other than the volume of mail. */
const ALLOWANCES: TempBTreeAllowance[] = [
  {
    name: 'search hits',
    sql: /message_search MATCH/,
    why: "sorts one search's hits (and merges the two FTS indexes' hits)",
  },
  {
    name: 'due inbound',
    sql: /"attempts" - "inbound_emails"\."attempts_before_replay"/,
    why: 'sorts the unfinished rows only (status pending/processing)',
  },
  {
    name: 'oldest unfinished',
    sql: /where "inbound_emails"\."status" in \(\?, \?\) order by "inbound_emails"\."created_at"/,
    why: 'merges the index ranges of the two unfinished statuses',
  },
  {
    name: 'due deliveries',
    sql: /from "deliveries" where \("deliveries"\."status" in \(\?, \?\) and "deliveries"\."next_attempt_at" <= \?\) order by/,
    why: 'sorts the deliveries that are due (pending or retrying) only',
  },
  {
    name: 'thread followers',
    sql: /from "thread_followers" where "thread_followers"\."thread_id" = \? order by/,
    why: "one thread's followers",
  },
  {
    name: 'replayed threads',
    sql: /select distinct "thread_id" from "messages" where "messages"\."inbound_id" = \?/,
    why: 'the threads one message was filed into',
  },
];

/**
 * The hot paths whose SQL must appear in the log (a refactoring that bypasses one fails here), and for the ones the
 * issue measured, the index their plan must start from: a seek on the wrong index is no SCAN, yet O(domain).
 */
const REQUIRED: { name: string; sql: RegExp; plan?: RegExp; planWithStatistics?: RegExp }[] = [
  {
    name: 'reply lookup from the Message-ID index',
    sql: /from "thread_refs" cross join "threads"/,
    plan: /^SEARCH thread_refs USING (COVERING )?INDEX thread_refs_message_id \(message_id=\?\) \| SEARCH threads USING INDEX sqlite_autoindex_threads_1 \(id=\?\)$/,
  },
  {
    name: 'reply token thread by primary key',
    sql: /from "threads" where "threads"\."id" = \?$/,
    plan: /^SEARCH threads USING INDEX sqlite_autoindex_threads_1 \(id=\?\)$/,
  },
  {
    name: 'rate-limit count',
    sql: /select count\(\*\) from "inbound_emails" where \("inbound_emails"\."from_address" = \?/,
    plan: /inbound_sender_recipient_created/,
    // Scaled statistics keep the small database's rows-per-key, so both sender indexes look alike: a seek on the sender.
    planWithStatistics: /^SEARCH inbound_emails USING INDEX inbound_sender_\w+_created \(from_address=\?/,
  },
  {
    name: 'scoped thread page',
    sql: /from "threads" where "threads"\."domain_id" = \? order by "threads"\."activity_at" desc/,
    plan: /^SEARCH threads USING INDEX threads_domain_activity \(domain_id=\?\)$/,
  },
  {
    name: 'thread page after a cursor',
    sql: /\("threads"\."activity_at", "threads"\."id"\) < \(\?, \?\)/,
    plan: /threads_(domain_)?activity/,
  },
  {
    name: 'installation-wide thread page',
    sql: /from "threads" order by "threads"\."activity_at" desc/,
    plan: /^SCAN threads USING INDEX threads_activity$/,
  },
  {
    name: 'search',
    sql: /message_search MATCH/,
    plan: /^SEARCH threads USING INDEX sqlite_autoindex_threads_1 \(id=\?\) \| LIST SUBQUERY/,
  },
  {
    name: 'stats counters',
    sql: /from "daily_counts" where \("daily_counts"\."scope" = \?/,
    plan: /^SEARCH daily_counts USING INDEX sqlite_autoindex_daily_counts_1 \(scope=\? AND day>\? AND day<\?\)$/,
  },
  {
    name: 'scoped inbound log',
    sql: /from "inbound_emails" where "inbound_emails"\."domain_id" = \? order by "inbound_emails"\."id" desc/,
    plan: /^SEARCH inbound_emails USING INDEX inbound_domain_id \(domain_id=\?\)$/,
  },
  {
    name: 'inbound log by status',
    sql: /from "inbound_emails" where "inbound_emails"\."status" = \? order by/,
    plan: /^SEARCH inbound_emails USING INDEX inbound_status_id \(status=\?\)$/,
  },
  {
    name: 'sweep',
    sql: /"attempts" - "inbound_emails"\."attempts_before_replay"/,
    plan: /^SEARCH inbound_emails USING INDEX inbound_status_\w+ \(status=\?\)/,
  },
  {
    name: 'suppression list',
    sql: /from "suppressions" inner join "domains"/,
    plan: /suppressions_(domain_suppressed_address|suppressed)/,
  },
  { name: 'bounce list', sql: /from "bounces"/ },
  {
    name: 'probe: last mail per domain',
    sql: /select max\("created_at"\) from "inbound_emails" where "inbound_emails"\."domain_id" = \?/,
    plan: /inbound_domain_created/,
  },
  { name: 'bounce linked by VERP', sql: /"messages"\."direction" = \? and "messages"\."id" = \?/ },
  {
    name: 'bounce linked by Message-ID',
    sql: /"messages"\."direction" = \? and "messages"\."message_id" = \?/,
    plan: /messages_message_id/,
  },
  { name: 'replay', sql: /update "threads" set "message_count" = \(SELECT count/ },
];

async function call(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${init.token ?? ADMIN_TOKEN}`);
  if (init.body) headers.set('content-type', 'application/json');
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`https://mailgate.test${path}`, { ...init, headers }),
    recordingEnv,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

async function callJson<T = any>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const response = await call(path, init);
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} → ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}

async function mail(raw: string, envelope: { from: string; to: string }): Promise<void> {
  await deliverEmail(raw, envelope, { env: recordingEnv });
}

/** The hot paths that did not run, or whose plan does not start from their index. */
async function findRequiredPlanProblems(options: { withStatistics: boolean }): Promise<string[]> {
  const problems: string[] = [];
  for (const required of REQUIRED) {
    const statements = log.filter((statement) => required.sql.test(statement.sql));
    if (statements.length === 0) problems.push(`${required.name}: not run`);
    const expected = (options.withStatistics && required.planWithStatistics) || required.plan;
    for (const statement of expected ? statements : []) {
      const plan = (await explain(statement)).join(' | ');
      if (!expected!.test(plan)) problems.push(`${required.name}: ${plan}`);
    }
  }
  return problems;
}

async function explain(statement: RecordedStatement): Promise<string[]> {
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`)
    .bind(...statement.params)
    .all<{ detail: string }>();
  return results.map((row) => row.detail);
}

beforeAll(async () => {
  expect([201, 409]).toContain(
    (await call('/api/domains', { method: 'POST', body: JSON.stringify({ name: DOMAIN }) })).status,
  );
  await callJson(`/api/domains/${DOMAIN}`, { method: 'PATCH', body: JSON.stringify({ subjectFallback: true }) });
  expect([201, 409]).toContain(
    (
      await call('/api/aliases', {
        method: 'POST',
        body: JSON.stringify({ address: `inbox@${DOMAIN}`, action: 'thread' }),
      })
    ).status,
  );
  const scoped = await callJson<{ token: string }>('/api/tokens', {
    method: 'POST',
    body: JSON.stringify({ name: 'plans reader', scope: 'read', domain: DOMAIN }),
  });
  log.length = 0;

  // The inbound path: a new thread by alias, a reply by In-Reply-To, a reply by signed token, the subject fallback,
  // a bounce linked by VERP, one linked by Message-ID, a complaint, a refused recipient, a redelivery, a replay.
  const sender = 'ann@buyer.example';
  const firstId = uniqueMessageId('plans');
  const first = buildMail({
    from: sender,
    to: `inbox@${DOMAIN}`,
    subject: 'Pallet quokka quote',
    messageId: firstId,
    text: 'Forty pallets of quokka feed.',
  });
  await mail(first, { from: sender, to: `inbox@${DOMAIN}` });
  const replyId = uniqueMessageId('plans-reply');
  await mail(
    buildMail({
      from: sender,
      to: `catchall@${DOMAIN}`,
      subject: 'Re: Pallet quokka quote',
      messageId: replyId,
      inReplyTo: firstId,
    }),
    {
      from: sender,
      to: `catchall@${DOMAIN}`,
    },
  );
  const thread = (await callJson<{ items: { id: string }[] }>('/api/threads?limit=1', { token: scoped.token }))
    .items[0]!;
  const outbound = await callJson<{ messageId: string; replyTo: string; returnPath: string }>('/api/outbound', {
    method: 'POST',
    body: JSON.stringify({
      to: ['max@customer.example'],
      subject: 'Your pallets',
      threadId: thread.id,
      domain: DOMAIN,
    }),
  });
  await mail(buildMail({ from: 'max@customer.example', to: outbound.replyTo, subject: 'Thanks' }), {
    from: 'max@customer.example',
    to: outbound.replyTo,
  });
  await mail(buildMail({ from: sender, to: `catchall@${DOMAIN}`, subject: 'RE: Pallet quokka quote' }), {
    from: sender,
    to: `catchall@${DOMAIN}`,
  });
  await mail(
    buildDsn({
      to: outbound.returnPath,
      recipient: 'max@customer.example',
      status: '5.1.1',
      diagnostic: '550 5.1.1 unknown',
    }),
    {
      from: '',
      to: outbound.returnPath,
    },
  );
  const linkedByMessageId = buildDsn({
    to: `bounce@${DOMAIN}`,
    recipient: 'max@customer.example',
    status: '4.2.2',
    diagnostic: '452 4.2.2 mailbox full',
    action: 'delayed',
    originalMessageId: outbound.messageId,
  });
  await mail(linkedByMessageId, { from: '', to: `bounce@${DOMAIN}` });
  await mail(
    buildArf({ complainant: 'max@customer.example', originalMessageId: outbound.messageId, to: `bounce@${DOMAIN}` }),
    {
      from: 'feedback@fbl.remote.example',
      to: `bounce@${DOMAIN}`,
    },
  );
  await mail(buildMail({ from: sender, to: `nobody@${DOMAIN}` }), { from: sender, to: `nobody@${DOMAIN}` });
  await mail(first, { from: sender, to: `inbox@${DOMAIN}` });
  const replayed = (
    await callJson<{ items: { id: string }[] }>(`/api/inbound?route=thread&limit=1`, { token: scoped.token })
  ).items[0]!;
  await callJson(`/api/inbound/${replayed.id}/replay`, { method: 'POST' });

  // The cron: the sweep of unfinished mail, the outbox, the probes.
  const ctx = createExecutionContext();
  await worker.scheduled(
    createScheduledController({ scheduledTime: new Date(), cron: '*/5 * * * *' }),
    recordingEnv,
    ctx,
  );
  await waitOnExecutionContext(ctx);

  // The console: lists (scoped and installation-wide, with a cursor), search, stats, inbound log, suppressions, bounces.
  for (const token of [scoped.token, ADMIN_TOKEN]) {
    const page = await callJson<{ nextCursor: string | null }>('/api/threads?limit=1', { token });
    expect(page.nextCursor).not.toBeNull();
    await callJson(`/api/threads?limit=50&before=${encodeURIComponent(page.nextCursor!)}`, { token });
    const found = await callJson<{ items: unknown[] }>('/api/threads?q=quokka', { token });
    expect(found.items.length).toBeGreaterThan(0);
    await callJson(`/api/threads?q=quokka&before=${encodeURIComponent(page.nextCursor!)}`, { token });
    await callJson(`/api/threads/${thread.id}`, { token });
    await callJson('/api/stats?days=30', { token });
    await callJson(`/api/stats?days=90&domain=${DOMAIN}`, { token });
    await callJson('/api/inbound?limit=50', { token });
    await callJson('/api/inbound?limit=50&status=delivered', { token });
    await callJson('/api/inbound?limit=50&route=bounce', { token });
    await callJson(`/api/suppressions?domain=${DOMAIN}`, { token });
    await callJson(`/api/suppressions/max@customer.example?domain=${DOMAIN}`, { token });
    await callJson(`/api/bounces?domain=${DOMAIN}`, { token });
  }
  await callJson('/api/suppressions');
  await callJson('/api/bounces');
  await callJson('/health/deep');
}, 120_000);

describe('query plans of the hot paths', () => {
  it('captures every hot path named in the coverage list, each on its index', async () => {
    expect(await findRequiredPlanProblems({ withStatistics: false })).toEqual([]);
  });

  it('scans no growing table and sorts nothing unexpected', async () => {
    const unique = new Map<string, RecordedStatement>();
    for (const statement of log) if (!unique.has(statement.sql)) unique.set(statement.sql, statement);
    expect(unique.size).toBeGreaterThan(60);
    const used = new Set<string>();
    const problems: string[] = [];
    for (const statement of unique.values()) {
      const found = findPlanProblems(statement.sql, await explain(statement), ALLOWANCES, used);
      if (found.length > 0) problems.push(`${statement.sql}\n    ${found.join('\n    ')}`);
    }
    expect(problems).toEqual([]);
    // Every allowance is needed by some query: a stale one would hide a future regression.
    expect([...used].sort()).toEqual(ALLOWANCES.map((allowance) => allowance.name).sort());
  });

  it('keeps the statements the triggers run on every filing on primary keys', async () => {
    const searchDocument = await explain({
      sql: 'SELECT doc_id, subject, participants, body FROM message_search_source WHERE doc_id = ?',
      params: [1],
    });
    expect(searchDocument.join(' | ')).toMatch(/SEARCH m USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    const counter = await explain({
      sql: "INSERT INTO daily_counts (scope, day, counter, value) VALUES ('*', 1, 'received', 1) ON CONFLICT (scope, day, counter) DO UPDATE SET value = value + excluded.value",
      params: [],
    });
    expect(counter.filter((detail) => detail.startsWith('SCAN'))).toEqual([]);
  });

  // Last: the statistics stay for the rest of the file. ANALYZE over this small database would describe tables of a
  // few rows (for which a scan is the cheapest plan); the statistics of a large installation are what matter, so each
  // table's row count is scaled up a millionfold as `PRAGMA optimize` would find it there, and the plans read again.
  it('keeps every hot path on its index under the statistics of a large database', async () => {
    await env.DB.exec('ANALYZE');
    const { results } = await env.DB.prepare('SELECT tbl, idx, stat FROM sqlite_stat1').all<{
      tbl: string;
      idx: string | null;
      stat: string;
    }>();
    expect(results.length).toBeGreaterThan(0);
    await env.DB.batch(
      results.map((row) => {
        const [rows, ...perKey] = row.stat.split(' ');
        const scaled = [Number(rows) * 1_000_000, ...perKey].join(' ');
        return env.DB.prepare('UPDATE sqlite_stat1 SET stat = ? WHERE tbl = ? AND idx IS ?').bind(
          scaled,
          row.tbl,
          row.idx,
        );
      }),
    );
    await env.DB.exec('ANALYZE sqlite_schema');
    expect(await findRequiredPlanProblems({ withStatistics: true })).toEqual([]);
  });
});
