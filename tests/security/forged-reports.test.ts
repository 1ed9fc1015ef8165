// Attack: anyone can mail a bounce or a complaint. A DSN or ARF report suppresses (or counts) an address only when it
// is linked to mail mailgate sent to that very address: a valid VERP token of that message, or a Message-ID mailgate
// minted for it. Anything else is logged as unverified and counted in the stats, and changes nothing.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { apiJson, buildArf, buildDsn, deliverEmail, uniqueMessageId } from '../worker/helpers.ts';

type Outbound = { messageId: string; returnPath: string; threadId: string };
type Suppression = { address: string; suppressed: boolean; bounceCount: number; complained: boolean };
type BounceLog = { items: { address: string; kind: string; verified: boolean; messageRowId: string | null }[] };

function victimAddress(label: string): string {
  return `${label}.${crypto.randomUUID().slice(0, 8)}@customer.example`;
}

const userUnknown = (recipient: string) => ({
  recipient,
  status: '5.1.1',
  diagnostic: `550 5.1.1 <${recipient}>: Recipient address rejected: User unknown`,
});

async function sendOutbound(to: string): Promise<Outbound> {
  return apiJson('/api/outbound', {
    method: 'POST',
    body: JSON.stringify({ domain: 'example.com', to: [to], subject: 'Quote' }),
  });
}

async function deliverReport(raw: string, to = 'bounce@example.com') {
  const result = await deliverEmail(raw, { from: '', to });
  expect(result.rejected).toBeNull();
}

async function suppressionOf(address: string): Promise<Suppression> {
  return apiJson(`/api/suppressions/${encodeURIComponent(address)}?domain=example.com`);
}

async function eventTypesAbout(address: string): Promise<string[]> {
  const { results } = await env.DB.prepare('SELECT type FROM events WHERE payload LIKE ? ORDER BY id')
    .bind(`%${address}%`)
    .all<{ type: string }>();
  return results.map((row) => row.type);
}

describe('forged bounces and complaints suppress nobody', () => {
  it('a DSN about an address mailgate never mailed is logged as unverified, nothing more', async () => {
    const victim = victimAddress('dsn');
    await deliverReport(buildDsn(userUnknown(victim)));
    expect(await suppressionOf(victim)).toMatchObject({ suppressed: false, bounceCount: 0 });
    expect(await eventTypesAbout(victim)).not.toContain('recipient.suppressed');
    const log = await apiJson<BounceLog>(`/api/bounces?address=${encodeURIComponent(victim)}`);
    expect(log.items).toEqual([
      expect.objectContaining({ address: victim, kind: 'bounce', verified: false, messageRowId: null }),
    ]);
  });

  it('a forged ARF complaint suppresses nobody, even quoting a Message-ID that looks like ours', async () => {
    const victim = victimAddress('arf');
    await deliverReport(buildArf({ complainant: victim, originalMessageId: `${uniqueMessageId('made-up')}` }));
    expect(await suppressionOf(victim)).toMatchObject({ suppressed: false, complained: false });
    expect(await eventTypesAbout(victim)).not.toContain('recipient.suppressed');
    const log = await apiJson<BounceLog>(`/api/bounces?address=${encodeURIComponent(victim)}`);
    expect(log.items).toEqual([expect.objectContaining({ kind: 'complaint', verified: false })]);
  });

  it('a valid VERP token links only the recipient that message went to', async () => {
    const customer = victimAddress('real');
    const victim = victimAddress('other');
    const sent = await sendOutbound(customer);
    await deliverReport(buildDsn(userUnknown(victim)), sent.returnPath);
    expect(await suppressionOf(victim)).toMatchObject({ suppressed: false });
    const log = await apiJson<BounceLog>(`/api/bounces?address=${encodeURIComponent(victim)}`);
    expect(log.items[0]).toMatchObject({ verified: false });
  });

  it("a quoted Message-ID mailgate minted links only that message's recipients", async () => {
    const customer = victimAddress('minted');
    const victim = victimAddress('bystander');
    const sent = await sendOutbound(customer);
    await deliverReport(buildArf({ complainant: victim, originalMessageId: sent.messageId }));
    expect(await suppressionOf(victim)).toMatchObject({ suppressed: false, complained: false });

    // The same report about the real recipient is earned: it suppresses.
    await deliverReport(buildArf({ complainant: customer, originalMessageId: sent.messageId }));
    expect(await suppressionOf(customer)).toMatchObject({ suppressed: true, complained: true });
    const log = await apiJson<BounceLog>(`/api/bounces?address=${encodeURIComponent(customer)}`);
    expect(log.items[0]).toMatchObject({ verified: true });
  });

  it('unverified reports still count in the stats', async () => {
    const before = await apiJson<{ series: { bounces: number }[] }>('/api/stats?domain=example.com&days=1');
    await deliverReport(buildDsn(userUnknown(victimAddress('counted'))));
    const after = await apiJson<{ series: { bounces: number }[] }>('/api/stats?domain=example.com&days=1');
    expect(after.series.at(-1)!.bounces).toBe(before.series.at(-1)!.bounces + 1);
  });
});
