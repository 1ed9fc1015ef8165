// Applies the migrations, then seeds the directory the tests rely on (idempotent: every test file runs it).
import { applyD1Migrations, env } from 'cloudflare:test';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS ?? []);
// The second data database (MAILGATE_DATA_BINDINGS) of the projects that bind one: the cron and the queue consumer
// work over it too.
const secondDatabase = (env as unknown as { DB_2?: D1Database }).DB_2;
if (secondDatabase) await applyD1Migrations(secondDatabase, env.TEST_MIGRATIONS ?? []);
await env.DB.batch([
  env.DB.prepare(
    "INSERT OR IGNORE INTO domains (id, name, catchall, bounce) VALUES ('dom_test_example', 'example.com', 'catchall', 'bounce')",
  ),
  ...[
    ['ali_test_inbox', 'inbox', 'thread', null, 'everyone'],
    ['ali_test_sales', 'sales', 'record', 'crm.lead', 'everyone'],
    ['ali_test_support', 'support', 'record', 'helpdesk.ticket', 'everyone'],
  ].map(([id, localPart, action, model, policy]) =>
    env.DB.prepare(
      'INSERT OR IGNORE INTO aliases (id, domain_id, local_part, action, model, policy) VALUES (?, ?, ?, ?, ?, ?)',
    ).bind(id, 'dom_test_example', localPart, action, model, policy),
  ),
]);

// A file's tests compare "today" at several moments (per-day counters, the stats of the UTC day, the daily send cap):
// started in the last minutes of a UTC day, they would see two days and fail on a correct worker. Such a file waits
// the day out first (once a day at most, a few minutes at most; files take seconds).
const DAY_MS = 24 * 60 * 60 * 1000;
const DAY_END_MARGIN_MS = 3 * 60 * 1000;
const untilUtcMidnightMs = DAY_MS - (Date.now() % DAY_MS);
if (untilUtcMidnightMs < DAY_END_MARGIN_MS) {
  await new Promise((resolve) => setTimeout(resolve, untilUtcMidnightMs + 1_000));
}
