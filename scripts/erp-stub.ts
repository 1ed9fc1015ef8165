// `npm run erp-stub`: a local ERP stand-in that verifies mailgate's webhook signatures and prints each event.
import { parseArgs } from 'node:util';
import { startWebhookReceiver, type ReceivedWebhook } from '../tests/fakes/webhook-receiver.ts';

const DEFAULT_PORT = 8788;
const DEFAULT_WORKER_URL = 'http://127.0.0.1:8787';
/** Long values (HTML bodies, texts) are cut so one event stays a few lines. */
const PRINTED_VALUE_CHARS = 120;

const usage = `usage: npm run erp-stub -- [--port ${DEFAULT_PORT}] [--secret whsec_…] [--raw]
  --secret   the secret POST /api/webhooks returned (or env MAILGATE_WEBHOOK_SECRET); without it nothing is verified
  --raw      also print each body as received`;

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    secret: { type: 'string' },
    raw: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port must be a port number\n${usage}`);
  process.exit(2);
}
const secret = values.secret ?? process.env.MAILGATE_WEBHOOK_SECRET;
if (secret !== undefined && !/^whsec_[A-Za-z0-9+/]+={0,2}$/.test(secret)) {
  console.error(`--secret must look like whsec_<base64>\n${usage}`);
  process.exit(2);
}

const receiver = await startWebhookReceiver({ port, ...(secret ? { secret } : {}), onDelivery: printDelivery });
console.log(`mailgate ERP stub listening on ${receiver.url}/`);
if (secret) {
  console.log(`verifying Standard Webhooks signatures with ${secret.slice(0, 10)}…; bad signatures get 401`);
} else {
  console.log('NO SECRET: signatures are not verified. Register the stub, then restart it with the secret');
  console.log('(a 127.0.0.1 target needs MAILGATE_ALLOW_PRIVATE_TARGETS=true in .dev.vars, which `npm start` writes):');
  console.log(
    `  curl -s -X POST ${DEFAULT_WORKER_URL}/api/webhooks -H "authorization: Bearer $MAILGATE_ADMIN_TOKEN" ` +
      `-H 'content-type: application/json' -d '{"url": "${receiver.url}/"}'`,
  );
  console.log('  npm run erp-stub -- --secret whsec_…   (or MAILGATE_WEBHOOK_SECRET=whsec_… npm run erp-stub)');
}
console.log('waiting for events (Ctrl-C to stop)…\n');

function printDelivery(delivery: ReceivedWebhook): void {
  const time = new Date().toISOString().slice(11, 19);
  let event: { type?: unknown; timestamp?: unknown; data?: unknown } = {};
  try {
    event = JSON.parse(delivery.body.toString('utf8')) as typeof event;
  } catch {
    // Printed below as "not JSON".
  }
  const verdict =
    delivery.status === 401
      ? `✗ 401 REJECTED (${delivery.problem})`
      : delivery.problem === 'unchecked'
        ? '? unverified'
        : '✓ signature ok';
  console.log(`${time} ${String(event.type ?? '(not JSON)')} ${delivery.id ?? '(no webhook-id)'}  ${verdict}`);
  for (const line of describeEventData(String(event.type ?? ''), event.data)) console.log(`    ${line}`);
  if (values.raw) console.log(`    body: ${delivery.body.toString('utf8')}`);
}

/** The few lines a developer wants to see for each event type; other types show their top-level fields. */
function describeEventData(type: string, data: unknown): string[] {
  if (!isObject(data)) return data === undefined ? [] : [`data: ${clip(JSON.stringify(data))}`];
  const message = isObject(data.message) ? data.message : data;
  if (type === 'record.requested') {
    const lines = [`model: ${String(data.model ?? '(none)')}${data.alias ? `  alias: ${String(data.alias)}` : ''}`];
    const values = isObject(data.values) ? data.values : isObject(data.defaults) ? data.defaults : {};
    for (const [field, value] of Object.entries(values)) lines.push(`  ${field} = ${clip(JSON.stringify(value))}`);
    if (message !== data || message.subject) lines.push(...describeMessage(message));
    return lines;
  }
  if (type.startsWith('message.') || type === 'thread.created') return describeMessage(message);
  return Object.entries(data).map(([field, value]) => `${field}: ${clip(JSON.stringify(value))}`);
}

function describeMessage(message: Record<string, unknown>): string[] {
  const lines = [`from: ${formatAddress(message.from)}  to: ${formatAddress(message.to)}`];
  lines.push(`subject: ${clip(String(message.subject ?? '(none)'))}`);
  const text = message.replyText ?? message.text;
  if (typeof text === 'string' && text.trim()) lines.push(`text: ${clip(text.trim().replace(/\s+/g, ' '))}`);
  return lines;
}

function formatAddress(value: unknown): string {
  if (Array.isArray(value)) return value.map(formatAddress).join(', ');
  if (isObject(value)) return value.name ? `${String(value.name)} <${String(value.address)}>` : String(value.address);
  return value === undefined ? '(none)' : String(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clip(text: string): string {
  return text.length > PRINTED_VALUE_CHARS ? `${text.slice(0, PRINTED_VALUE_CHARS - 1)}…` : text;
}
