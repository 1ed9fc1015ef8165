// Runs the real worker under `wrangler dev` for an e2e test: its own free port on 127.0.0.1, its own temporary state
// (never the shared .wrangler/state a running `npm start` uses), the D1 migrations and seed of `npm start`, secrets
// from a temporary env file (so the repository's .dev.vars is not read), and no outbound call of wrangler's own.
// Closing it leaves nothing behind: every process it started is gone and its ports are closed, or close() throws.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { inject } from 'vitest';
import { startEmptyZoneDoh } from './empty-zone-doh.ts';
import { repoRoot } from './paths.ts';
import {
  describeProcesses,
  findOpenPorts,
  isRunning,
  killMarkedProcesses,
  listMarkedProcesses,
  PROCESS_MARKER_VARIABLE,
} from './run-processes.ts';

/** The same switches as scripts/start.ts: without them wrangler waits on telemetry and update checks. */
const OFFLINE_ENV = {
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
};
const STARTUP_TIMEOUT_MS = 90_000;
/** How long wrangler may take to stop workerd after Ctrl-C (its own, orderly way) before the rest is killed. */
const GRACEFUL_STOP_MS = 10_000;
const KILL_TIMEOUT_MS = 5_000;

/** wrangler's own entry, run with this process's Node (24): the machine's `node` (20) is too old for it. */
const wranglerEntry = join(
  dirname(createRequire(import.meta.url).resolve('wrangler/package.json')),
  'bin',
  'wrangler.js',
);

export type LocalWorker = {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** The bootstrap admin token (MAILGATE_ADMIN_TOKEN) of this worker. */
  adminToken: string;
  /** Hands a raw message to the worker's email() as Email Routing would (wrangler's local email endpoint). */
  deliverMail(raw: string | Uint8Array, envelope: { from: string; to: string }): Promise<Response>;
  /** An API call with the admin token. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** What wrangler printed so far (for a failing test's message). */
  output(): string;
  /** Where wrangler keeps this worker's local D1, R2 and queue state (`--persist-to`). */
  stateDir: string;
  /** Stops wrangler but keeps the port and the state (the worker is down: connections are refused). */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same state (after stop()). */
  restart(): Promise<void>;
  close(): Promise<void>;
};

/**
 * fetch over a connection used once. wrangler's server closes an idle keep-alive connection after 5 s; a test that
 * waited longer (a CLI run, an MTA's retry) would otherwise race that close and fail with "other side closed".
 */
function requestWithoutKeepAlive(url: string, init: RequestInit & { headers: Headers }): Promise<Response> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    init.headers.forEach((value, name) => (headers[name] = value));
    const body =
      init.body === undefined || init.body === null ? undefined : Buffer.from(init.body as string | Uint8Array);
    if (body) headers['content-length'] = String(body.length);
    const request = httpRequest(url, { method: init.method ?? 'GET', headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const answerHeaders = new Headers();
        for (const [name, value] of Object.entries(response.headers))
          if (typeof value === 'string') answerHeaders.set(name, value);
        const status = response.statusCode ?? 500;
        const payload = status === 204 || status === 304 ? null : Buffer.concat(chunks);
        resolve(new Response(payload, { status, headers: answerHeaders }));
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}

export type LocalWorkerOptions = {
  /**
   * Extra variables and secrets. Without MAILGATE_DOH_URL the worker gets a DNS-over-HTTPS stub of an empty zone
   * (every name NXDOMAIN at once): workerd here cannot reach a resolver, and an unanswered lookup is a temporary
   * error that makes the worker ask the sender to retry (fail closed), so mail would never be filed.
   */
  vars?: Record<string, string>;
  /** SQL run after scripts/seed.sql, before the worker starts (test data). */
  extraSql?: string;
  /** Listen on this port instead of a free one (a benchmark given its own range). */
  port?: number;
  /** Keep this many characters of wrangler's output for output() (8000 by default; a benchmark reads its logs). */
  outputChars?: number;
  /**
   * More local D1 databases beside DB (the storage seam's data databases): the worker runs on a copy of wrangler.toml
   * that binds them too, each migrated like DB (not seeded). MAILGATE_DATA_BINDINGS still comes from `vars`.
   */
  extraDatabases?: { binding: string; databaseName: string }[];
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A copy of wrangler.toml in `workDir` that also binds `databases`. wrangler resolves a config's paths from the
 * config's folder, so the copy's relative paths (the entry, the migrations, the aliases) are made absolute.
 */
function writeConfigWithDatabases(
  workDir: string,
  databases: NonNullable<LocalWorkerOptions['extraDatabases']>,
): string {
  const original = readFileSync(join(repoRoot, 'wrangler.toml'), 'utf8');
  const absolute = original
    .replace(
      /^(main|migrations_dir)\s*=\s*"([^"]+)"/gm,
      (_, key: string, value: string) => `${key} = ${JSON.stringify(resolve(repoRoot, value))}`,
    )
    .replace(/=\s*"(\.\/[^"]+)"/g, (_, value: string) => `= ${JSON.stringify(resolve(repoRoot, value))}`);
  const blocks = databases.map(({ binding, databaseName }) =>
    [
      '[[d1_databases]]',
      `binding = ${JSON.stringify(binding)}`,
      `database_name = ${JSON.stringify(databaseName)}`,
      `database_id = ${JSON.stringify(randomUUID())}`,
      `migrations_dir = ${JSON.stringify(join(repoRoot, 'migrations'))}`,
    ].join('\n'),
  );
  const configPath = join(workDir, 'wrangler.toml');
  writeFileSync(configPath, `${absolute}\n${blocks.join('\n\n')}\n`);
  return configPath;
}

