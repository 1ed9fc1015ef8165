// Applies the migrations, then seeds the directory the tests rely on (idempotent: every test file runs it).
import { applyD1Migrations, env } from 'cloudflare:test';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS ?? []);
// The second data database (MAILGATE_DATA_BINDINGS): the cron and the queue consumer work over it too.
await applyD1Migrations((env as unknown as { DB_2: D1Database }).DB_2, env.TEST_MIGRATIONS ?? []);
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
