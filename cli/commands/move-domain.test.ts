import { afterEach, describe, expect, it } from 'vitest';
import { sendJson, startLocalServer, type LocalServer } from '../../tests/fakes/local-server.ts';
import { UsageError } from '../io.ts';
import { captureStdout } from '../testing/capture-output.ts';
import { command } from './move-domain.ts';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const step = (state: string, queries = 600) => ({
  domain: 'acme.example',
  from: 'DB',
  to: 'DB_2',
  state,
  tables: null,
  queries,
});

describe('mailgate move-domain', () => {
  it('posts steps until the gateway says done, resuming through a 503, one JSON line per step', async () => {
    const seen: { url: string | undefined; auth: unknown; body: unknown }[] = [];
    const answers: [number, unknown][] = [
      [200, step('copying')],
      [503, { error: { code: 'domain_moving', message: 'busy' } }],
      [200, step('deleting')],
      [200, step('done', 12)],
    ];
    server = await startLocalServer((request, body, response) => {
      seen.push({ url: request.url, auth: request.headers.authorization, body: JSON.parse(body.toString('utf8')) });
      const [status, answer] = answers.shift()!;
      sendJson(response, status, answer);
    });
    const lines = captureStdout();
    const code = await command.run([
      'acme.example',
      '--to',
      'DB_2',
      '--url',
      server.url,
      '--token',
      'admin-1',
      '--max-queries',
      '300',
    ]);
    expect(code).toBe(0);
    expect(seen).toHaveLength(4);
    expect(seen[0]).toEqual({
      url: '/api/domains/acme.example/move',
      auth: 'Bearer admin-1',
      body: { to: 'DB_2', maxQueries: 300 },
    });
    expect(lines.map((line) => JSON.parse(line).state)).toEqual(['copying', 'deleting', 'done']);
  });

  it('sends a dry run once and prints the plan', async () => {
    const plan = { ...step('planned', 3), tables: [{ table: 'messages', source: 4, target: null }] };
    const bodies: unknown[] = [];
    server = await startLocalServer((_request, body, response) => {
      bodies.push(JSON.parse(body.toString('utf8')));
      sendJson(response, 200, plan);
    });
    const lines = captureStdout();
    expect(await command.run(['acme.example', '--to', 'DB_2', '--dry-run', '--url', server.url, '--token', 't'])).toBe(
      0,
    );
    expect(bodies).toEqual([{ to: 'DB_2', dryRun: true }]);
    expect(lines.map((line) => JSON.parse(line))).toEqual([plan]);
  });

  it("prints the gateway's refusal and exits 1", async () => {
    server = await startLocalServer((_request, _body, response) =>
      sendJson(response, 400, { error: { code: 'invalid_input', message: 'to: DB_9 is not a D1 binding' } }),
    );
    const lines = captureStdout();
    expect(await command.run(['acme.example', '--to', 'DB_9', '--url', server.url, '--token', 't'])).toBe(1);
    expect(JSON.parse(lines[0]!)).toEqual({
      domain: 'acme.example',
      to: 'DB_9',
      status: 400,
      error: 'to: DB_9 is not a D1 binding',
    });
  });

  it('needs a domain, a target and a token', async () => {
    await expect(command.run(['--to', 'DB_2', '--token', 't'])).rejects.toThrow(UsageError);
    await expect(command.run(['acme.example', '--token', 't'])).rejects.toThrow(UsageError);
    await expect(command.run(['acme.example', '--to', 'DB_2'])).rejects.toThrow(UsageError);
  });
});
