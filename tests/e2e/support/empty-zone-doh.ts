// A DNS-over-HTTPS server of an empty zone (every name NXDOMAIN) in a process of its own: a test that blocks its own
// event loop (spawnSync of the CLI) must not leave the worker's lookups unanswered. Run as a script, it listens on
// 127.0.0.1 at an ephemeral port and prints that port on its first line.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { answerDohQuery } from './doh-stub.ts';

export type EmptyZoneDoh = { url: string; close(): Promise<void> };

/** Starts the server process; `url` is its DoH endpoint (`…/dns-query`). */
export async function startEmptyZoneDoh(env: NodeJS.ProcessEnv = process.env): Promise<EmptyZoneDoh> {
  const child: ChildProcess = spawn(process.execPath, [fileURLToPath(import.meta.url)], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the DoH stub exited (${code}) before listening`)));
    child.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  });
  return {
    url: `http://127.0.0.1:${port}/dns-query`,
    close: () =>
      new Promise<void>((resolve) => {
        process.off('exit', killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/dns-json' });
    response.end(JSON.stringify(answerDohQuery({}, `http://doh${request.url}`)));
  });
  server.listen(0, '127.0.0.1', () => console.log((server.address() as AddressInfo).port));
}
