// The probes inside workerd with the real D1/R2/Queue: GET /health/deep, and the cron probe raising and resolving alerts.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { DomainReport } from '../../shared/api/dns.ts';
import { runProbes, type ProbeDeps } from '../../worker/probes/run-probes.ts';
import { createDatabase } from '../../worker/store/db.ts';
import { api, apiJson, buildMail, deliverEmail, uniqueMessageId } from './helpers.ts';

const HOUR_MS = 60 * 60 * 1000;

async function createDomain(name: string, silenceAlertMinutes: number | null = null): Promise<void> {
  await apiJson('/api/domains', { method: 'POST', body: JSON.stringify({ name }) });
  if (silenceAlertMinutes !== null) {
    await apiJson(`/api/domains/${name}`, { method: 'PATCH', body: JSON.stringify({ silenceAlertMinutes }) });
  }
}

function report(domain: string, failing: string[]): DomainReport {
  return {
    domain,
    checkedAt: new Date().toISOString(),
    status: failing.length ? 'fail' : 'ok',
    findings: [
      {
        check: 'mx',
        status: failing.includes('mx') ? 'fail' : 'ok',
        found: 'mx.oldhost.example',
        expected: 'route1.mx.cloudflare.net',
        why: 'x',
      },
      {
        check: 'spf',
        status: failing.includes('spf') ? 'fail' : 'ok',
        found: null,
        expected: 'v=spf1 include:_spf.mx.cloudflare.net ~all',
        why: 'y',
      },
    ],
  };
}

function probeDeps(now: Date, overrides: Partial<ProbeDeps> = {}): ProbeDeps {
  return {
    db: createDatabase(env.DB),
    now: () => now,
    thresholds: { backlog: 100, failed: 100 },
    checkDns: async (domain) => report(domain, []),
    ...overrides,
  };
}

async function openAlertKeys(): Promise<string[]> {
  const rows = await env.DB.prepare('SELECT key FROM alerts WHERE resolved_at IS NULL ORDER BY key').all<{
    key: string;
  }>();
  return rows.results.map((row) => row.key);
}

describe('GET /health/deep', () => {
  it('checks D1, R2 and the queue and reports the last mail per domain and the oldest unfinished message', async () => {
    await createDomain('deep.test');
    await deliverEmail(buildMail({ messageId: uniqueMessageId('deep'), to: 'inbox@example.com' }));
    const response = await api('/health/deep');
    expect(response.status).toBe(200);
    const health = await response.json<any>();
    expect(health.checks).toMatchObject({ d1: { ok: true }, r2: { ok: true }, queue: { ok: true } });
    const example = health.domains.find((domain: any) => domain.name === 'example.com');
    expect(Date.now() - Date.parse(example.lastReceivedAt)).toBeLessThan(60_000);
    expect(health.domains.find((domain: any) => domain.name === 'deep.test')).toEqual({
      name: 'deep.test',
      lastReceivedAt: null,
      silenceAlertMinutes: null,
    });
    expect(health.deliveries).toMatchObject({ backlog: expect.any(Number), dead: expect.any(Number) });

    await env.DB.prepare(
      "INSERT INTO inbound_emails (id, raw_key, checksum, size_bytes, envelope_from, envelope_to, status, created_at) VALUES ('inb_000000000stuck', 'raw/x.eml', 'stuck-checksum', 1, 'a@b.example', 'inbox@example.com', 'pending', ?)",
    )
      .bind(Date.now() - HOUR_MS)
      .run();
    const later = await (await api('/health/deep')).json<any>();
    expect(later.inbound.oldestUnfinished).toMatchObject({ id: 'inb_000000000stuck', status: 'pending' });
    expect(later.inbound.oldestUnfinished.ageSeconds).toBeGreaterThanOrEqual(3599);
    await env.DB.prepare("DELETE FROM inbound_emails WHERE id = 'inb_000000000stuck'").run();
  });

  it('is for installation-wide admin tokens only', async () => {
    expect((await api('/health/deep', { token: null })).status).toBe(401);
    const write = await apiJson('/api/tokens', { method: 'POST', body: JSON.stringify({ name: 'w', scope: 'write' }) });
    expect((await api('/health/deep', { token: write.token })).status).toBe(403);
  });
});

