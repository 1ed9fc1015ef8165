// `npm run doh-stub`: a DNS-over-HTTPS (JSON API) server on 127.0.0.1 answering from a zone file, for benchmarks and
// local runs on machines without Internet DNS. Point the worker at it: MAILGATE_DOH_URL=http://127.0.0.1:8053/dns-query
// npm start (npm start passes the variable on to wrangler dev). Names outside the zone answer NXDOMAIN at once.
// Usage: npm run doh-stub [-- --zone bench/fixtures/dns-zone.json --port 8053 --delay-ms 15 --verbose]
import { readFileSync } from 'node:fs';
import { createDohZoneHandler } from '../tests/fakes/doh-zone.ts';
import { startLocalServer } from '../tests/fakes/local-server.ts';

function readOption(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

const zonePath = readOption('zone', 'bench/fixtures/dns-zone.json');
const port = Number(readOption('port', '8053'));
/** Added to every answer: a real resolver is a network round trip away (Cloudflare's 1.1.1.1 answers in ~10–20 ms). */
const delayMs = Number(readOption('delay-ms', '15'));
const verbose = process.argv.includes('--verbose');
const answer = createDohZoneHandler(JSON.parse(readFileSync(zonePath, 'utf8')));

const server = await startLocalServer(async (request, _body, response) => {
  const reply = await answer(new Request(new URL(request.url ?? '/', 'http://127.0.0.1')));
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  response.writeHead(reply.status, { 'content-type': reply.headers.get('content-type') ?? 'application/dns-json' });
  response.end(await reply.text());
  if (verbose) console.error(`${new Date().toISOString()} ${request.url}`);
}, port);
console.error(`DoH stub serving ${zonePath} on ${server.url}/dns-query (answers delayed ${delayMs} ms)`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void server.close().then(() => process.exit(0)));
