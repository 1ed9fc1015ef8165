// `GET /api/stats` in workerd: per-day counts of received mail, bounces and complaints, by domain and token scope.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StatsJson } from '../../shared/api/stats.ts';
import {
  api,
  apiJson,
  buildArf,
  buildDsn,
  buildMail,
  deliverEmail,
  findInboundByMessageId,
  uniqueMessageId,
} from './helpers.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A domain of its own: the counts below are exact whatever the other test files put in the shared database. */
const DOMAIN = 'stats.example';

function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Delivers one message and returns its inbound row id and kind. */
async function receive(raw: string, envelope: { from: string; to: string }, messageId: string) {
  expect((await deliverEmail(raw, envelope)).rejected).toBeNull();
  const [row] = await findInboundByMessageId(messageId);
  expect(row).toBeDefined();
  return { id: row!.id as string, kind: row!.kind as string | null };
}

async function setReceivedAt(inboundId: string, ms: number): Promise<void> {
  await env.DB.prepare('UPDATE inbound_emails SET created_at = ? WHERE id = ?').bind(ms, inboundId).run();
}

const todayStart = Date.now() - (Date.now() % DAY_MS);
let scopedReader: string;

beforeAll(async () => {
  expect([201, 409]).toContain(
    (await api('/api/domains', { method: 'POST', body: JSON.stringify({ name: DOMAIN }) })).status,
  );
  expect([201, 409]).toContain(
    (
      await api('/api/aliases', {
        method: 'POST',
        body: JSON.stringify({ address: `inbox@${DOMAIN}`, action: 'thread' }),
      })
    ).status,
  );

  // Today: two mails, one bounce, one complaint. Three days ago: one mail. Forty days ago: one mail (outside 30 days).
  const mails = [];
  for (let index = 0; index < 4; index++) {
    const messageId = uniqueMessageId('stats');
    mails.push(
      await receive(
        buildMail({ to: `inbox@${DOMAIN}`, messageId }),
        { from: 'ann@sender.example', to: `inbox@${DOMAIN}` },
        messageId,
      ),
    );
  }
  const dsnId = uniqueMessageId('stats-dsn');
  const bounce = await receive(
    buildDsn({
      to: `bounce@${DOMAIN}`,
      messageId: dsnId,
      recipient: 'gone@remote.example',
      status: '5.1.1',
      diagnostic: '550 5.1.1 <gone@remote.example>: User unknown',
    }),
    { from: '', to: `bounce@${DOMAIN}` },
    dsnId,
  );
  const arfId = uniqueMessageId('stats-arf');
  const complaint = await receive(
    buildArf({
      complainant: 'angry@remote.example',
      originalMessageId: uniqueMessageId('orig'),
      to: `bounce@${DOMAIN}`,
      messageId: arfId,
    }),
    { from: 'feedback@fbl.remote.example', to: `bounce@${DOMAIN}` },
    arfId,
  );
  expect(bounce.kind).toBe('bounce');
  expect(complaint.kind).toBe('feedback');

  for (const row of [mails[0]!, mails[1]!, bounce, complaint]) await setReceivedAt(row.id, todayStart + 1);
  await setReceivedAt(mails[2]!.id, todayStart - 3 * DAY_MS + 60_000);
  await setReceivedAt(mails[3]!.id, todayStart - 40 * DAY_MS);

  const created = await apiJson<{ token: string }>('/api/tokens', {
    method: 'POST',
    body: JSON.stringify({ name: 'stats reader', scope: 'read', domain: DOMAIN }),
  });
  scopedReader = created.token;
});

