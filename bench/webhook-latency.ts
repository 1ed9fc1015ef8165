// bench:latency: time from a mail accepted by the local email endpoint to its webhook at a local receiver.
// Needs a running `npm start` worker (MAILGATE_URL, default http://127.0.0.1:8787); the token comes from .dev.vars, which
// also holds MAILGATE_ALLOW_PRIVATE_TARGETS=true (the receiver here is a 127.0.0.1 webhook).
// On a machine without Internet DNS, start the worker on the local DoH stub, or every SPF/DKIM/DMARC lookup waits
// for its timeout: `npm run doh-stub` and `MAILGATE_DOH_URL=http://127.0.0.1:8053/dns-query npm start`.
// Two clocks per mail: from the moment the mail is handed to the endpoint (processing included), and from the
// endpoint's answer (the mail accepted) to the webhook's arrival, the figure that matters to an ERP waiting for a reply.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const WORKER_URL = process.env.MAILGATE_URL ?? 'http://127.0.0.1:8787';
/** 200 mails: enough for a stable median and 95th percentile. */
const MAIL_COUNT = Number(process.env.MAILS ?? 200);
/** A webhook later than this counts as lost. */
const WAIT_LIMIT_MS = 30_000;
const token = readFileSync('.dev.vars', 'utf8')
  .match(/^MAILGATE_ADMIN_TOKEN=(.*)$/m)?.[1]
  ?.trim();
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
  fetch(`${WORKER_URL}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
const registered = await api('/api/webhooks', {
  method: 'POST',
  body: JSON.stringify({ url: `http://127.0.0.1:${port}/hook`, events: ['message.received'] }),
});
// A 400 here names the reason: usually a worker started without MAILGATE_ALLOW_PRIVATE_TARGETS=true.
if (!registered.ok) throw new Error(`cannot register the receiver: ${registered.status} ${await registered.text()}`);
const created = await registered.json();
/** npm start seeds example.com; the bench adds a thread alias of its own (a 409 on later runs is fine). */
const domain = process.env.MAILGATE_DOMAIN ?? 'example.com';
const alias = await api('/api/aliases', {
  method: 'POST',
  body: JSON.stringify({ address: `latency@${domain}`, action: 'thread' }),
});
if (!alias.ok && alias.status !== 409)
  throw new Error(`cannot create latency@${domain}: ${alias.status} ${await alias.text()}`);

const sent = new Map<string, number>();
const accepted = new Map<string, number>();
for (let i = 0; i < MAIL_COUNT; i += 1) {
  const subject = `latency ${i} ${Date.now()}`;
  // One sender per mail: the per-sender rate limit (20 in 120 minutes) would otherwise quarantine the rest.
  const sender = `customer${i}@sender.test`;
  const raw = `From: ${sender}\r\nTo: latency@${domain}\r\nSubject: ${subject}\r\nMessage-ID: <lat.${i}.${Date.now()}@sender.test>\r\nDate: ${new Date().toUTCString()}\r\n\r\nHello\r\n`;
  sent.set(subject, performance.now());
  const response = await fetch(`${WORKER_URL}/cdn-cgi/local/email?from=${sender}&to=latency@${domain}`, {
    method: 'POST',
    body: raw,
  });
  accepted.set(subject, performance.now());
  if (!response.ok) console.error(`mail ${i}: ${response.status} ${await response.text()}`);
}
const deadline = performance.now() + WAIT_LIMIT_MS;
while (arrivals.size < accepted.size && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
await api(`/api/webhooks/${created.id}`, { method: 'DELETE' });
server.close();

function summarize(startedAt: Map<string, number>) {
  const latencies = [...startedAt]
    .flatMap(([subject, at]) => (arrivals.has(subject) ? [arrivals.get(subject)! - at] : []))
    .sort((a, b) => a - b);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    received: latencies.length,
    medianMs: Math.round(pick(0.5)),
    p99Ms: Math.round(pick(0.99)),
    maxMs: Math.round(latencies.at(-1) ?? NaN),
  };
}
console.log(
  JSON.stringify({ mails: accepted.size, acceptedToWebhook: summarize(accepted), sentToWebhook: summarize(sent) }),
);
