// API security in workerd: scoped tokens (created once, revoked), domain guards, CORS, body size and rate limits.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_REQUESTS_PER_WINDOW } from '../../worker/api/rate-limit.ts';
import { api, apiJson, buildMail, deliverEmail, findInboundByMessageId, uniqueMessageId } from './helpers.ts';

async function createToken(
  body: Record<string, unknown>,
): Promise<{ id: string; token: string; scope: string; domain: string | null }> {
  const response = await api('/api/tokens', { method: 'POST', body: JSON.stringify(body) });
  expect(response.status).toBe(201);
  return response.json();
}

async function receiveAt(domain: string): Promise<string> {
  const messageId = uniqueMessageId('sec');
  await deliverEmail(buildMail({ to: `catchall@${domain}`, messageId }), { to: `catchall@${domain}` });
  const [row] = await findInboundByMessageId(messageId);
  expect(row).toBeDefined();
  return row!.id as string;
}

let alphaReader: string;
let alphaWriter: string;
let alphaInbound: string;
let betaInbound: string;

beforeAll(async () => {
  for (const name of ['alpha.example', 'beta.example']) {
    const response = await api('/api/domains', { method: 'POST', body: JSON.stringify({ name }) });
    expect([201, 409]).toContain(response.status);
  }
  alphaReader = (await createToken({ name: 'alpha reader', scope: 'read', domain: 'alpha.example' })).token;
  alphaWriter = (await createToken({ name: 'alpha writer', scope: 'write', domain: 'alpha.example' })).token;
  alphaInbound = await receiveAt('alpha.example');
  betaInbound = await receiveAt('beta.example');
});

