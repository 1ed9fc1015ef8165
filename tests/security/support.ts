// Helpers of the adversarial suite: tenants with their own tokens, and a network that records every request the
// outbox tries to make (nothing leaves the test: a target that must never be reached shows up as a recorded call).
import { env } from 'cloudflare:test';
import { expect } from 'vitest';
import { runDueDeliveries, dispatchEvent, type OutboxDeps } from '../../worker/deliver/outbox.ts';
import { createDatabase } from '../../worker/store/db.ts';
import { api, apiJson } from '../worker/helpers.ts';

export const db = createDatabase(env.DB);

/** Adds a domain (idempotent across the tests of one file) and answers its id. */
export async function ensureDomain(name: string): Promise<string> {
  const response = await api('/api/domains', { method: 'POST', body: JSON.stringify({ name }) });
  expect([201, 409]).toContain(response.status);
  const row = await env.DB.prepare('SELECT id FROM domains WHERE name = ?').bind(name).first<{ id: string }>();
  return row!.id;
}

/** A new API token (made with the bootstrap admin token); `domain` binds it to one domain. */
export async function createToken(scope: 'admin' | 'read' | 'write', domain?: string): Promise<string> {
  const created = await apiJson<{ token: string }>('/api/tokens', {
    method: 'POST',
    body: JSON.stringify({ name: `${scope} ${domain ?? 'installation'}`, scope, ...(domain ? { domain } : {}) }),
  });
  return created.token;
}

export type RecordedRequest = { url: string; body: string };

/** A fetch that answers `answer` and remembers what it was asked: the outbox's only way out in these tests. */
export function createRecordingFetch(answer: () => Response = () => new Response('ok', { status: 200 })) {
  const requests: RecordedRequest[] = [];
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    requests.push({ url, body: String(init.body ?? '') });
    return answer();
  };
  return { fetch, requests };
}

export function buildTestOutboxDeps(fetch: OutboxDeps['fetch'], extra: Partial<OutboxDeps> = {}): OutboxDeps {
  return {
    db,
    bucket: env.MAIL,
    fetch,
    now: () => Date.now(),
    random: () => 0.5,
    readSecret: () => undefined,
    ...extra,
  };
}

/** Fans one event out and attempts its deliveries once; answers the deliveries as `GET /api/deliveries` shows them. */
export async function deliverEventOnce(deps: OutboxDeps, eventId: string) {
  const { deliveryIds } = await dispatchEvent(deps, eventId);
  await runDueDeliveries(deps, deliveryIds);
  const list = await apiJson<{
    items: {
      id: string;
      targetId: string;
      status: string;
      lastError: string | null;
      attemptLog: { responseSnippet: string | null; error: string | null }[];
    }[];
  }>(`/api/deliveries?eventId=${eventId}`);
  return list.items;
}
