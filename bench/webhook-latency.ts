// bench:latency: time from a mail accepted by the local email endpoint to its webhook at a local receiver.
// Needs a running `npm start` worker (MAILGATE_URL, default http://127.0.0.1:8787); the token comes from .dev.vars.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const WORKER_URL = process.env.MAILGATE_URL ?? 'http://127.0.0.1:8787';
/** The issue asks for at least 200 mails. */
const MAIL_COUNT = Number(process.env.MAILS ?? 200);
/** A webhook later than this counts as lost. */
const WAIT_LIMIT_MS = 30_000;
const token = readFileSync('.dev.vars', 'utf8').match(/^MAILGATE_ADMIN_TOKEN=(.*)$/m)?.[1]?.trim();
if (!token) throw new Error('no MAILGATE_ADMIN_TOKEN in .dev.vars: run npm start first');

const arrivals = new Map<string, number>();
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const subject: string | undefined = body?.data?.message?.subject;
    if (body.type === 'message.received' && subject?.startsWith('latency ')) arrivals.set(subject, performance.now());
    response.writeHead(204).end();
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as { port: number }).port;
const api = (path: string, init: RequestInit = {}) =>
  fetch(`${WORKER_URL}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
const created = await (await api('/api/webhooks', { method: 'POST', body: JSON.stringify({ url: `http://127.0.0.1:${port}/hook`, events: ['message.received'] }) })).json();
const domains = (await (await api('/api/domains')).json()).items as { name: string }[];
const domain = domains[0]?.name ?? 'example.com';

const accepted = new Map<string, number>();
for (let i = 0; i < MAIL_COUNT; i += 1) {
  const subject = `latency ${i} ${Date.now()}`;
  const raw = `From: bench@sender.test\r\nTo: catchall@${domain}\r\nSubject: ${subject}\r\nMessage-ID: <lat.${i}.${Date.now()}@sender.test>\r\nDate: ${new Date().toUTCString()}\r\n\r\nHello\r\n`;
  const response = await fetch(`${WORKER_URL}/cdn-cgi/local/email?from=bench@sender.test&to=inbox@${domain}`, { method: 'POST', body: raw });
  accepted.set(subject, performance.now());
  if (!response.ok) console.error(`mail ${i}: ${response.status} ${await response.text()}`);
}
const deadline = performance.now() + WAIT_LIMIT_MS;
while (arrivals.size < accepted.size && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
await api(`/api/webhooks/${created.id}`, { method: 'DELETE' });
server.close();

const latencies = [...accepted].flatMap(([subject, at]) => (arrivals.has(subject) ? [arrivals.get(subject)! - at] : [])).sort((a, b) => a - b);
const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
console.log(JSON.stringify({ mails: accepted.size, received: latencies.length, medianMs: Math.round(pick(0.5)), p99Ms: Math.round(pick(0.99)), maxMs: Math.round(latencies.at(-1) ?? NaN) }));
