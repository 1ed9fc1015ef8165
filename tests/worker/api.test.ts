// The API's contract: bearer auth with hashed tokens, JSON errors, validated input.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../worker/api/app.ts';
import { hashToken } from '../../worker/api/auth.ts';
import { api, apiJson } from './helpers.ts';

describe('API', () => {
  it('answers /health and /openapi.json without a token', async () => {
    expect(await (await api('/health', { token: null })).json()).toEqual({ ok: true, service: 'mailgate' });
    const doc = await (await api('/openapi.json', { token: null })).json<{ openapi: string; paths: object }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/threads/{id}');
  });

  it('describes every API route it serves in /openapi.json', async () => {
    const doc = await (await api('/openapi.json', { token: null })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const app = createApp(() => ({}) as never);
    const served = app.routes
      .filter((route) => route.path.startsWith('/api/') && route.method !== 'ALL' && !route.path.includes('*'))
      .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    const described = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method} ${path}`),
    );
    expect(served.length).toBeGreaterThan(30);
    expect([...new Set(served)].filter((route) => !described.includes(route))).toEqual([]);
  });

  it('refuses /api without a token or with a wrong one, as JSON', async () => {
    const missing = await api('/api/threads', { token: null });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      error: { code: 'unauthorized', message: expect.stringContaining('Bearer') },
    });
    const wrong = await api('/api/threads', { token: 'not-the-token' });
    expect(wrong.status).toBe(401);
    expect((await wrong.json<{ error: { code: string } }>()).error.code).toBe('invalid_token');
  });

  it('accepts a stored token by its SHA-256 hash, and not once revoked', async () => {
    const token = `mg_${crypto.randomUUID()}`;
    const id = `tok_${crypto.randomUUID()}`;
    await env.DB.prepare("INSERT INTO api_tokens (id, name, token_hash, scope) VALUES (?, 'ci', ?, 'read')")
      .bind(id, await hashToken(token))
      .run();
    expect((await api('/api/threads', { token })).status).toBe(200);
    await env.DB.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ?').bind(Date.now(), id).run();
    expect((await api('/api/threads', { token })).status).toBe(401);
  });

  it('validates input: a bad query or body is a 400 that names the problem', async () => {
    const badLimit = await api('/api/inbound?limit=0');
    expect(badLimit.status).toBe(400);
    const body = await badLimit.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toMatch(/limit/);
    expect((await api('/api/inbound?status=lost')).status).toBe(400);
    const badJson = await api('/api/domains', { method: 'POST', body: '{not json' });
    expect(badJson.status).toBe(400);
    const badDomain = await api('/api/domains', { method: 'POST', body: JSON.stringify({ name: 'not a domain' }) });
    expect(badDomain.status).toBe(400);
    expect((await badDomain.json<{ error: { message: string } }>()).error.message).toMatch(/name/);
  });

  it('creates a domain once and reports a conflict the second time', async () => {
    const name = `d${crypto.randomUUID().slice(0, 8)}.example`;
    const created = await apiJson('/api/domains', {
      method: 'POST',
      body: JSON.stringify({ name: name.toUpperCase() }),
    });
    expect(created).toMatchObject({ name, catchall: 'catchall', bounce: 'bounce' });
    const again = await api('/api/domains', { method: 'POST', body: JSON.stringify({ name }) });
    expect(again.status).toBe(409);
    const list = await apiJson<{ items: { name: string }[] }>('/api/domains');
    expect(list.items.map((d) => d.name)).toContain(name);
  });

  it('answers 404 as JSON for unknown routes and ids', async () => {
    expect((await api('/api/threads/thr_missing')).status).toBe(404);
    const unknown = await api('/api/nothing-here');
    expect(unknown.status).toBe(404);
    expect((await unknown.json<{ error: { code: string } }>()).error.code).toBe('not_found');
  });
});

describe('thread pages', () => {
  it('walks threads most recently active first with nextCursor, none skipped or repeated', async () => {
    // Ids in one order, activity in another: an id-only cursor would skip or repeat threads here.
    const base = Date.parse('2031-01-01T00:00:00Z');
    const rows: [string, number][] = [
      ['thr_paging_a', base + 3000],
      ['thr_paging_b', base + 1000],
      ['thr_paging_c', base + 2000],
      ['thr_paging_d', base + 2000],
    ];
    for (const [id, at] of rows) {
      await env.DB.prepare(
        "INSERT INTO threads (id, subject, message_count, last_message_at) VALUES (?, 'paging', 1, ?)",
      )
        .bind(id, at)
        .run();
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await apiJson(
        `/api/threads?q=paging&limit=1${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`,
      );
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['thr_paging_a', 'thr_paging_d', 'thr_paging_c', 'thr_paging_b']);
    expect((await api('/api/threads?before=not-a-cursor')).status).toBe(400);
  });
});