describe('tokens', () => {
  it('shows the token once and stores only its SHA-256', async () => {
    const created = await createToken({ name: 'erp', scope: 'write' });
    expect(created.token).toMatch(/^mg_write_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ scope: 'write', domain: null });
    const stored = await env.DB.prepare('SELECT token_hash FROM api_tokens WHERE id = ?')
      .bind(created.id)
      .first<{ token_hash: string }>();
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(created.token));
    const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
    expect(stored?.token_hash).toBe(hex);
    const listed = await apiJson<{ items: Record<string, unknown>[] }>('/api/tokens');
    const item = listed.items.find((entry) => entry.id === created.id);
    expect(item).toMatchObject({ name: 'erp', scope: 'write', revokedAt: null });
    expect(item).not.toHaveProperty('token');
    expect(JSON.stringify(listed)).not.toContain(created.token);
  });

  it('records when a token was last used', async () => {
    const created = await createToken({ name: 'usage', scope: 'read' });
    const before = await apiJson<{ items: { id: string; lastUsedAt: string | null }[] }>('/api/tokens');
    expect(before.items.find((item) => item.id === created.id)?.lastUsedAt).toBeNull();
    expect((await api('/api/inbound', { token: created.token })).status).toBe(200);
    let lastUsedAt: string | null | undefined = null;
    // The update runs after the answer (waitUntil): poll until it lands, with a deadline generous for a loaded machine.
    const deadline = Date.now() + 20_000;
    while (!lastUsedAt && Date.now() < deadline) {
      const after = await apiJson<{ items: { id: string; lastUsedAt: string | null }[] }>('/api/tokens');
      lastUsedAt = after.items.find((item) => item.id === created.id)?.lastUsedAt;
      if (!lastUsedAt) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(lastUsedAt, 'lastUsedAt still unset 20 s after the token was used').toBeTruthy();
    expect(Math.abs(Date.parse(lastUsedAt ?? '') - Date.now())).toBeLessThan(60_000);
  });

  it('revokes a token: it stops working at once', async () => {
    const created = await createToken({ name: 'temporary', scope: 'read' });
    expect((await api('/api/inbound', { token: created.token })).status).toBe(200);
    expect((await api(`/api/tokens/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    const refused = await api('/api/inbound', { token: created.token });
    expect(refused.status).toBe(401);
    expect((await api(`/api/tokens/${created.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses an admin token bound to a domain, and a token for an unknown domain', async () => {
    expect(
      (
        await api('/api/tokens', {
          method: 'POST',
          body: JSON.stringify({ name: 'x', scope: 'admin', domain: 'alpha.example' }),
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await api('/api/tokens', {
          method: 'POST',
          body: JSON.stringify({ name: 'x', scope: 'read', domain: 'nowhere.example' }),
        })
      ).status,
    ).toBe(404);
  });

  it('lets only installation-wide admin tokens manage tokens', async () => {
    const writer = await createToken({ name: 'w', scope: 'write' });
    expect((await api('/api/tokens', { token: writer.token })).status).toBe(403);
    expect((await api('/api/tokens', { token: alphaWriter })).status).toBe(403);
  });
});

describe('scopes and domains', () => {
  it("lets a domain-scoped token read its own domain's message", async () => {
    const response = await api(`/api/inbound/${alphaInbound}`, { token: alphaReader });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { to: string }).to).toBe('catchall@alpha.example');
  });

  it('answers 403 when a domain-scoped token reads another domain (row, raw bytes, replay)', async () => {
    const row = await api(`/api/inbound/${betaInbound}`, { token: alphaReader });
    expect(row.status).toBe(403);
    expect(await row.json()).toEqual({
      error: { code: 'forbidden', message: 'this token is limited to another domain' },
    });
    expect((await api(`/api/inbound/${betaInbound}/raw`, { token: alphaReader })).status).toBe(403);
    expect((await api(`/api/inbound/${betaInbound}/replay`, { method: 'POST', token: alphaWriter })).status).toBe(403);
    expect((await api('/api/domains/beta.example', { token: alphaReader })).status).toBe(403);
  });

  it("lists only the token's own domain", async () => {
    const page = await apiJson<{ items: { id: string; to: string; route: string | null }[] }>(
      '/api/inbound?limit=200',
      { token: alphaReader },
    );
    expect(page.items.map((item) => item.id)).toContain(alphaInbound);
    expect(page.items.every((item) => item.to.endsWith('@alpha.example'))).toBe(true);
    // Filters still apply to a scoped list: no alpha row was routed as a bounce.
    const bounces = await apiJson<{ items: { route: string | null }[] }>('/api/inbound?limit=200&route=bounce', {
      token: alphaReader,
    });
    expect(bounces.items).toEqual([]);
    const routed = await apiJson<{ items: { id: string; route: string | null }[] }>(
      `/api/inbound?limit=200&route=${page.items[0]!.route ?? 'none'}`,
      { token: alphaReader },
    );
    expect(routed.items.length).toBeGreaterThan(0);
    expect(routed.items.every((item) => item.route === page.items[0]!.route)).toBe(true);
    const insertThread = (id: string, domain: string) =>
      env.DB.prepare('INSERT INTO threads (id, domain_id, subject) SELECT ?, id, ? FROM domains WHERE name = ?')
        .bind(id, `thread of ${domain}`, domain)
        .run();
    await insertThread('thr_security_alpha', 'alpha.example');
    await insertThread('thr_security_beta', 'beta.example');
    const threads = await apiJson<{ items: { id: string }[] }>('/api/threads?limit=200', { token: alphaReader });
    expect(threads.items.map((thread) => thread.id)).toEqual(['thr_security_alpha']);
    const all = await apiJson<{ items: { id: string }[] }>('/api/threads?limit=200');
    expect(all.items.map((thread) => thread.id)).toEqual(
      expect.arrayContaining(['thr_security_alpha', 'thr_security_beta']),
    );
    expect((await api('/api/threads/thr_security_beta', { token: alphaReader })).status).toBe(403);
    expect((await api('/api/threads/thr_security_alpha', { token: alphaReader })).status).toBe(200);
  });

  it('refuses writes to a read token and installation-wide resources to a domain token', async () => {
    expect((await api(`/api/inbound/${alphaInbound}/replay`, { method: 'POST', token: alphaReader })).status).toBe(403);
    expect((await api(`/api/inbound/${alphaInbound}/replay`, { method: 'POST', token: alphaWriter })).status).toBe(200);
    expect(
      (
        await api('/api/domains', {
          method: 'POST',
          body: JSON.stringify({ name: 'gamma.example' }),
          token: alphaWriter,
        })
      ).status,
    ).toBe(403);
    expect((await api('/api/tokens', { token: alphaWriter })).status).toBe(403);
  });

  it("lets a domain token manage its own domain's aliases and outbound mail, and nothing of another domain", async () => {
    const domains = await apiJson<{ items: { name: string }[] }>('/api/domains', { token: alphaReader });
    expect(domains.items.map((domain) => domain.name)).toEqual(['alpha.example']);

    const create = (address: string, token: string) =>
      api('/api/aliases', { method: 'POST', body: JSON.stringify({ address, action: 'thread' }), token });
    const own = await create('desk@alpha.example', alphaWriter);
    expect(own.status).toBe(201);
    const ownAlias = (await own.json()) as { id: string };
    expect((await create('desk@beta.example', alphaWriter)).status).toBe(403);
    expect((await create('desk2@alpha.example', alphaReader)).status).toBe(403);

    const betaAlias = await apiJson<{ id: string }>('/api/aliases', {
      method: 'POST',
      body: JSON.stringify({ address: 'help@beta.example', action: 'thread' }),
    });
    const aliases = await apiJson<{ items: { address: string }[] }>('/api/aliases', { token: alphaReader });
    expect(aliases.items.map((alias) => alias.address)).toContain('desk@alpha.example');
    expect(aliases.items.every((alias) => alias.address.endsWith('@alpha.example'))).toBe(true);
    expect(
      (
        await api(`/api/aliases/${betaAlias.id}`, {
          method: 'PATCH',
          body: JSON.stringify({ policy: 'known' }),
          token: alphaWriter,
        })
      ).status,
    ).toBe(403);
    expect((await api(`/api/aliases/${betaAlias.id}`, { method: 'DELETE', token: alphaWriter })).status).toBe(403);
    expect(
      (
        await api(`/api/aliases/${ownAlias.id}`, {
          method: 'PATCH',
          body: JSON.stringify({ policy: 'known' }),
          token: alphaWriter,
        })
      ).status,
    ).toBe(200);

    const outbound = (domain: string | undefined) =>
      api('/api/outbound', {
        method: 'POST',
        body: JSON.stringify({ ...(domain ? { domain } : {}), to: ['x@customer.example'], subject: 'Hi' }),
        token: alphaWriter,
      });
    const minted = await outbound(undefined);
    expect(minted.status).toBe(201);
    expect(((await minted.json()) as { replyTo: string }).replyTo).toMatch(/@alpha\.example$/);
    expect((await outbound('beta.example')).status).toBe(403);
  });
});

describe('CORS', () => {
  function preflight(origin: string) {
    return api('/api/inbound', {
      method: 'OPTIONS',
      token: null,
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
  }

  it("allows a preflight from the extension's origins and from a configured origin", async () => {
    for (const origin of [
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
      'moz-extension://0f7c2f58-8f5c-4a3b-9b1e-2a1e1d2c3b4a',
      'https://admin.mailgate.test',
    ]) {
      const response = await preflight(origin);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    }
  });

  it('refuses a preflight from any other origin', async () => {
    const response = await preflight('https://evil.example');
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await api('/api/inbound', { headers: { origin: 'https://evil.example' } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('limits', () => {
  it('answers 413 to a body over the limit', async () => {
    const response = await api('/api/domains', {
      method: 'POST',
      body: JSON.stringify({ name: 'big.example', padding: 'x'.repeat(1024 * 1024 + 1) }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('too_large');
  });

  it('answers 429 once a token exceeds its rate, with Retry-After', async () => {
    const { token } = await createToken({ name: 'flood', scope: 'read' });
    const statuses: number[] = [];
    for (let i = 0; i < API_REQUESTS_PER_WINDOW; i++)
      statuses.push((await api('/api/threads?limit=1', { token })).status);
    expect(new Set(statuses)).toEqual(new Set([200]));
    const limited = await api('/api/inbound?limit=1', { token });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another token is not affected.
    expect((await api('/api/inbound?limit=1', { token: alphaReader })).status).toBe(200);
  });
});
