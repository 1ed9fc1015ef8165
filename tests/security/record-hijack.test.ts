// Attack: a tenant tags its own thread with another tenant's ERP record (crm.lead/888) before the ERP asks
// `POST /api/outbound {record}`; the ERP must never get the attacker's thread or an address of the attacker's domain,
// so the customer's reply never lands where the attacker reads it.
import { beforeAll, describe, expect, it } from 'vitest';
import { api, apiJson, buildMail, deliverEmail, findInboundByMessageId, uniqueMessageId } from '../worker/helpers.ts';
import { createToken, ensureDomain } from './support.ts';

const RECORD = { model: 'crm.lead', id: '888' };
type Outbound = { threadId: string; replyTo: string; messageId: string };

let attackerToken: string;
let erpToken: string;
let attackerThreadId: string;

async function outbound(body: Record<string, unknown>, token?: string) {
  return api('/api/outbound', {
    method: 'POST',
    body: JSON.stringify({ to: ['customer@client.example'], subject: 'Your quote', ...body }),
    ...(token ? { token } : {}),
  });
}

async function threadMessageCount(threadId: string, token?: string): Promise<number> {
  const thread = await apiJson<{ messages: unknown[] }>(`/api/threads/${threadId}`, token ? { token } : {});
  return thread.messages.length;
}

beforeAll(async () => {
  await ensureDomain('evil.example');
  attackerToken = await createToken('write', 'evil.example');
  erpToken = await createToken('write', 'example.com');
  // The attacker gets there first: its own thread, tagged with the victim's record.
  const claimed = await outbound(
    { domain: 'evil.example', to: ['mule@evil-customers.example'], record: RECORD },
    attackerToken,
  );
  expect(claimed.status).toBe(201);
  attackerThreadId = ((await claimed.json()) as Outbound).threadId;
});

describe('an ERP record belongs to one thread per domain', () => {
  it("the ERP naming its domain gets a thread of its own domain, not the attacker's", async () => {
    const response = await outbound({ domain: 'example.com', record: RECORD });
    expect(response.status).toBe(201);
    const minted = (await response.json()) as Outbound;
    expect(minted.threadId).not.toBe(attackerThreadId);
    expect(minted.replyTo).toMatch(/@example\.com$/);
    // Nothing of the ERP's mail was filed where the attacker reads.
    expect(await threadMessageCount(attackerThreadId, attackerToken)).toBe(1);

    // The customer's reply lands in the ERP's thread.
    const messageId = uniqueMessageId('customer-reply');
    await deliverEmail(
      buildMail({ from: 'customer@client.example', to: minted.replyTo, messageId, inReplyTo: minted.messageId }),
      {
        from: 'customer@client.example',
        to: minted.replyTo,
      },
    );
    const [row] = await findInboundByMessageId(messageId);
    expect(row).toMatchObject({ route: 'thread', thread_id: minted.threadId });
    expect(await threadMessageCount(attackerThreadId, attackerToken)).toBe(1);
  });

  it("an installation-wide token that names no domain gets a 400, never the attacker's reply address", async () => {
    const response = await outbound({ record: RECORD });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/domain/);
  });

  it('a domain-scoped ERP token finds the record inside its own domain only', async () => {
    const first = await outbound({ record: RECORD }, erpToken);
    expect(first.status).toBe(201);
    const minted = (await first.json()) as Outbound;
    expect(minted.threadId).not.toBe(attackerThreadId);
    expect(minted.replyTo).toMatch(/@example\.com$/);
    const again = (await (await outbound({ record: RECORD }, erpToken)).json()) as Outbound;
    expect(again.threadId).toBe(minted.threadId);
  });

  it('PATCH /api/threads/:id refuses a record another thread of the same domain holds (409), not one of another domain', async () => {
    const own = (await (
      await outbound({ domain: 'example.com', record: { model: 'sale.order', id: '17' } })
    ).json()) as Outbound;
    const other = (await (await outbound({ domain: 'example.com' })).json()) as Outbound;
    const taken = await api(`/api/threads/${other.threadId}`, {
      method: 'PATCH',
      body: JSON.stringify({ record: { model: 'sale.order', id: '17' } }),
    });
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain(own.threadId);

    // The attacker can tag its own thread with any id: it only ever reaches its own domain's threads.
    const attackerThread = (await (await outbound({ domain: 'evil.example' }, attackerToken)).json()) as Outbound;
    const tagged = await api(`/api/threads/${attackerThread.threadId}`, {
      method: 'PATCH',
      body: JSON.stringify({ record: { model: 'sale.order', id: '17' } }),
      token: attackerToken,
    });
    expect(tagged.status).toBe(200);
    const refetched = (await (
      await outbound({ domain: 'example.com', record: { model: 'sale.order', id: '17' } })
    ).json()) as Outbound;
    expect(refetched.threadId).toBe(own.threadId);
  });
});
