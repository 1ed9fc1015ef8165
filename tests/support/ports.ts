// Ports on 127.0.0.1 for the test servers: free ones picked at run time (a fixed port held by a process left over from
// an earlier run fails a test with a confusing error), and a clear error naming the holder when one is taken anyway.
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => resolve(server));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** `count` distinct ports that nothing listens on (held together while picked, so that no two are the same). */
export async function pickFreePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let index = 0; index < count; index++) servers.push(await listen(0));
    return servers.map((server) => (server.address() as { port: number }).port);
  } finally {
    await Promise.all(servers.map(close));
  }
}

/** Who listens on a TCP port, in ss(8)'s words ("users:(("master",pid=123,fd=13))"), or why that is unknown. */
export function describePortHolder(port: number): string {
  try {
    const listeners = execFileSync('ss', ['-ltnpH'], { encoding: 'utf8', timeout: 5_000 }).split('\n');
    const line = listeners.find((entry) => entry.split(/\s+/)[3]?.endsWith(`:${port}`));
    return line?.match(/users:\(.*\)/)?.[0] ?? 'a process ss(8) does not show';
  } catch {
    return 'a process that could not be named (ss(8) failed)';
  }
}

/**
 * Throws, naming the port and the process holding it, when one of `ports` is taken on 127.0.0.1: a server that then
 * fails to bind would leave the tests talking to whatever holds the port.
 */
export async function assertPortsFree(ports: number[], purpose: string): Promise<void> {
  for (const port of ports) {
    let server: Server;
    try {
      server = await listen(port);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new Error(
        `${purpose}: port ${port} on 127.0.0.1 is not free (${code ?? String(error)}), held by ${describePortHolder(port)}. ` +
          'A server left over from an earlier run? Stop it (for a Postfix master: `postfix -c <its config dir> stop`, ' +
          'or kill its pid) and run the tests again.',
      );
    }
    await close(server);
  }
}