describe('GET /api/stats', () => {
  it("counts a domain's mail, bounces and complaints per UTC day, every day of the window present", async () => {
    const stats = await apiJson<StatsJson>(`/api/stats?domain=${DOMAIN}&days=30`);
    expect(stats.domain).toBe(DOMAIN);
    expect(stats.days).toBe(30);
    expect(stats.series).toHaveLength(30);
    expect(stats.series.map((day) => day.date)).toEqual(
      Array.from({ length: 30 }, (_, index) => utcDate(todayStart - (29 - index) * DAY_MS)),
    );
    // Neither report is linked to mail of ours: each one's recipient is counted unverified.
    expect(stats.series.at(-1)).toEqual({
      date: utcDate(todayStart),
      inbound: 4,
      bounces: 1,
      complaints: 1,
      unverified: 2,
    });
    expect(stats.series.at(-4)).toEqual({
      date: utcDate(todayStart - 3 * DAY_MS),
      inbound: 1,
      bounces: 0,
      complaints: 0,
      unverified: 0,
    });
    // The mail of forty days ago is outside the window; every other day is empty.
    expect(stats.series.reduce((sum, day) => sum + day.inbound, 0)).toBe(5);
  });

  it('defaults to 30 days and honours a shorter window', async () => {
    expect((await apiJson<StatsJson>(`/api/stats?domain=${DOMAIN}`)).series).toHaveLength(30);
    const week = await apiJson<StatsJson>(`/api/stats?domain=${DOMAIN}&days=2`);
    expect(week.series.map((day) => day.inbound)).toEqual([0, 4]);
  });

  it('counts every domain for an installation-wide token that names none', async () => {
    const all = await apiJson<StatsJson>('/api/stats?days=30');
    const scoped = await apiJson<StatsJson>(`/api/stats?domain=${DOMAIN}&days=30`);
    expect(all.domain).toBeNull();
    // Other test files may add mail to example.com, never less than this domain's own.
    expect(all.series.at(-1)!.inbound).toBeGreaterThanOrEqual(scoped.series.at(-1)!.inbound);
    expect(all.series.at(-4)!.inbound).toBeGreaterThanOrEqual(1);
  });

  it('limits a domain-scoped token to its own domain', async () => {
    const own = await apiJson<StatsJson>('/api/stats', { token: scopedReader });
    expect(own.domain).toBe(DOMAIN);
    expect(own.series.at(-1)).toMatchObject({ inbound: 4, bounces: 1, complaints: 1 });
    expect((await api(`/api/stats?domain=${DOMAIN}`, { token: scopedReader })).status).toBe(200);
    const refused = await api('/api/stats?domain=example.com', { token: scopedReader });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('forbidden');
  });

  it('answers 404 for an unknown domain, 400 for a bad window, 401 without a token', async () => {
    expect((await api('/api/stats?domain=nowhere.example')).status).toBe(404);
    for (const days of ['0', '91', 'many']) {
      const response = await api(`/api/stats?days=${days}`);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/days/);
    }
    expect((await api('/api/stats', { token: null })).status).toBe(401);
  });

  it('is described in /openapi.json', async () => {
    const doc = await (await api('/openapi.json', { token: null })).json<{
      paths: Record<string, { get?: { parameters: { name: string }[] } }>;
    }>();
    expect(doc.paths['/api/stats']?.get?.parameters.map((parameter) => parameter.name)).toEqual(['domain', 'days']);
  });
});

describe('GET /api/threads?q=', () => {
  it('finds threads by subject or participant, literally, and keeps domain scoping', async () => {
    const marker = `Pallet ${crypto.randomUUID().slice(0, 8)}`;
    const sender = `q.${crypto.randomUUID().slice(0, 8)}@buyer.example`;
    const messageId = uniqueMessageId('q');
    await receive(
      buildMail({ to: `inbox@${DOMAIN}`, from: sender, subject: `${marker} 50%_off`, messageId }),
      { from: sender, to: `inbox@${DOMAIN}` },
      messageId,
    );

    type Page = { items: { id: string; subject: string | null }[] };
    const bySubject = await apiJson<Page>(`/api/threads?q=${encodeURIComponent(marker.toLowerCase())}`);
    expect(bySubject.items.map((thread) => thread.subject)).toEqual([`${marker} 50%_off`]);
    const bySender = await apiJson<Page>(`/api/threads?q=${encodeURIComponent(sender)}`);
    expect(bySender.items.map((thread) => thread.id)).toEqual(bySubject.items.map((thread) => thread.id));
    // `%` and `_` are text, not wildcards: "0%_o" matches, "5_%" (which a wildcard would match) does not.
    expect((await apiJson<Page>(`/api/threads?q=${encodeURIComponent(`${marker} 50%_o`)}`)).items).toHaveLength(1);
    expect((await apiJson<Page>(`/api/threads?q=${encodeURIComponent(`${marker} 5_%`)}`)).items).toHaveLength(0);
    // The domain-scoped list searches too, and only its own domain.
    expect(
      (await apiJson<Page>(`/api/threads?q=${encodeURIComponent(sender)}`, { token: scopedReader })).items,
    ).toHaveLength(1);
    const otherReader = await apiJson<{ token: string }>('/api/tokens', {
      method: 'POST',
      body: JSON.stringify({ name: 'example reader', scope: 'read', domain: 'example.com' }),
    });
    expect(
      (await apiJson<Page>(`/api/threads?q=${encodeURIComponent(sender)}`, { token: otherReader.token })).items,
    ).toHaveLength(0);
  });
});
