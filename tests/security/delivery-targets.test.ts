// Attack: a token that may create delivery targets turns the Worker into a proxy to internal addresses (loopback,
// cloud metadata, private networks), or makes an "Odoo target" that receives one of the Worker's secrets as its API
// key. Targets need an installation-wide admin token, internal hosts are refused (at creation and at delivery), and
// an Odoo API key can only be a secret named ODOO_….
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEventInsert } from '../../worker/store/events.ts';
import { api } from '../worker/helpers.ts';
import { buildTestOutboxDeps, createRecordingFetch, createToken, db, deliverEventOnce } from './support.ts';

/** Each written the way an attacker would, with the reason the answer must give. */
const INTERNAL_URLS: [url: string, reason: RegExp][] = [
  ['https://127.0.0.1/hook', /loopback/],
  ['http://169.254.169.254/latest/meta-data/iam/security-credentials/', /link-local/],
  ['https://2130706433/hook', /numeric|decimal|obfuscated/],
  ['https://0x7f000001/hook', /numeric|hex|obfuscated/],
  ['https://0177.0.0.1/hook', /numeric|octal|obfuscated/],
  ['https://[::1]/hook', /loopback/],
  ['https://localhost/hook', /localhost/],
  ['https://10.0.0.7/hook', /private/],
  ['https://[::ffff:127.0.0.1]/hook', /IPv4-mapped/],
  ['https://api.localhost/hook', /localhost/],
];

let writer: string;

beforeAll(async () => {
  writer = await createToken('write');
});

function createWebhook(url: string, token?: string) {
  return api('/api/webhooks', { method: 'POST', body: JSON.stringify({ url }), ...(token ? { token } : {}) });
}

function createOdooTarget(fields: { url?: string; apiKeySecret?: string }, token?: string) {
  return api('/api/odoo-targets', {
    method: 'POST',
    body: JSON.stringify({
      name: 'odoo',
      protocol: 'json2',
      url: 'https://odoo.customer-erp.example',
      apiKeySecret: 'ODOO_API_KEY',
      domain: 'example.com',
      ...fields,
    }),
    ...(token ? { token } : {}),
  });
}

describe('creating delivery targets', () => {
  it('needs an installation-wide admin token (a write token is not enough)', async () => {
    expect((await createWebhook('https://erp.customer-erp.example/hook', writer)).status).toBe(403);
    expect((await createOdooTarget({}, writer)).status).toBe(403);
    expect((await createWebhook('https://erp.customer-erp.example/hook')).status).toBe(201);
    expect((await createOdooTarget({})).status).toBe(201);
  });

  it.each(INTERNAL_URLS)('refuses the webhook URL %s with the reason', async (url, reason) => {
    const response = await createWebhook(url);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(reason);
  });

  it.each(INTERNAL_URLS)('refuses an SMTP connection test to the host of %s with the reason', async (url, reason) => {
    const host = url.replace(/^https?:\/\//, '').split('/')[0];
    const response = await api('/api/smtp-test', {
      method: 'POST',
      body: JSON.stringify({ host, port: 587, security: 'starttls' }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(reason);
  });

  it.each(INTERNAL_URLS)('refuses the Odoo target URL %s with the reason', async (url, reason) => {
    const response = await createOdooTarget({ url });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(reason);
  });

  it('refuses plain http outside development', async () => {
    const response = await createWebhook('http://erp.customer-erp.example/hook');
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/https/);
  });

  it('takes an Odoo API key only from a secret named ODOO_…, never another binding', async () => {
    for (const apiKeySecret of ['REPLY_TOKEN_SECRET', 'MAILGATE_ADMIN_TOKEN', 'BILLING_SERVICE_TOKEN']) {
      const response = await createOdooTarget({ apiKeySecret });
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/ODOO_/);
    }
  });
});

describe('delivering to a stored internal target', () => {
  it('never fetches an internal URL, even from a row stored before the rule existed', async () => {
    for (const [id, url] of [
      ['whk_legacy_metadata', 'http://169.254.169.254/latest/meta-data/'],
      ['whk_legacy_decimal', 'https://2130706433/hook'],
    ]) {
      await env.DB.prepare(
        'INSERT INTO webhook_endpoints (id, url, event_types, secrets) VALUES (?, ?, \'["message.received"]\', \'["whsec_MDEyMzQ1Njc4OWFiY2RlZg=="]\')',
      )
        .bind(id, url)
        .run();
    }
    const event = buildEventInsert(db, { type: 'message.received', domainId: null, data: { probe: true } }, new Date());
    await event.statement;
    const network = createRecordingFetch();
    const deliveries = await deliverEventOnce(buildTestOutboxDeps(network.fetch), event.id);
    const legacy = deliveries.filter((delivery) => delivery.targetId.startsWith('whk_legacy_'));
    expect(legacy).toHaveLength(2);
    expect(network.requests.filter((request) => !request.url.includes('customer-erp.example'))).toEqual([]);
    for (const delivery of legacy) {
      expect(delivery.status).toBe('dead');
      expect(delivery.lastError).toMatch(/link-local|numeric|obfuscated/);
    }
  });
});