function runWrangler(args: string[]): void {
  const result = spawnSync(process.execPath, [wranglerEntry, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...OFFLINE_ENV, [PROCESS_MARKER_VARIABLE]: `${currentRunId()}/wrangler-${args[0]}` },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(
      `wrangler ${args.join(' ')} failed (exit ${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`,
    );
  }
}

async function waitForHealth(origin: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`wrangler dev exited (${child.exitCode}) before answering:\n${output()}`);
    try {
      if ((await fetch(`${origin}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`wrangler dev did not answer ${origin}/health within ${STARTUP_TIMEOUT_MS / 1000} s:\n${output()}`);
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const deadline = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(deadline);
      resolve(true);
    });
  });
}

/**
 * Ctrl-C to wrangler first: it stops workerd and reaps it. Whatever of this worker still runs then is killed,
 * children before parents, and waited for; its ports must be closed. Throws, saying what survived, otherwise.
 */
async function stopWorkerProcesses(child: ChildProcess, marker: string, ports: number[]): Promise<void> {
  const ours = (candidate: string) => candidate === marker;
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
  await waitForExit(child, GRACEFUL_STOP_MS);
  const survivors = await killMarkedProcesses(ours, KILL_TIMEOUT_MS);
  await waitForExit(child, KILL_TIMEOUT_MS);
  const unreaped = listMarkedProcesses(ours).filter((found) => !isRunning(found));
  const openPorts = await findOpenPorts(ports);
  if (survivors.length > 0 || openPorts.length > 0) {
    throw new Error(
      `wrangler dev did not stop: ${survivors.length} process(es) still run, ports still open: ${openPorts.join(', ') || 'none'}\n${describeProcesses(survivors)}`,
    );
  }
  if (unreaped.length > 0) console.warn(`[e2e] exited but not reaped yet:\n${describeProcesses(unreaped)}`);
}

/** The marker of this run (global-setup.ts), or one of its own when a script runs this outside the e2e project. */
function currentRunId(): string {
  try {
    return inject('e2eRunId');
  } catch {
    return `standalone-${process.pid}`;
  }
}

export async function startLocalWorker(options: LocalWorkerOptions = {}): Promise<LocalWorker> {
  const workDir = mkdtempSync(join(tmpdir(), 'mailgate-e2e-worker-'));
  const stateDir = join(workDir, 'state');
  const envFile = join(workDir, 'worker.env');
  const adminToken = `mg_admin_e2e_${randomBytes(16).toString('hex')}`;
  const emptyZoneDoh = options.vars?.MAILGATE_DOH_URL
    ? undefined
    : await startEmptyZoneDoh({ ...process.env, [PROCESS_MARKER_VARIABLE]: `${currentRunId()}/doh` });
  const secrets = {
    MAILGATE_ADMIN_TOKEN: adminToken,
    REPLY_TOKEN_SECRET: randomBytes(32).toString('base64url'),
    ...(emptyZoneDoh ? { MAILGATE_DOH_URL: emptyZoneDoh.url } : {}),
    ...options.vars,
  };
  // `--env-file` replaces .dev.vars: a developer's local secrets never reach the test, and the test's never leak.
  writeFileSync(
    envFile,
    Object.entries(secrets)
      .map(([name, value]) => `${name}=${value}`)
      .join('\n') + '\n',
    { mode: 0o600 },
  );

  let child: ChildProcess | undefined;
  let marker = '';
  let ports: number[] = [];
  let killOnExit: (() => void) | undefined;
  const stop = async () => {
    if (killOnExit) process.off('exit', killOnExit);
    try {
      if (child) await stopWorkerProcesses(child, marker, ports);
    } finally {
      await emptyZoneDoh?.close();
      rmSync(workDir, { recursive: true, force: true });
    }
  };
  const chunks: string[] = [];
  const output = () => chunks.join('').slice(-(options.outputChars ?? 8000));
  try {
    const extraDatabases = options.extraDatabases ?? [];
    const configArgs = extraDatabases.length > 0 ? ['--config', writeConfigWithDatabases(workDir, extraDatabases)] : [];
    for (const binding of ['DB', ...extraDatabases.map((database) => database.binding)])
      runWrangler(['d1', 'migrations', 'apply', binding, '--local', '--persist-to', stateDir, ...configArgs]);
    const seedFile = join(repoRoot, 'scripts/seed.sql');
    runWrangler(['d1', 'execute', 'DB', '--local', '--persist-to', stateDir, '--file', seedFile, ...configArgs]);
    if (options.extraSql) {
      const extraFile = join(workDir, 'extra.sql');
      writeFileSync(extraFile, options.extraSql);
      runWrangler(['d1', 'execute', 'DB', '--local', '--persist-to', stateDir, '--file', extraFile, ...configArgs]);
    }

    const [port, inspectorPort] = [options.port ?? (await freePort()), await freePort()];
    const origin = `http://127.0.0.1:${port}`;
    marker = `${currentRunId()}/wrangler-${port}`;
    ports = [port, inspectorPort];
    const launch = async () => {
      const started = spawn(
        process.execPath,
        [
          wranglerEntry,
          'dev',
          '--ip',
          '127.0.0.1',
          '--port',
          String(port),
          '--inspector-port',
          String(inspectorPort),
          '--persist-to',
          stateDir,
          '--env-file',
          envFile,
          '--show-interactive-dev-session=false',
          ...configArgs,
        ],
        {
          cwd: repoRoot,
          env: { ...process.env, ...OFFLINE_ENV, [PROCESS_MARKER_VARIABLE]: marker },
          // Its own process group: a Ctrl-C meant for the test run does not reach it before close() does.
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      child = started;
      // Should the test process exit without close() (a crash, a failed hook), the group goes with it.
      if (killOnExit) process.off('exit', killOnExit);
      killOnExit = () => {
        try {
          process.kill(-started.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      };
      process.once('exit', killOnExit);
      started.stdout!.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
      started.stderr!.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
      await waitForHealth(origin, started, output);
    };
    await launch();

    return {
      origin,
      adminToken,
      deliverMail: (raw, envelope) =>
        fetch(
          `${origin}/cdn-cgi/handler/email?from=${encodeURIComponent(envelope.from)}&to=${encodeURIComponent(envelope.to)}`,
          {
            method: 'POST',
            body: typeof raw === 'string' ? raw : new Uint8Array(raw),
          },
        ),
      api: (path, init = {}) => {
        const headers = new Headers(init.headers);
        headers.set('authorization', `Bearer ${adminToken}`);
        if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
        return requestWithoutKeepAlive(`${origin}${path}`, { ...init, headers });
      },
      output,
      stateDir,
      stop: async () => {
        if (child) await stopWorkerProcesses(child, marker, ports);
      },
      restart: launch,
      close: stop,
    };
  } catch (error) {
    await stop().catch((stopError: unknown) => console.error(stopError));
    throw error;
  }
}
