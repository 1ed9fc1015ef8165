// Attack: a domain-scoped tenant points its own alias at another domain's Odoo target, so that mail it controls is
// handed to the victim's Odoo database with the victim's API key. Refused when the alias is saved, and again before
// delivery (an alias stored before the rule existed).
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEventInsert } from '../../worker/store/events.ts';
import { api, apiJson } from '../worker/helpers.ts';
import {
  buildTestOutboxDeps,
  createRecordingFetch,
  createToken,
  db,
  deliverEventOnce,
  ensureDomain,
} from './support.ts';

let evilDomainId: string;
let attackerToken: string;
let victimTargetId: string;

beforeAll(async () => {
  evilDomainId = await ensureDomain('evil.example');
  attackerToken = await createToken('write', 'evil.example');
  const target = await apiJson<{ id: string }>('/api/odoo-targets', {
    method: 'POST',
    body: JSON.stringify({
      name: 'victim odoo',
      protocol: 'json2',
      url: 'https://odoo.victim-erp.example',
      apiKeySecret: 'ODOO_API_KEY',
      domain: 'example.com',
    }),
  });
  victimTargetId = target.id;
});

describe("an alias's Odoo target belongs to the alias's domain", () => {
  it("refuses a scoped alias pointing at another domain's Odoo target (create and update)", async () => {
    const created = await api('/api/aliases', {
      method: 'POST',
      body: JSON.stringify({ address: 'grab@evil.example', action: 'odoo', odooTargetId: victimTargetId }),
      token: attackerToken,
    });
    expect(created.status).toBe(400);
    expect(await created.text()).toMatch(/odooTargetId/);

    const own = await apiJson<{ id: string }>('/api/aliases', {
      method: 'POST',
      body: JSON.stringify({ address: 'desk@evil.example', action: 'thread' }),
      token: attackerToken,
    });
    const updated = await api(`/api/aliases/${own.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ action: 'odoo', odooTargetId: victimTargetId }),
      token: attackerToken,
    });
    expect(updated.status).toBe(400);
  });

  it('refuses it to an installation-wide token too: the rule is about the data, not the caller', async () => {
    const created = await api('/api/aliases', {
      method: 'POST',
      body: JSON.stringify({ address: 'grab2@evil.example', action: 'odoo', odooTargetId: victimTargetId }),
    });
    expect(created.status).toBe(400);
    const sameDomain = await api('/api/aliases', {
      method: 'POST',
      body: JSON.stringify({ address: 'erp-desk@example.com', action: 'odoo', odooTargetId: victimTargetId }),
    });
    expect(sameDomain.status).toBe(201);
  });

  it("never hands mail of a stored cross-domain alias to the other domain's Odoo", async () => {
    // An alias saved before the rule existed: evil.example's alias, example.com's Odoo target.
    await env.DB.prepare(
      "INSERT INTO aliases (id, domain_id, local_part, action, odoo_target_id) VALUES ('ali_legacy_grab', ?, 'legacy', 'odoo', ?)",
    )
      .bind(evilDomainId, victimTargetId)
      .run();
    const inboundId = `inb_security_odoo_${crypto.randomUUID().slice(0, 8)}`;
    await env.MAIL.put(
      `raw/${inboundId}.eml`,
      'From: a@attacker.example\r\nTo: legacy@evil.example\r\nSubject: x\r\n\r\nhello\r\n',
    );
    await env.DB.prepare(
      "INSERT INTO inbound_emails (id, raw_key, checksum, size_bytes, envelope_from, envelope_to, domain_id) VALUES (?, ?, ?, 60, 'a@attacker.example', 'legacy@evil.example', ?)",
    )
      .bind(inboundId, `raw/${inboundId}.eml`, inboundId, evilDomainId)
      .run();
    const event = buildEventInsert(
      db,
      {
        type: 'odoo.handoff',
        domainId: evilDomainId,
        inboundId,
        data: { inboundId, targetId: victimTargetId, alias: 'legacy@evil.example' },
      },
      new Date(),
    );
    await event.statement;

    const network = createRecordingFetch(
      () => new Response(JSON.stringify(42), { headers: { 'content-type': 'application/json' } }),
    );
    const deliveries = await deliverEventOnce(
      buildTestOutboxDeps(network.fetch, {
        readSecret: (name) => (name === 'ODOO_API_KEY' ? 'test-odoo-api-key-0123456789' : undefined),
      }),
      event.id,
    );
    expect(network.requests).toEqual([]);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ targetId: victimTargetId, status: 'dead' });
    expect(deliveries[0]!.lastError).toMatch(/domain/);
  });
});
