// Tests of the classifier's view of postal-mime's result: attached originals, unreadable text parts, unsplit bodies.
import { describe, expect, it } from 'vitest';
import { parseMail } from '../inbound/parse.ts';
import { classifyMail } from './classify.ts';
import { createMessageView } from './message-view.ts';

const encode = (lines: string[]) => new TextEncoder().encode(lines.join('\r\n'));

async function viewOf(raw: Uint8Array) {
  return createMessageView(await parseMail(raw), raw, {});
}

describe('createMessageView', () => {
  it('keeps an attached original as a part, never inlined into the body, so its Message-ID links the bounce', async () => {
    const raw = encode([
      'From: Mail Delivery System <MAILER-DAEMON@mx.remote.example>',
      'To: sales@erp.example.com',
      'Subject: Undelivered Mail Returned to Sender',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'I could not deliver your message to <erin@remote.example>: 550 5.1.1 user unknown.',
      '--b',
      'Content-Type: message/rfc822',
      '',
      'From: sales@erp.example.com',
      'To: erin@remote.example',
      'Message-ID: <quote-7@erp.example.com>',
      'Subject: Your quote',
      '',
      'Hello Erin',
      '--b--',
      '',
    ]);
    const view = await viewOf(raw);
    expect(view.leaves.map((part) => part.contentType)).toEqual(['text/plain', 'message/rfc822']);
    expect(view.leaves[0]!.text).not.toContain('Hello Erin');
    const result = await classifyMail({ mail: await parseMail(raw), raw });
    expect(result).toMatchObject({ kind: 'bounce', originalMessageId: 'quote-7@erp.example.com' });
    expect(result.recipients.map((recipient) => recipient.address)).toEqual(['erin@remote.example']);
  });

  it('reads a text part whose Content-Type postal-mime cannot read (a parameter folded in without ";") first', async () => {
    const raw = encode([
      'From: postmaster@mx.remote.example',
      'To: sales@erp.example.com',
      'Subject: Returned mail',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '   charset="us-ascii"',
      '',
      '---The following addresses had delivery errors---',
      '',
      'erin@remote.example [User unknown]',
      '',
      '--b',
      'From: Sales <sales@erp.example.com>',
      'To: erin@remote.example',
      'Subject: Your quote',
      '',
      'Hello Erin',
      '--b--',
      '',
    ]);
    const view = await viewOf(raw);
    expect(view.leaves[0]).toMatchObject({ contentType: 'text/plain' });
    expect(view.leaves[0]!.text).toContain('delivery errors');
    const result = await classifyMail({ mail: await parseMail(raw), raw });
    expect(result.recipients.map(({ address, reason }) => ({ address, reason }))).toEqual([
      { address: 'erin@remote.example', reason: 'userunknown' },
    ]);
  });

  it('reads the body of a multipart whose boundary never occurs, which postal-mime drops', async () => {
    const raw = encode([
      'From: MAILER-DAEMON@mx.remote.example',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="never"',
      '',
      'Final-Recipient: rfc822; erin@remote.example',
      'Action: failed',
      'Status: 5.1.1',
      '',
    ]);
    const view = await viewOf(raw);
    expect(view.reportType).toBe('delivery-status');
    expect(view.leaves).toHaveLength(1);
    expect(view.leaves[0]!.text).toContain('Final-Recipient: rfc822; erin@remote.example\nAction: failed');
  });
});
