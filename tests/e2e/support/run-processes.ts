// The processes an e2e run starts besides the browsers (wrangler, and the workerd it runs) carry a marker in their
// environment, inherited by every child: a test stops exactly its own, waits until they are gone and its ports are
// closed, and the run's global teardown proves that none outlived it. Linux: read from /proc.
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';

/** The environment variable holding `<run id>/<process tag>`. */
export const PROCESS_MARKER_VARIABLE = 'MAILGATE_E2E_PROCESS';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Names this e2e run in the marker of every process it starts (global-setup.ts). */
    e2eRunId: string;
  }
}

export type MarkedProcess = { pid: number; parentPid: number; state: string; command: string; marker: string };

function readProcFile(pid: string, file: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'latin1');
  } catch {
    return null; // gone meanwhile, or not ours to read
  }
}

/** Every process whose marker `accepts`, with its state (`Z`: exited, waiting for its parent to reap it). */
export function listMarkedProcesses(accepts: (marker: string) => boolean): MarkedProcess[] {
  const found: MarkedProcess[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const entry = readProcFile(pid, 'environ')
      ?.split('\0')
      .find((variable) => variable.startsWith(`${PROCESS_MARKER_VARIABLE}=`));
    const marker = entry?.slice(PROCESS_MARKER_VARIABLE.length + 1);
    if (marker === undefined || !accepts(marker)) continue;
    // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so read after its last `)`.
    const stat = readProcFile(pid, 'stat') ?? '';
    const [state = '?', parentPid = '0'] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const command = (readProcFile(pid, 'cmdline') ?? '').split('\0').join(' ').trim().slice(0, 200);
    found.push({ pid: Number(pid), parentPid: Number(parentPid), state, command, marker });
  }
  return found;
}

/** Still running: a zombie has exited already (its parent has not read its status yet). */
export function isRunning(marked: MarkedProcess): boolean {
  return marked.state !== 'Z' && marked.state !== 'X';
}

export function describeProcesses(processes: MarkedProcess[]): string {
  return processes.map((marked) => `pid ${marked.pid} (${marked.state}) ${marked.command}`).join('\n');
}

/**
 * Kills what still runs of the marked processes, children before parents: a parent that is still alive reaps its
 * killed child, where an orphan would wait for PID 1 (which reaps nothing in some containers). Resolves with
 * whatever still runs after `timeoutMs`.
 */
export async function killMarkedProcesses(
  accepts: (marker: string) => boolean,
  timeoutMs: number,
): Promise<MarkedProcess[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const running = listMarkedProcesses(accepts).filter(isRunning);
    if (running.length === 0 || Date.now() > deadline) return running;
    const parents = new Set(running.map((marked) => marked.parentPid));
    const leaves = running.filter((marked) => !parents.has(marked.pid));
    for (const marked of leaves.length > 0 ? leaves : running) {
      try {
        process.kill(marked.pid, 'SIGKILL');
      } catch {
        // exited meanwhile
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The ports among `ports` that still accept a connection on 127.0.0.1. */
export async function findOpenPorts(ports: number[]): Promise<number[]> {
  const open = await Promise.all(
    ports.map(
      (port) =>
        new Promise<boolean>((resolve) => {
          const socket = connect({ host: '127.0.0.1', port });
          socket.setTimeout(1000);
          socket.once('connect', () => {
            socket.destroy();
            resolve(true);
          });
          socket.once('timeout', () => {
            socket.destroy();
            resolve(true);
          });
          socket.once('error', () => resolve(false));
        }),
    ),
  );
  return ports.filter((_, index) => open[index]);
}
