// What the e2e run leans on to leave nothing running: a process it started is found by its marker however deep in
// the tree, killed children first even when it ignores Ctrl-C, reaped (no zombie left), and its port is closed.
import { spawn } from 'node:child_process';
import { describe, expect, inject, it } from 'vitest';
import {
  findOpenPorts,
  isRunning,
  killMarkedProcesses,
  listMarkedProcesses,
  PROCESS_MARKER_VARIABLE,
} from './support/run-processes.ts';

/** A parent that ignores Ctrl-C and runs a child listening on 127.0.0.1: wrangler and its workerd, in small. */
const STUBBORN_TREE = `
process.on('SIGINT', () => {});
const child = require('node:child_process').spawn(process.execPath, ['-e', \`
  process.on('SIGINT', () => {});
  const server = require('node:net').createServer().listen(0, '127.0.0.1', () => console.log(server.address().port));
\`], { stdio: ['ignore', 'inherit', 'inherit'] });
setInterval(() => {}, 1000);
`;

describe('process cleanup', () => {
  it('finds a marked process tree, kills it children first, reaps it and sees its port closed', async () => {
    const marker = `${inject('e2eRunId')}/cleanup-test-${Date.now()}`;
    const ours = (candidate: string) => candidate === marker;
    const parent = spawn(process.execPath, ['-e', STUBBORN_TREE], {
      env: { ...process.env, [PROCESS_MARKER_VARIABLE]: marker },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const port = await new Promise<number>((resolve) =>
      parent.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
    );
    const exited = new Promise((resolve) => parent.once('exit', resolve));

    const found = listMarkedProcesses(ours);
    expect(
      found
        .filter(isRunning)
        .map((marked) => marked.parentPid)
        .sort(),
    ).toEqual([process.pid, parent.pid].sort());
    expect(await findOpenPorts([port])).toEqual([port]);
    parent.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(listMarkedProcesses(ours).filter(isRunning)).toHaveLength(2); // Ctrl-C was not enough

    expect(await killMarkedProcesses(ours, 5000)).toEqual([]);
    await exited;
    expect(listMarkedProcesses(ours)).toEqual([]); // not even a zombie: each parent outlived its child and reaped it
    expect(await findOpenPorts([port])).toEqual([]);
  });
});
