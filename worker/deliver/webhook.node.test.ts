// Contract tests: deliverWebhook with the real fetch against a local receiver that verifies independently.
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../tests/fakes/local-server.ts';
import { startWebhookReceiver, type WebhookReceiverOptions } from '../../tests/fakes/webhook-receiver.ts';
import type { DeliveryDeps } from './attempt-outcome.ts';
import { MAX_DELIVERY_ATTEMPTS, nextRetryDelayMs } from './backoff.ts';
import { deliverWebhook, type WebhookEvent } from './webhook.ts';
import { generateWebhookSecret } from './webhook-signature.ts';

const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function receiver(options: WebhookReceiverOptions) {
  const started = await startWebhookReceiver(options);
  servers.push(started);
  return started;
}

/** A clock the test moves by hand: retries "wait" days without waiting. */
function createFakeClock(startMs = Date.UTC(2026, 0, 5, 9, 0, 0)) {
  let nowMs = startMs;
  return { now: () => nowMs, advance: (ms: number) => (nowMs += ms) };
}

function deps(clock: { now(): number }, timeoutMs = 2_000): DeliveryDeps {
  return { fetch: (input, init) => fetch(input, init), now: clock.now, timeoutMs };
}

const event: WebhookEvent = {
  id: 'evt_01JH0000000000000000000001',
  type: 'message.received',
  timestamp: '2026-01-05T09:00:00.000Z',
  data: { message: { subject: 'Devis n°42 — café', from: 'élodie@example.fr' } },
};

