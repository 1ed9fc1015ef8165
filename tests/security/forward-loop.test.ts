// Attack (or accident): a forwarded copy comes back (the destination mailbox forwards it to the alias again), and
// would be forwarded again until only the rate limit stops it. Every forward() carries this installation's loop
// marker; mail that carries it is held in quarantine and never forwarded again. A marker nobody signed is ignored.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  apiJson,
  buildMail,
  deliverEmail,
  findInboundByMessageId,
  uniqueMessageId,
  type Forwarded,
} from '../worker/helpers.ts';

const ALIAS = 'relay@example.com';
const DESTINATION = 'max@customer.example';

/** What a forwarded copy looks like when it returns: the original with the X- headers forward() added on top. */
function returnedCopy(raw: string, forward: Forwarded): string {
  const added = Object.entries(forward.headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return `${added.join('')}${raw}`;
}

beforeAll(async () => {
  await apiJson('/api/aliases', {
    method: 'POST',
    body: JSON.stringify({ address: ALIAS, action: 'forward', forwardTo: DESTINATION }),
  });
});

describe('forward loops', () => {
  it('holds a returned forwarded copy in quarantine instead of forwarding it again', async () => {
    const messageId = uniqueMessageId('loop');
    const raw = buildMail({ from: 'ann@sender.example', to: ALIAS, messageId });
    const first = await deliverEmail(raw, { from: 'ann@sender.example', to: ALIAS });
    expect(first.forwards.map((forward) => forward.to)).toEqual([DESTINATION]);
    const marker = Object.entries(first.forwards[0]!.headers).find(([name]) => name === 'x-mailgate-loop');
    expect(marker).toBeDefined();

    const back = await deliverEmail(returnedCopy(raw, first.forwards[0]!), { from: DESTINATION, to: ALIAS });
    expect(back.forwards).toEqual([]);
    expect(back.rejected).toBeNull();
    const rows = await findInboundByMessageId(messageId);
    expect(rows).toHaveLength(2);
    const returned = rows[0]!;
    expect(returned).toMatchObject({ status: 'delivered', route: 'quarantine' });
    expect(returned.reason).toMatch(/loop/);
    expect(JSON.parse(returned.forward_to)).toEqual([]);

    // Released by an admin, it is filed, and still never forwarded.
    const released = await apiJson(`/api/inbound/${returned.id}/release`, { method: 'POST' });
    expect(released).toMatchObject({ forwardTo: [], quarantinedAt: null });
  });

  it('ignores a loop marker this installation did not sign: the mail is forwarded as usual', async () => {
    const messageId = uniqueMessageId('fake-marker');
    const raw = buildMail({
      from: 'ann@sender.example',
      to: ALIAS,
      messageId,
      extraHeaders: ['X-Mailgate-Loop: example.com'],
    });
    const result = await deliverEmail(raw, { from: 'ann@sender.example', to: ALIAS });
    expect(result.forwards.map((forward) => forward.to)).toEqual([DESTINATION]);
    const [row] = await findInboundByMessageId(messageId);
    expect(row).toMatchObject({ status: 'delivered', route: 'alias' });
  });
});
