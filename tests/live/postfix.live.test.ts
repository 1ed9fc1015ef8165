// A real Postfix in front of a real worker: swaks speaks SMTP to a private Postfix instance whose transport for the
// test domain is `mailgate relay` (pipe(8)), and the worker runs under wrangler dev with its own state.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startLocalWorker, type LocalWorker } from '../e2e/support/worker.ts';
import { postfixUnavailableReason, readQueueId, startPostfix, type PrivatePostfix } from './support/postfix.ts';

const DOMAIN = 'example.com';
const OUTSIDE = 'customer.test';
const SENDER = `ann@${OUTSIDE}`;
const unavailable = postfixUnavailableReason();
if (unavailable) console.warn(`Postfix end-to-end skipped: ${unavailable}`);

let worker: LocalWorker;
let postfix: PrivatePostfix;
const startedAt = Date.now();

async function inboundByMessageId(messageId: string): Promise<any[]> {
  const page = await (await worker.api('/api/inbound?limit=200')).json();
  return page.items.filter((item: any) => item.messageId === messageId);
}

/** Waits until Postfix has handed the queued message on (sent) or given up on it (bounced/deferred). */
function waitForDelivery(queueId: string, status: 'sent' | 'bounced' | 'deferred') {
  return postfix.waitForLog(new RegExp(`${queueId}: to=<[^>]+>, relay=mailgate.* status=${status}`), 90_000);
}

function messageId(label: string): string {
  return `${label}.${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 8)}@${OUTSIDE}`;
}