describe('deliverWebhook', () => {
  it('delivers a signed event that an independent verifier accepts, with the contract body', async () => {
    const secret = generateWebhookSecret();
    const clock = createFakeClock();
    const endpoint = await receiver({ secret, now: clock.now });
    const outcome = await deliverWebhook({ url: `${endpoint.url}/hooks`, secrets: [secret] }, event, deps(clock));
    expect(outcome).toMatchObject({ ok: true, disposition: 'delivered', status: 200, responseSnippet: 'ok' });
    expect(outcome.error).toBeUndefined();
    expect(endpoint.received).toHaveLength(1);
    const [delivery] = endpoint.received;
    expect(delivery!.verified).toBe(true);
    expect(delivery!.id).toBe(event.id);
    expect(delivery!.timestamp).toBe(String(Math.floor(clock.now() / 1000)));
    expect(JSON.parse(delivery!.body.toString('utf8'))).toEqual({
      type: event.type,
      timestamp: event.timestamp,
      data: event.data,
    });
  });

  it('signs with both secrets during a rotation: receivers holding either one accept', async () => {
    const oldSecret = generateWebhookSecret();
    const newSecret = generateWebhookSecret();
    const clock = createFakeClock();
    for (const secret of [oldSecret, newSecret]) {
      const endpoint = await receiver({ secret, now: clock.now });
      const outcome = await deliverWebhook({ url: endpoint.url, secrets: [newSecret, oldSecret] }, event, deps(clock));
      expect(outcome.disposition).toBe('delivered');
      expect(endpoint.received[0]!.verified).toBe(true);
      expect(endpoint.received[0]!.signature!.split(' ')).toHaveLength(2);
    }
  });

  it('is rejected (and retried) when signed with a secret the receiver does not hold', async () => {
    const clock = createFakeClock();
    const endpoint = await receiver({ secret: generateWebhookSecret(), now: clock.now });
    const outcome = await deliverWebhook({ url: endpoint.url, secrets: [generateWebhookSecret()] }, event, deps(clock));
    expect(outcome).toMatchObject({ ok: false, disposition: 'retry', status: 401, failure: 'http-status' });
    expect(outcome.responseSnippet).toBe('no signature matches');
  });

  it('disables the endpoint on 410 Gone', async () => {
    const secret = generateWebhookSecret();
    const clock = createFakeClock();
    const endpoint = await receiver({ secret, now: clock.now, fixedStatus: 410 });
    const outcome = await deliverWebhook({ url: endpoint.url, secrets: [secret] }, event, deps(clock));
    expect(outcome).toMatchObject({ ok: false, disposition: 'disable-endpoint', status: 410, failure: 'gone' });
  });

  it('retries 5xx and 429, keeping Retry-After and the first KiB of the answer', async () => {
    const longAnswer = 'x'.repeat(5000);
    const server = await startLocalServer((request, _body, response) => {
      const status = request.url === '/busy' ? 429 : 500;
      response.writeHead(status, status === 429 ? { 'retry-after': '120' } : {});
      response.end(longAnswer);
    });
    servers.push(server);
    const clock = createFakeClock();
    const failing = await deliverWebhook(
      { url: `${server.url}/boom`, secrets: [generateWebhookSecret()] },
      event,
      deps(clock),
    );
    expect(failing).toMatchObject({ disposition: 'retry', status: 500, failure: 'http-status' });
    expect(failing.responseSnippet).toBe('x'.repeat(1024));
    const busy = await deliverWebhook(
      { url: `${server.url}/busy`, secrets: [generateWebhookSecret()] },
      event,
      deps(clock),
    );
    expect(busy).toMatchObject({ disposition: 'retry', status: 429, retryAfterMs: 120_000 });
  });

  it('does not follow redirects: a 302 is retried with the location in the error', async () => {
    const server = await startLocalServer((_request, _body, response) => {
      response.writeHead(302, { location: 'https://elsewhere.example/hooks' });
      response.end();
    });
    servers.push(server);
    const outcome = await deliverWebhook(
      { url: server.url, secrets: [generateWebhookSecret()] },
      event,
      deps(createFakeClock()),
    );
    expect(outcome).toMatchObject({ disposition: 'retry', status: 302, failure: 'redirect' });
    expect(outcome.error).toContain('https://elsewhere.example/hooks');
  });

  it('retries on timeout, aborting the request', { timeout: 30_000 }, async () => {
    const secret = generateWebhookSecret();
    // The receiver answers long after the 100 ms timeout, so that a timer fired late on a loaded machine still comes
    // first; an attempt that waited for the answer would last all of RECEIVER_DELAY_MS.
    const RECEIVER_DELAY_MS = 10_000;
    const endpoint = await receiver({ secret, delayMs: RECEIVER_DELAY_MS });
    const realClock = { now: () => Date.now() };
    const outcome = await deliverWebhook({ url: endpoint.url, secrets: [secret] }, event, deps(realClock, 100));
    expect(outcome).toMatchObject({ ok: false, disposition: 'retry', status: null, failure: 'timeout' });
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(90);
    expect(outcome.latencyMs).toBeLessThan(RECEIVER_DELAY_MS / 2);
  });

  it('retries when the connection is refused', async () => {
    const server = await startLocalServer(() => undefined);
    const url = server.url;
    await server.close();
    const outcome = await deliverWebhook({ url, secrets: [generateWebhookSecret()] }, event, deps(createFakeClock()));
    expect(outcome).toMatchObject({ ok: false, disposition: 'retry', status: null, failure: 'network' });
    expect(outcome.error).toMatch(/ECONNREFUSED|connect|fetch failed/i);
  });

  it('fails permanently, without calling, when a secret is unusable', async () => {
    let called = false;
    const outcome = await deliverWebhook({ url: 'http://127.0.0.1:9/', secrets: ['whsec_***'] }, event, {
      fetch: async () => {
        called = true;
        return new Response('');
      },
      now: () => 0,
      timeoutMs: 100,
    });
    expect(outcome).toMatchObject({ disposition: 'permanent-failure', failure: 'configuration' });
    expect(called).toBe(false);
  });

  it('reaches an endpoint failing its first 5 attempts, with the same webhook-id every time', async () => {
    const secret = generateWebhookSecret();
    const clock = createFakeClock();
    const endpoint = await receiver({ secret, now: clock.now, failFirst: 5 });
    const dispositions: string[] = [];
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt += 1) {
      const outcome = await deliverWebhook({ url: endpoint.url, secrets: [secret] }, event, deps(clock));
      dispositions.push(outcome.disposition);
      if (outcome.ok) break;
      clock.advance(nextRetryDelayMs(attempt)!);
    }
    expect(dispositions).toEqual(['retry', 'retry', 'retry', 'retry', 'retry', 'delivered']);
    expect(endpoint.received.every((delivery) => delivery.verified && delivery.id === event.id)).toBe(true);
    expect(new Set(endpoint.received.map((delivery) => delivery.timestamp)).size).toBe(6);
  });

  it('delivers 1,000 events to an endpoint failing half the time: none lost, one id each', async () => {
    const secret = generateWebhookSecret();
    const clock = createFakeClock();
    let seed = 42;
    const seededRandom = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const endpoint = await receiver({ secret, now: clock.now, failRate: 0.5, random: seededRandom });
    const events = Array.from({ length: 1000 }, (_, index) => ({ ...event, id: `evt_${index}`, data: { index } }));
    const deadLettered: string[] = [];
    const deliverWithRetries = async (item: WebhookEvent) => {
      for (let attempt = 1; ; attempt += 1) {
        const outcome = await deliverWebhook({ url: endpoint.url, secrets: [secret] }, item, deps(clock));
        if (outcome.ok) return;
        if (nextRetryDelayMs(attempt) === null) return void deadLettered.push(item.id);
      }
    };
    for (let start = 0; start < events.length; start += 25) {
      await Promise.all(events.slice(start, start + 25).map(deliverWithRetries));
    }
    expect(deadLettered).toEqual([]);
    const accepted = endpoint.received.filter((delivery) => delivery.status === 200);
    expect(accepted).toHaveLength(1000);
    expect(new Set(accepted.map((delivery) => delivery.id)).size).toBe(1000);
    // Every body arrived under its own event's id.
    expect(accepted.every((delivery) => `evt_${JSON.parse(delivery.body.toString()).data.index}` === delivery.id)).toBe(
      true,
    );
    expect(endpoint.received.length).toBeGreaterThan(1500);
  });

  it('delivers everything to an endpoint that was down for two simulated days', async () => {
    const secret = generateWebhookSecret();
    const clock = createFakeClock();
    const outageEndsAt = clock.now() + 2 * 24 * 3_600_000;
    const endpoint = await receiver({ secret, now: clock.now, isDown: () => clock.now() < outageEndsAt });
    // A tiny outbox: each event waits for its own next attempt time; the clock jumps to the earliest one.
    const pending = Array.from({ length: 100 }, (_, index) => ({
      event: { ...event, id: `evt_down_${index}` },
      attempt: 1,
      dueAt: clock.now() + index * 60_000,
    }));
    const deliveredIds: string[] = [];
    while (pending.length > 0) {
      pending.sort((a, b) => a.dueAt - b.dueAt);
      const next = pending.shift()!;
      clock.advance(Math.max(0, next.dueAt - clock.now()));
      const outcome = await deliverWebhook({ url: endpoint.url, secrets: [secret] }, next.event, deps(clock));
      if (outcome.ok) {
        deliveredIds.push(next.event.id);
        continue;
      }
      const delay = nextRetryDelayMs(next.attempt);
      expect(delay, `${next.event.id} dead-lettered during a two-day outage`).not.toBeNull();
      pending.push({ ...next, attempt: next.attempt + 1, dueAt: clock.now() + delay! });
    }
    expect(new Set(deliveredIds).size).toBe(100);
    expect(clock.now()).toBeGreaterThanOrEqual(outageEndsAt);
    expect(endpoint.received.filter((delivery) => delivery.status === 503).length).toBeGreaterThan(100);
  });
});
