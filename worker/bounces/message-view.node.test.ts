// Tests of the classifier's view of postal-mime's result: attached originals, unreadable text parts, unsplit bodies.
import { describe, expect, it } from 'vitest';
import { parseMail } from '../inbound/parse.ts';
import { classifyMail } from './classify.ts';
import { createMessageView } from './message-view.ts';

const encode = (lines: string[]) => new TextEncoder().encode(lines.join('\r\n'));

/** The view and the classification of a message, both from one parse. */
async function readReport(lines: string[]) {
  const raw = encode(lines);
  const mail = await parseMail(raw);
  return { view: createMessageView(mail, raw, {}), result: await classifyMail({ mail, raw }) };
}

/** A report of mx.remote.example to sales@, as multipart/mixed parts separated by `--b`. */
const reportHeaders = (from: string, subject: string) => [
  `From: ${from}`,
  'To: sales@erp.example.com',
  `Subject: ${subject}`,
  'Content-Type: multipart/mixed; boundary="b"',
  '',
];
const ORIGINAL_TO_ERIN = ['To: erin@remote.example', 'Subject: Your quote', '', 'Hello Erin', '--b--', ''];

describe('createMessageView', () => {
  it('keeps an attached original as a part, never inlined into the body, so its Message-ID links the bounce', async () => {
    const { view, result } = await readReport([
      ...reportHeaders('Mail Delivery System <MAILER-DAEMON@mx.remote.example>', 'Undelivered Mail Returned to Sender'),
      '--b',
      'Content-Type: text/plain',
      '',
      'I could not deliver your message to <erin@remote.example>: 550 5.1.1 user unknown.',
      '--b',
      'Content-Type: message/rfc822',
      '',
      'From: sales@erp.example.com',
      'Message-ID: <quote-7@erp.example.com>',
      ...ORIGINAL_TO_ERIN,
    ]);
    expect(view.leaves.map((part) => part.contentType)).toEqual(['text/plain', 'message/rfc822']);
    expect(view.leaves[0]!.text).not.toContain('Hello Erin');
    expect(result).toMatchObject({ kind: 'bounce', originalMessageId: 'quote-7@erp.example.com' });
    expect(result.recipients.map((recipient) => recipient.address)).toEqual(['erin@remote.example']);
  });

  it('reads a text part whose Content-Type postal-mime cannot read (a parameter folded in without ";") first', async () => {
    const { view, result } = await readReport([
      ...reportHeaders('postmaster@mx.remote.example', 'Returned mail'),
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
      ...ORIGINAL_TO_ERIN,
    ]);
    expect(view.leaves[0]).toMatchObject({ contentType: 'text/plain' });
    expect(view.leaves[0]!.text).toContain('delivery errors');
    expect(result.recipients.map(({ address, reason }) => ({ address, reason }))).toEqual([
      { address: 'erin@remote.example', reason: 'userunknown' },
    ]);
  });

  it('reads the body of a multipart whose boundary never occurs, which postal-mime drops', async () => {
    const { view, result } = await readReport([
      'From: MAILER-DAEMON@mx.remote.example',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="never"',
      '',
      'Final-Recipient: rfc822; erin@remote.example',
      'Action: failed',
      'Status: 5.1.1',
      '',
    ]);
    expect(view.reportType).toBe('delivery-status');
    expect(view.leaves).toHaveLength(1);
    expect(view.leaves[0]!.text).toContain('Final-Recipient: rfc822; erin@remote.example\nAction: failed');
    expect(result.recipients.map(({ address, status }) => ({ address, status }))).toEqual([
      { address: 'erin@remote.example', status: '5.1.1' },
    ]);
  });
});