describe('the cron probe', () => {
  it('raises a silence alert once, with its alert.raised event, and resolves it when mail arrives', async () => {
    await createDomain('quiet.test', 60);
    const twoHoursOn = new Date(Date.now() + 2 * HOUR_MS);
    const first = await runProbes(probeDeps(twoHoursOn));
    const silence = first.raised.find((alert) => alert.domain === 'quiet.test');
    expect(silence).toMatchObject({ kind: 'silence' });
    expect(silence!.message).toMatch(/^No mail received for quiet\.test for 2 h \(window 60 min; none ever\)/);
    const event = await env.DB.prepare(
      "SELECT type, domain_id, payload FROM events WHERE type = 'alert.raised' AND payload LIKE ?",
    )
      .bind(`%${silence!.id}%`)
      .first<{ type: string; domain_id: string; payload: string }>();
    expect(JSON.parse(event!.payload).alert).toEqual(silence);
    expect((await api('/health/deep').then((r) => r.json<any>())).alerts.map((alert: any) => alert.id)).toContain(
      silence!.id,
    );

    const again = await runProbes(probeDeps(twoHoursOn));
    expect(again.raised.filter((alert) => alert.domain === 'quiet.test')).toEqual([]);

    await deliverEmail(buildMail({ messageId: uniqueMessageId('quiet'), to: 'catchall@quiet.test' }), {
      to: 'catchall@quiet.test',
    });
    const afterMail = await runProbes(probeDeps(new Date(Date.now() + 10 * 60 * 1000)));
    expect(afterMail.resolved).toContain(silence!.id);
    const quiet = await apiJson('/api/domains/quiet.test');
    expect(quiet.silenceAlertMinutes).toBe(60);
    expect(await openAlertKeys()).not.toContain(`silence:${quiet.id}`);
  });

  it('raises the failures alert past its threshold and resolves it below', async () => {
    const now = new Date();
    const failing = await env.DB.prepare(
      "INSERT INTO inbound_emails (id, raw_key, checksum, size_bytes, envelope_from, envelope_to, status, created_at) VALUES ('inb_00000000failed1', 'raw/f1.eml', 'failed-1', 1, 'a@b.example', 'inbox@example.com', 'failed', ?), ('inb_00000000failed2', 'raw/f2.eml', 'failed-2', 1, 'a@b.example', 'inbox@example.com', 'failed', ?)",
    )
      .bind(now.getTime(), now.getTime())
      .run();
    expect(failing.success).toBe(true);
    const failedNow = (await env.DB.prepare("SELECT count(*) AS n FROM inbound_emails WHERE status = 'failed'").first<{
      n: number;
    }>())!.n;
    const raised = await runProbes(probeDeps(now, { thresholds: { backlog: 100, failed: failedNow - 1 } }));
    expect(raised.raised.find((alert) => alert.kind === 'failures')?.details).toMatchObject({
      failedLastDay: failedNow,
      threshold: failedNow - 1,
    });
    const cleared = await runProbes(probeDeps(now, { thresholds: { backlog: 100, failed: failedNow } }));
    expect(cleared.resolved).toHaveLength(1);
    expect(await openAlertKeys()).not.toContain('failures');
    await env.DB.prepare("DELETE FROM inbound_emails WHERE id IN ('inb_00000000failed1', 'inb_00000000failed2')").run();
  });

  it('re-checks DNS once a day: a record that stops matching raises an alert, one that matches again resolves it', async () => {
    await createDomain('dnsdrift.test');
    const start = new Date(Date.now() + 3 * 24 * HOUR_MS);
    const broken = (domain: string) => Promise.resolve(report(domain, domain === 'dnsdrift.test' ? ['mx'] : []));
    const first = await runProbes(probeDeps(start, { checkDns: broken }));
    expect(first.dnsChecked).toBe(true);
    const dns = first.raised.find((alert) => alert.kind === 'dns' && alert.domain === 'dnsdrift.test');
    expect(dns!.message).toBe('The DNS records of dnsdrift.test no longer match what the gateway expects: mx.');
    expect(dns!.details.failing).toEqual([
      { check: 'mx', found: 'mx.oldhost.example', expected: 'route1.mx.cloudflare.net' },
    ]);

    // An hour later DNS is not asked again, and the open DNS alert stays.
    let asked = 0;
    const fixed = (domain: string) => {
      asked++;
      return Promise.resolve(report(domain, []));
    };
    const hourLater = await runProbes(probeDeps(new Date(start.getTime() + HOUR_MS), { checkDns: fixed }));
    expect(hourLater).toMatchObject({ dnsChecked: false });
    expect(asked).toBe(0);
    expect(await openAlertKeys()).toContain(`dns:${(await apiJson('/api/domains/dnsdrift.test')).id}`);

    const nextDay = await runProbes(probeDeps(new Date(start.getTime() + 25 * HOUR_MS), { checkDns: fixed }));
    expect(nextDay.dnsChecked).toBe(true);
    expect(asked).toBeGreaterThan(0);
    expect(nextDay.resolved).toContain(dns!.id);
  });
});
