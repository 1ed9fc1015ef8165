// Attack: a bounce suppression protects a dead address; a mail with a spoofed `From:` of that address must not lift
// it. Only a sender authenticated by DMARC (a pass, aligned with the From domain) proves the address alive again.
import { describe, expect, it } from 'vitest';
import {
  apiJson,
  AUTHENTIC_SENDER_IP,
  buildDsn,
  buildMail,
  deliverEmail,
  findInboundByMessageId,
  prependCloudflareReceived,
  uniqueMessageId,
} from '../worker/helpers.ts';

type Suppression = { suppressed: boolean; source: string | null; bounceCount: number };

async function suppressByBounce(address: string): Promise<void> {
  const sent = await apiJson<{ returnPath: string }>('/api/outbound', {
    method: 'POST',
    body: JSON.stringify({ domain: 'example.com', to: [address], subject: 'Invoice' }),
  });
  const dsn = buildDsn({ recipient: address, status: '5.1.1', diagnostic: `550 5.1.1 <${address}>: User unknown` });
  await deliverEmail(dsn, { from: '', to: sent.returnPath });
  expect(await suppressionOf(address)).toMatchObject({ suppressed: true, source: 'bounce' });
}

async function suppressionOf(address: string): Promise<Suppression> {
  return apiJson(`/api/suppressions/${encodeURIComponent(address)}?domain=example.com`);
}

describe('lifting a bounce suppression needs an authenticated sender', () => {
  it('a spoofed From (no authentication at all) does not lift it', async () => {
    const address = `gone.${crypto.randomUUID().slice(0, 8)}@customer.example`;
    await suppressByBounce(address);
    const messageId = uniqueMessageId('spoof');
    await deliverEmail(buildMail({ from: address, messageId }), { from: address });
    const [row] = await findInboundByMessageId(messageId);
    expect(row).toMatchObject({ status: 'delivered', route: 'alias' });
    expect(await suppressionOf(address)).toMatchObject({ suppressed: true, source: 'bounce', bounceCount: 1 });
  });

  it('a spoofed From of a domain that publishes DMARC, sent from an unauthorised host, does not lift it', async () => {
    const address = `moved.${crypto.randomUUID().slice(0, 8)}@authentic.example`;
    await suppressByBounce(address);
    const raw = prependCloudflareReceived(buildMail({ from: address }), '203.0.113.9');
    await deliverEmail(raw, { from: address });
    expect(await suppressionOf(address)).toMatchObject({ suppressed: true });
  });

  it('a DMARC-authenticated mail from the address lifts it (the Odoo-style reset)', async () => {
    const address = `back.${crypto.randomUUID().slice(0, 8)}@authentic.example`;
    await suppressByBounce(address);
    const messageId = uniqueMessageId('authentic');
    const raw = prependCloudflareReceived(buildMail({ from: address, messageId }), AUTHENTIC_SENDER_IP);
    await deliverEmail(raw, { from: address });
    const [row] = await findInboundByMessageId(messageId);
    expect(JSON.parse(row!.auth).dmarc.result).toBe('pass');
    expect(await suppressionOf(address)).toMatchObject({ suppressed: false, source: null, bounceCount: 0 });
  });
});
