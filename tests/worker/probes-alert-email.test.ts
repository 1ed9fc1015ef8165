// The cron probe's alert email inside workerd: the deployment's vars wired by buildProbeDeps, the real D1, and the
// simulated `send_email` binding behind a recorder that keeps the exact message handed to it.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { DomainReport } from '../../shared/api/dns.ts';
import { buildProbeDeps } from '../../worker/index.ts';
import { runProbes, type ProbeDeps } from '../../worker/probes/run-probes.ts';
import { apiJson } from './helpers.ts';
import { bindingError, createRecordingBinding, suppress, type RecordingBinding } from './send-support.ts';

const HOUR_MS = 60 * 60 * 1000;
const ADMIN = 'ops@admin.example';

/** A domain that has heard nothing for longer than its 60-minute window once the clock is two hours on. */
async function createSilentDomain(name: string): Promise<string> {
  const created = await apiJson('/api/domains', { method: 'POST', body: JSON.stringify({ name }) });
  await apiJson(`/api/domains/${name}`, { method: 'PATCH', body: JSON.stringify({ silenceAlertMinutes: 60 }) });
  return created.id;
}

const healthyDns = async (domain: string): Promise<DomainReport> => ({
  domain,
  checkedAt: new Date().toISOString(),
  status: 'ok',
  findings: [],
});

/** The worker's own probe wiring over the test env, with a clock, no internet DNS and thresholds out of the way. */
function probeDeps(vars: Partial<Cloudflare.Env>, binding: RecordingBinding, now: Date): ProbeDeps {
  return {
    ...buildProbeDeps({ ...env, ...vars, EMAIL: binding.binding }),
    now: () => now,
    checkDns: healthyDns,
    thresholds: { backlog: 1_000_000, failed: 1_000_000 },
  };
}

const mailsAbout = (binding: RecordingBinding, alertId: string) =>
  binding.handed.filter(
    (message) => (message as { headers?: Record<string, string> }).headers?.['X-Mailgate-Alert'] === alertId,
  );

