// `npm start`: a usable local gateway in one command — secrets, migrations, demo data, then `wrangler dev`.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { CLOUDFLARE_DOH_ENDPOINT } from '../shared/dns/doh.ts';

const PORT = Number(process.env.PORT ?? 8787);
const ORIGIN = `http://127.0.0.1:${PORT}`;
/** Offline switches: without them wrangler waits on telemetry and update checks. */
const OFFLINE_ENV = {
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
};
const env = { ...process.env, ...OFFLINE_ENV };
const seed = !process.argv.includes('--no-seed');

function runWrangler(args: string[]): void {
  const result = spawnSync('wrangler', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
  if (result.status !== 0) {
    console.error(`\nwrangler ${args.join(' ')} failed (exit ${result.status ?? result.signal}).`);
    process.exit(1);
  }
}

function readDevVars(): Record<string, string> {
  if (!existsSync('.dev.vars')) return {};
  return Object.fromEntries(
    readFileSync('.dev.vars', 'utf8')
      .split('\n')
      .map((line) => line.match(/^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/))
      .filter((match) => match !== null)
      .map((match) => [match[1]!, match[2]!.replace(/^"(.*)"$/, '$1')]),
  );
}

function ensureDevVars(): Record<string, string> {
  const vars = readDevVars();
  const wanted: Record<string, () => string> = {
    MAILGATE_ADMIN_TOKEN: () => `mg_admin_${randomBytes(24).toString('hex')}`,
    REPLY_TOKEN_SECRET: () => randomBytes(32).toString('base64url'),
    // Local development only: webhooks and Odoo targets on 127.0.0.1 over plain http (`npm run erp-stub`, benches).
    MAILGATE_ALLOW_PRIVATE_TARGETS: () => 'true',
  };
  const missing = Object.keys(wanted).filter((name) => !vars[name]);
  if (missing.length > 0) {
    for (const name of missing) vars[name] = wanted[name]!();
    const body = Object.entries(vars)
      .map(([name, value]) => `${name}=${value}`)
      .join('\n');
    writeFileSync('.dev.vars', `# Local secrets for wrangler dev (never commit this file).\n${body}\n`, {
      mode: 0o600,
    });
    console.error(`Wrote ${missing.join(', ')} to .dev.vars`);
  }
  return vars;
}

async function waitForHealth(deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${ORIGIN}/health`)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return false;
}

const vars = ensureDevVars();
console.error('Applying D1 migrations to the local database…');
runWrangler(['d1', 'migrations', 'apply', 'DB', '--local']);
if (seed) {
  console.error('Seeding the demo domain example.com (catchall@, bounce@, sales@ → crm.lead)…');
  runWrangler(['d1', 'execute', 'DB', '--local', '--file', 'scripts/seed.sql']);
}

/** True when the worker's default resolver answers from here (a machine with Internet DNS). */
async function internetDnsAnswers(): Promise<boolean> {
  try {
    const response = await fetch(`${CLOUDFLARE_DOH_ENDPOINT}?name=example.com&type=A`, {
      headers: { accept: 'application/dns-json' },
      signal: AbortSignal.timeout(3000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Without Internet DNS every SPF/DKIM/DMARC lookup would be a temporary error, and the worker (rightly) makes the
 * sender retry instead of filing the mail. The local stub answers from the demo zone (NXDOMAIN elsewhere), so the
 * demo works offline; its mail is judged as unauthenticated, as mail from names without records is.
 */
async function startLocalDoh(): Promise<string> {
  const stub = spawn(process.execPath, ['scripts/doh-stub.ts', '--port', '0', '--delay-ms', '0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env,
  });
  process.on('exit', () => stub.kill());
  return new Promise((resolve, reject) => {
    stub.once('exit', (code) => reject(new Error(`the local DoH stub exited (${code})`)));
    stub.stderr!.on('data', (chunk: Buffer) => {
      const url = chunk.toString().match(/http:\/\/127\.0\.0\.1:\d+\/dns-query/)?.[0];
      if (url) resolve(url);
    });
  });
}

if (!process.env.MAILGATE_DOH_URL && !(await internetDnsAnswers())) {
  process.env.MAILGATE_DOH_URL = await startLocalDoh();
  console.error(
    `No Internet DNS from this machine: the worker resolves through a local stub of the demo zone (${process.env.MAILGATE_DOH_URL}).`,
  );
}

/** Variables an admin may override for a local run (e.g. a local DoH stub on a machine without Internet DNS). */
const PASSED_VARS = ['MAILGATE_DOH_URL', 'MAILGATE_VERIFIED_DESTINATIONS'].filter((name) => process.env[name]);
const varArgs = PASSED_VARS.flatMap((name) => ['--var', `${name}:${process.env[name]}`]);
const dev = spawn('wrangler', ['dev', '--ip', '127.0.0.1', '--port', String(PORT), ...varArgs], {
  stdio: 'inherit',
  env,
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => dev.kill(signal));
dev.on('exit', (code) => process.exit(code ?? 0));

if (await waitForHealth(Date.now() + 60_000)) {
  const token = vars.MAILGATE_ADMIN_TOKEN;
  console.error(`
  mailgate is running on ${ORIGIN}   (admin token: see MAILGATE_ADMIN_TOKEN in .dev.vars)

  Send a sample mail:
    npm exec -- mailgate send tests/fixtures/mail/quote-request.eml --to sales@example.com
    curl -X POST '${ORIGIN}/cdn-cgi/local/email?from=ann@customer.example&to=catchall@example.com' \\
         --data-binary @tests/fixtures/mail/quote-request.eml

  Read it back:
    curl -H 'Authorization: Bearer ${token}' ${ORIGIN}/api/threads
    curl -H 'Authorization: Bearer ${token}' ${ORIGIN}/api/inbound

  API description: ${ORIGIN}/docs
`);
}
