// bench:scale's `wrangler dev` processes: the offline environment, migrations and D1 files of a state folder, and one
// worker per filled database started, awaited and stopped as a process group.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The worker's secrets in the bench: not secret, only there because the worker refuses to run without them. */
export type WorkerVars = { adminToken: string; dohUrl: string };

/**
 * Wrangler without telemetry or network lookups; wrangler dev's Local Explorer and trace collector off unless
 * `devTools` (they record every invocation: about 90 ms of each mail's time on this machine).
 */
export function offlineWranglerEnv(devTools: boolean): NodeJS.ProcessEnv {
  return {
    ...process.env,
    WRANGLER_SEND_METRICS: 'false',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    WRANGLER_HIDE_BANNER: 'true',
    ...(devTools ? {} : { X_LOCAL_EXPLORER: 'false', X_LOCAL_OBSERVABILITY: 'false' }),
  };
}

export function wrangler(args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync('wrangler', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(' ')} failed (${result.status})`);
}

export function findSqliteFile(dir: string): string {
  const folder = join(dir, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = readdirSync(folder).find((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite');
  if (!file) throw new Error(`no D1 file under ${folder}`);
  return join(folder, file);
}

export async function waitForHealth(origin: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${origin}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error('wrangler dev did not answer /health in time');
}

export function startWorker(
  stateDir: string,
  port: number,
  { adminToken, dohUrl }: WorkerVars,
  env: NodeJS.ProcessEnv,
): ChildProcess {
  const vars = {
    MAILGATE_ADMIN_TOKEN: adminToken,
    REPLY_TOKEN_SECRET: 'bench-scale-secret-0123456789abcdef',
    MAILGATE_DOH_URL: dohUrl,
  };
  const varArgs = Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]);
  return spawn(
    'wrangler',
    ['dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', stateDir, '--inspector-port', '0', ...varArgs],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      env,
      detached: true,
    },
  );
}

export async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
}