describe.skipIf(unavailable !== null)('a real Postfix relaying to mailgate through `mailgate relay`', () => {
  beforeAll(async () => {
    // startLocalWorker's empty DNS zone answers SPF/DKIM/DMARC lookups with NXDOMAIN at once.
    worker = await startLocalWorker();
    const token = await (
      await worker.api('/api/tokens', {
        method: 'POST',
        body: JSON.stringify({ name: 'postfix', scope: 'ingress', domain: DOMAIN, trustedRelay: true }),
      })
    ).json();
    postfix = await startPostfix({
      port: await freePort(),
      relayDomain: DOMAIN,
      relayUrl: worker.origin,
      relayToken: token.token,
      localDomain: OUTSIDE,
      localMailboxes: [SENDER],
    });
  }, 180_000);

  afterAll(async () => {
    await postfix?.stop();
    await worker?.close();
    console.log(`Postfix scenario took ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  });

  const leadId = messageId('lead');

  it('a new lead to sales@ opens the thread of a new crm.lead record', async () => {
    const queueId = readQueueId(
      await postfix.swaks([
        '--from',
        SENDER,
        '--to',
        `sales@${DOMAIN}`,
        '--header',
        `Message-Id: <${leadId}>`,
        '--header',
        'Subject: Quote for 40 chairs',
        '--body',
        'Could you send a quote?',
      ]),
    );
    await waitForDelivery(queueId, 'sent');
    const [row] = await inboundByMessageId(leadId);
    expect(row).toMatchObject({
      source: 'relay',
      status: 'delivered',
      route: 'alias',
      envelopeFrom: SENDER,
      to: `sales@${DOMAIN}`,
    });
    // The trusted relay's own Received header gave SPF its client: swaks connected from 127.0.0.1.
    expect(row.auth.spf).toMatchObject({ clientIp: '127.0.0.1' });
    // The record is the ERP's to create (record.requested); the thread that will carry it exists now.
    expect(row.reason).toBe('alias sales@ → crm.lead');
    const thread = await (await worker.api(`/api/threads/${row.threadId}`)).json();
    expect(thread.messages.map((message: any) => message.messageId)).toEqual([leadId]);
  });

  it('a reply with In-Reply-To joins that thread', async () => {
    const replyId = messageId('reply');
    const queueId = readQueueId(
      await postfix.swaks([
        '--from',
        SENDER,
        '--to',
        `catchall@${DOMAIN}`,
        '--header',
        `Message-Id: <${replyId}>`,
        '--header',
        `In-Reply-To: <${leadId}>`,
        '--header',
        'Subject: Re: Quote for 40 chairs',
        '--body',
        'And 10 tables, please.',
      ]),
    );
    await waitForDelivery(queueId, 'sent');
    const [lead] = await inboundByMessageId(leadId);
    const [reply] = await inboundByMessageId(replyId);
    expect(reply).toMatchObject({ status: 'delivered', route: 'thread', threadId: lead.threadId });
    const thread = await (await worker.api(`/api/threads/${lead.threadId}`)).json();
    expect(thread.messages.map((message: any) => message.messageId)).toEqual([leadId, replyId]);
  });

  it("an unknown recipient gets mailgate's 550 in Postfix's own bounce, which then comes back to bounce@ as a bounce", async () => {
    const lostId = messageId('unknown');
    const queueId = readQueueId(
      await postfix.swaks([
        '--from',
        SENDER,
        '--to',
        `nobody@${DOMAIN}`,
        '--header',
        `Message-Id: <${lostId}>`,
        '--body',
        'Hello?',
      ]),
    );
    const line = await waitForDelivery(queueId, 'bounced');
    expect(line).toMatch(/dsn=5\.1\.1/);
    expect(line).toMatch(/no such recipient here/);
    const [refused] = await inboundByMessageId(lostId);
    expect(refused).toMatchObject({ status: 'rejected', route: 'rejected' });

    // Postfix's bounce daemon wrote an RFC 3464 report to the sender (a Maildir here).
    await postfix.waitForLog(/status=sent \(delivered to maildir\)/);
    const [dsnFile] = postfix.mailbox(SENDER);
    const dsn = readFileSync(dsnFile!, 'utf8');
    expect(dsn).toMatch(/Content-Type: message\/delivery-status/);
    expect(dsn).toMatch(/Final-Recipient: rfc822; nobody@example\.com/);
    expect(dsn).toMatch(/Status: 5\.1\.1/);
    expect(dsn).toContain(lostId);

    // Second run: that real DSN, sent by the null sender to bounce@, is classified as a bounce for nobody@.
    const dsnQueueId = readQueueId(
      await postfix.swaks(['--from', '<>', '--to', `bounce@${DOMAIN}`, '--data', dsnFile!]),
    );
    await waitForDelivery(dsnQueueId, 'sent');
    const dsnMessageId = dsn.match(/^Message-Id: <([^>]+)>/im)![1]!;
    const [bounceRow] = await inboundByMessageId(dsnMessageId);
    expect(bounceRow).toMatchObject({ status: 'delivered', kind: 'bounce', route: 'bounce', envelopeFrom: '' });
    const bounces = await (await worker.api('/api/bounces?address=nobody@example.com')).json();
    expect(bounces.items[0]).toMatchObject({
      address: 'nobody@example.com',
      status: '5.1.1',
      permanent: true,
      kind: 'bounce',
    });
  });

  it('a mail sent while the worker is down waits in the queue and arrives exactly once after postqueue -f', async () => {
    await worker.stop();
    const downId = messageId('down');
    const queueId = readQueueId(
      await postfix.swaks([
        '--from',
        SENDER,
        '--to',
        `sales@${DOMAIN}`,
        '--header',
        `Message-Id: <${downId}>`,
        '--header',
        'Subject: While you were out',
        '--body',
        'Still there?',
      ]),
    );
    const deferred = await waitForDelivery(queueId, 'deferred');
    expect(deferred).toMatch(/dsn=4\.4\.1/);
    expect((await postfix.queue()).map((message) => [message.queue_id, message.queue_name])).toEqual([
      [queueId, 'deferred'],
    ]);

    await worker.restart();
    await postfix.flush();
    await waitForDelivery(queueId, 'sent');
    expect(await postfix.queue()).toEqual([]);
    const rows = await inboundByMessageId(downId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'delivered', route: 'alias' });
  });

  it('a 20 MiB attachment arrives byte-exact', async () => {
    const bigId = messageId('big');
    // A 20 MiB CSV export: text lines (7bit) keep the message under the 25 MiB limit, where a binary file of that
    // size would not fit once base64-encoded (26.7 MiB).
    const line = 'order,2026-11-21,customer.test,40 chairs,10 tables,confirmed,0123456789abcdef\n';
    const attachment = Buffer.concat([
      Buffer.from(line.repeat(Math.ceil((20 * 1024 * 1024) / line.length))).subarray(0, 20 * 1024 * 1024 - 1),
      Buffer.from('\n'),
    ]);
    const message = Buffer.concat([
      Buffer.from(
        [
          `From: Ann <${SENDER}>`,
          `To: sales@${DOMAIN}`,
          'Subject: Order history',
          `Message-ID: <${bigId}>`,
          'Date: Sat, 21 Nov 2026 10:00:00 +0000',
          'MIME-Version: 1.0',
          'Content-Type: multipart/mixed; boundary="b1"',
          '',
          '--b1',
          'Content-Type: text/plain; charset=us-ascii',
          '',
          'The export is attached.',
          '--b1',
          'Content-Type: text/csv; name="orders.csv"',
          'Content-Disposition: attachment; filename="orders.csv"',
          'Content-Transfer-Encoding: 7bit',
          '',
          '',
        ].join('\n'),
      ),
      // The file ends with a line end, which the closing boundary follows: postal-mime gives the part back whole.
      attachment,
      Buffer.from('--b1--'),
    ]);
    const file = join(postfix.dir, 'big.eml');
    writeFileSync(file, message);
    const queueId = readQueueId(
      await postfix.swaks(['--from', SENDER, '--to', `sales@${DOMAIN}`, '--data', file, '--suppress-data']),
    );
    await waitForDelivery(queueId, 'sent');
    const [row] = await inboundByMessageId(bigId);
    expect(row).toMatchObject({ status: 'delivered', route: 'alias' });
    // What mailgate stored is what Postfix piped: its Received header on top of the very bytes swaks sent (swaks ends
    // DATA with CRLF . CRLF, which gives the file's last line its line end).
    const delivered = Buffer.concat([message, Buffer.from('\n')]);
    const raw = Buffer.from(await (await worker.api(`/api/inbound/${row.id}/raw`)).arrayBuffer());
    const prefix = raw.subarray(0, raw.length - delivered.length).toString('latin1');
    expect(prefix).toMatch(
      /^Received: from mta\.customer\.test \(localhost \[127\.0\.0\.1\]\)\n\tby relay\.mailgate\.test \(Postfix\) with ESMTP id \w+\n\tfor <sales@example\.com>; [^\n]+\n$/,
    );
    expect(raw.subarray(raw.length - delivered.length).equals(delivered)).toBe(true);
    const thread = await (await worker.api(`/api/threads/${row.threadId}`)).json();
    const [stored] = thread.messages[0].attachments;
    expect(stored).toMatchObject({ filename: 'orders.csv', size: attachment.length });
    const download = Buffer.from(await (await worker.api(`/api/attachments/${stored.id}`)).arrayBuffer());
    const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    expect(sha256(download)).toBe(sha256(attachment));
  });
});
