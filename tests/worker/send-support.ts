// Helpers of the sending tests: the worker called with a Queue that only records (so that each test runs the outbox
// itself), and the simulated `send_email` binding behind a recorder that keeps the exact message handed to it.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import worker, { buildOutboxDeps } from '../../worker/index.ts';
import { consumeDeliveryMessages } from '../../worker/deliver/consumer.ts';
import { ADMIN_TOKEN } from './helpers.ts';

export type RecordingQueue = Queue & { bodies: unknown[] };

export function createRecordingQueue(): RecordingQueue {
  const bodies: unknown[] = [];
  return {
    bodies,
    async send(body: unknown) {
      bodies.push(body);
    },
    async sendBatch(messages: Iterable<{ body: unknown }>) {
      for (const message of messages) bodies.push(message.body);
    },
  } as unknown as RecordingQueue;
}

/** Before each call: null lets the message through to the simulated binding, an error is thrown instead. */
export type BindingScript = (call: number) => Error | null;

export type RecordingBinding = { binding: SendEmail; handed: EmailMessageBuilder[]; results: { messageId: string }[] };

export function createRecordingBinding(script: BindingScript = () => null): RecordingBinding {
  const handed: EmailMessageBuilder[] = [];
  const results: { messageId: string }[] = [];
  const binding = {
    async send(message: EmailMessageBuilder) {
      // A deep copy: what the outbox handed over, exactly, whatever happens to the object later.
      handed.push(JSON.parse(JSON.stringify(message)));
      const failure = script(handed.length);
      if (failure) throw failure;
      const result = await env.EMAIL.send(message);
      results.push(result);
      return result;
    },
  } as unknown as SendEmail;
  return { binding, handed, results };
}

/** An error as the binding throws it: a message and the Email Service's `code`. */
export function bindingError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/** Calls the worker's fetch handler with a Queue that records instead of delivering. */
export async function callSendApi(
  queue: RecordingQueue,
  path: string,
  init: RequestInit & { token?: string } = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${init.token ?? ADMIN_TOKEN}`);
  if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`https://mailgate.test${path}`, { ...init, headers }),
    { ...env, DELIVERIES: queue },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

/** Runs the delivery consumer over what the Queue recorded (and empties it), with the given mail binding. */
export async function drainQueue(
  queue: RecordingQueue,
  email: SendEmail,
  now: () => number = () => Date.now(),
): Promise<void> {
  while (queue.bodies.length > 0) {
    const bodies = queue.bodies.splice(0);
    const deps = { ...buildOutboxDeps({ ...env, DELIVERIES: queue, EMAIL: email }), now, random: () => 0.5 };
    await consumeDeliveryMessages(
      deps,
      bodies.map((body) => ({ body, ack() {}, retry() {} })),
    );
  }
}

export async function suppress(
  domainId: string,
  address: string,
  source: 'bounce' | 'complaint' | 'manual',
  reason: string,
): Promise<void> {
  await env.DB.prepare(
    `INSERT INTO suppressions (domain_id, address, suppressed_at, reason, source, bounce_count, complained, updated_at)
     VALUES (?, ?, ?, ?, ?, 0, ?, ?)
     ON CONFLICT (domain_id, address) DO UPDATE SET suppressed_at = excluded.suppressed_at, reason = excluded.reason,
       source = excluded.source, complained = excluded.complained`,
  )
    .bind(domainId, address.toLowerCase(), Date.now(), reason, source, source === 'complaint' ? 1 : 0, Date.now())
    .run();
}

export async function eventsOfType(
  type: string,
  threadId: string,
): Promise<{ id: string; payload: Record<string, any> }[]> {
  const rows = await env.DB.prepare('SELECT id, payload FROM events WHERE type = ? AND thread_id = ? ORDER BY id')
    .bind(type, threadId)
    .all<{ id: string; payload: string }>();
  return rows.results.map((row) => ({ id: row.id, payload: JSON.parse(row.payload) }));
}
