// A bench's own worker under `wrangler dev` (real workerd): started from a generated config, stopped with its group.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot, wrangler, WRANGLER_ENV } from './html/common.ts';

export type BenchWorker = { name: string; main: string; port: number; outDir: string; nodejsCompat?: boolean };

/**
 * Starts `wrangler dev` for `worker.main` (a path from the repository root) and resolves, once it answers on
 * `readyPath`, with wrangler's process id and the function that stops it (and workerd with it).
 */
export async function startBenchWorker(
  worker: BenchWorker,
  readyPath: string,
): Promise<{ pid: number; stop: () => void }> {
  mkdirSync(worker.outDir, { recursive: true });
  const config = join(worker.outDir, 'wrangler.toml');
  const flags = worker.nodejsCompat ? `compatibility_flags = ["nodejs_compat"]\n` : '';
  writeFileSync(
    config,
    `name = "${worker.name}"\nmain = "${relative(worker.outDir, join(repoRoot, worker.main))}"\ncompatibility_date = "2026-10-01"\n${flags}`,
  );
  const child = spawn(wrangler, ['dev', '--config', config, '--port', String(worker.port), '--ip', '127.0.0.1'], {
    cwd: repoRoot,
    env: WRANGLER_ENV,
    stdio: 'ignore',
    detached: true,
  });
  const stop = (): void => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  for (let attempt = 0; attempt < 120; attempt++) {
    const ready = await fetch(`http://127.0.0.1:${worker.port}${readyPath}`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { pid: child.pid!, stop };
    await new Promise((done) => setTimeout(done, 500));
  }
  stop();
  throw new Error(`wrangler dev did not answer on port ${worker.port}`);
}