describe('the alert email', () => {
  it('mails a newly raised alert to the admin once, from the configured sender, and never again on the next run', async () => {
    await createSilentDomain('alertfrom.test');
    await createSilentDomain('silent-one.test');
    const binding = createRecordingBinding();
    const vars = {
      MAILGATE_ALERT_EMAIL: ADMIN,
      MAILGATE_ALERT_FROM: 'alerts@alertfrom.test',
      MAILGATE_PUBLIC_URL: 'https://mailgate.example.com/',
    };
    const twoHoursOn = new Date(Date.now() + 2 * HOUR_MS);
    const first = await runProbes(probeDeps(vars, binding, twoHoursOn));
    const alert = first.raised.find((raised) => raised.domain === 'silent-one.test')!;
    expect(alert.kind).toBe('silence');

    const [message, ...more] = mailsAbout(binding, alert.id);
    expect(more).toEqual([]);
    expect(message).toMatchObject({
      from: { email: 'alerts@alertfrom.test', name: 'mailgate alerts' },
      to: [ADMIN],
      subject: '[mailgate] no mail received: silent-one.test',
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Mailgate-Alert': alert.id },
    });
    expect(message).not.toHaveProperty('html');
    const text = (message as { text: string }).text;
    expect(text).toContain(alert.message);
    expect(text).toContain(`Since:      ${twoHoursOn.toISOString()}`);
    expect(text).toContain('Domain:     silent-one.test');
    expect(text).toMatch(/What to do: Check the domain's MX records/);
    expect(text).toContain('https://mailgate.example.com/health/deep');
    // Every alert of the run was mailed, each once.
    expect(binding.handed).toHaveLength(first.raised.length);
    expect(binding.results).toHaveLength(first.raised.length);

    const second = await runProbes(probeDeps(vars, binding, new Date(twoHoursOn.getTime() + 5 * 60 * 1000)));
    expect(second.raised).toEqual([]);
    expect(binding.handed).toHaveLength(first.raised.length);
  });

  it('sends from mailgate-alerts@ the first domain by name when MAILGATE_ALERT_FROM is not set', async () => {
    await createSilentDomain('silent-two.test');
    const binding = createRecordingBinding();
    const result = await runProbes(
      probeDeps({ MAILGATE_ALERT_EMAIL: ADMIN }, binding, new Date(Date.now() + 3 * HOUR_MS)),
    );
    const alert = result.raised.find((raised) => raised.domain === 'silent-two.test')!;
    const first = await env.DB.prepare('SELECT name FROM domains ORDER BY name LIMIT 1').first<{ name: string }>();
    expect(mailsAbout(binding, alert.id)).toMatchObject([
      { from: { email: `mailgate-alerts@${first!.name}` }, to: [ADMIN] },
    ]);
    expect((mailsAbout(binding, alert.id)[0] as { text: string }).text).toContain(
      '/health/deep (an installation-wide admin token)',
    );
  });

  it('sends nothing without MAILGATE_ALERT_EMAIL', async () => {
    await createSilentDomain('silent-three.test');
    const binding = createRecordingBinding();
    const deps = probeDeps({}, binding, new Date(Date.now() + 4 * HOUR_MS));
    expect(deps.sendAlertEmail).toBeUndefined();
    const result = await runProbes(deps);
    expect(result.raised.map((alert) => alert.domain)).toContain('silent-three.test');
    expect(binding.handed).toEqual([]);
  });

  it('keeps raising the alert when the binding fails, and does not mail it later', async () => {
    await createSilentDomain('silent-four.test');
    const failing = createRecordingBinding(() => bindingError('E_SENDER_NOT_VERIFIED', 'sender domain not verified'));
    const now = new Date(Date.now() + 5 * HOUR_MS);
    const result = await runProbes(probeDeps({ MAILGATE_ALERT_EMAIL: ADMIN }, failing, now));
    const alert = result.raised.find((raised) => raised.domain === 'silent-four.test')!;
    expect(mailsAbout(failing, alert.id)).toHaveLength(1);
    expect(failing.results).toEqual([]);
    const stored = await env.DB.prepare('SELECT resolved_at FROM alerts WHERE id = ?')
      .bind(alert.id)
      .first<{ resolved_at: number | null }>();
    expect(stored).toEqual({ resolved_at: null });
    const event = await env.DB.prepare(
      "SELECT count(*) AS n FROM events WHERE type = 'alert.raised' AND payload LIKE ?",
    )
      .bind(`%${alert.id}%`)
      .first<{ n: number }>();
    expect(event!.n).toBe(1);

    const working = createRecordingBinding();
    await runProbes(probeDeps({ MAILGATE_ALERT_EMAIL: ADMIN }, working, new Date(now.getTime() + 5 * 60 * 1000)));
    expect(mailsAbout(working, alert.id)).toEqual([]);
  });

  it("does not mail an address the sending domain's suppression list holds", async () => {
    const senderId = await createSilentDomain('suppressing.test');
    await suppress(senderId, 'Bounced-Admin@admin.example', 'bounce', '550 5.1.1 user unknown');
    const binding = createRecordingBinding();
    const vars = {
      MAILGATE_ALERT_EMAIL: 'bounced-admin@admin.example',
      MAILGATE_ALERT_FROM: 'alerts@suppressing.test',
    };
    const result = await runProbes(probeDeps(vars, binding, new Date(Date.now() + 6 * HOUR_MS)));
    expect(result.raised.map((alert) => alert.domain)).toContain('suppressing.test');
    expect(binding.handed).toEqual([]);
  });

  it('refuses a sender that is not on a domain of the gateway, and the probe still raises the alert', async () => {
    await createSilentDomain('silent-five.test');
    const binding = createRecordingBinding();
    const vars = { MAILGATE_ALERT_EMAIL: ADMIN, MAILGATE_ALERT_FROM: 'alerts@elsewhere.example' };
    const result = await runProbes(probeDeps(vars, binding, new Date(Date.now() + 7 * HOUR_MS)));
    expect(result.raised.map((alert) => alert.domain)).toContain('silent-five.test');
    expect(binding.handed).toEqual([]);
  });
});
