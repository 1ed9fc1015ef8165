// The private Postfix instances' directories and lifetimes: each records the test process that started it, so that an
// instance left running by a process killed before its teardown is stopped by the next start, and an instance still
// running when its own process exits is aborted then.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const POSTFIX = '/usr/sbin/postfix';
const INSTANCE_PREFIX = 'mailgate-postfix-';
/** The pid of the test process that started an instance, in the instance's directory. */
const OWNER_FILE = 'owner.pid';

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function abortInstance(conf: string): void {
  try {
    execFileSync(POSTFIX, ['-c', conf, 'abort'], { stdio: 'ignore', timeout: 30_000 });
  } catch {
    // Not running any more.
  }
}

/** A new instance directory under the system's temporary directory, owned by this process. */
export function createInstanceDir(): string {
  const dir = mkdtempSync(join(tmpdir(), INSTANCE_PREFIX));
  writeFileSync(join(dir, OWNER_FILE), String(process.pid));
  return dir;
}

/**
 * Stops the instances whose test process is gone (killed before its teardown ran): their master would hold its ports
 * and its directory forever. Instances of a test process still running are left alone.
 */
export function stopOrphanedInstances(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(INSTANCE_PREFIX)) continue;
    const dir = join(tmpdir(), name);
    const owner = Number(existsSync(join(dir, OWNER_FILE)) ? readFileSync(join(dir, OWNER_FILE), 'utf8') : NaN);
    if (!Number.isInteger(owner) || isProcessAlive(owner)) continue;
    abortInstance(join(dir, 'conf'));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Config directories of instances not stopped yet: aborted when the process exits without their teardown. */
const running = new Set<string>();
process.once('exit', () => {
  for (const conf of running) abortInstance(conf);
});

export function trackRunningInstance(conf: string): void {
  running.add(conf);
}

export function forgetRunningInstance(conf: string): void {
  running.delete(conf);
}
