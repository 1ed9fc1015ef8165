// Tests of the bounce classifier on small hand-written reports of each family of formats.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mailClassificationSchema } from '../../shared/api/bounces.ts';
import { classifyMessage } from './classify.ts';

function readFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', name)));
}

async function summarize(name: string) {
  const result = await classifyMessage(readFixture(name));
  return {
    kind: result.kind,
    originalMessageId: result.originalMessageId,
    recipients: result.recipients.map(({ address, status, action, reason, permanent }) => ({
      address,
      status,
      action,
      reason,
      permanent,
    })),
  };
}

describe('classifyMessage', () => {
  it('reads every recipient group of an RFC 3464 report and links the original', async () => {
    expect(await summarize('rfc3464-dsn.eml')).toEqual({
      kind: 'bounce',
      originalMessageId: 'invoice-42@erp.example.com',
      recipients: [
        { address: 'alice@example.org', status: '5.1.1', action: 'failed', reason: 'userunknown', permanent: true },
        { address: 'bob@example.org', status: '4.2.2', action: 'delayed', reason: 'mailboxfull', permanent: false },
      ],
    });
  });

  it('fills per-message fields and validates against the wire schema', async () => {
    const result = await classifyMessage(readFixture('rfc3464-dsn.eml'));
    expect(mailClassificationSchema.parse(result)).toEqual(result);
    expect(result.recipients[0]).toMatchObject({
      reportingMta: 'mx.example.net',
      remoteMta: 'mx.example.org',
      replyCode: '550',
    });
  });

  it('reads a Postfix bounce without a status part', async () => {
    expect(await summarize('postfix-prose.eml')).toEqual({
      kind: 'bounce',
      originalMessageId: 'quote-7@erp.example.com',
      recipients: [
        { address: 'carol@example.org', status: '5.2.2', action: 'failed', reason: 'mailboxfull', permanent: true },
      ],
    });
  });

  it('takes Exim failed recipients from X-Failed-Recipients, not the auto-replied marker', async () => {
    expect(await summarize('exim.eml')).toEqual({
      kind: 'bounce',
      originalMessageId: 'order-9@erp.example.com',
      recipients: [
        { address: 'dave@nowhere.example', status: null, action: 'failed', reason: 'hostunknown', permanent: true },
      ],
    });
  });

  it('reads qmail bounces', async () => {
    expect(await summarize('qmail.eml')).toEqual({
      kind: 'bounce',
      originalMessageId: 'lead-3@erp.example.com',
      recipients: [
        { address: 'erin@example.jp', status: '5.1.1', action: 'failed', reason: 'userunknown', permanent: true },
      ],
    });
  });

  it('reads Exchange reports with the recipient-not-found phrase', async () => {
    expect(await summarize('exchange.eml')).toEqual({
      kind: 'bounce',
      originalMessageId: 'meeting-1@erp.example.com',
      recipients: [
        {
          address: 'frank@contoso.example',
          status: '5.1.10',
          action: 'failed',
          reason: 'userunknown',
          permanent: true,
        },
      ],
    });
  });

  it('treats a Gmail delay warning as a transient failure', async () => {
    expect(await summarize('gmail.eml')).toEqual({
      kind: 'bounce',
      originalMessageId: 'notice-5@erp.example.com',
      recipients: [
        { address: 'grace@slow.example', status: null, action: 'delayed', reason: 'expired', permanent: false },
      ],
    });
  });

  it('reads Amazon SES JSON notifications', async () => {
    expect(await summarize('ses-bounce.eml')).toEqual({
      kind: 'bounce',
      originalMessageId: 'mail-11@erp.example.com',
      recipients: [
        { address: 'heidi@example.org', status: '5.1.1', action: 'failed', reason: 'userunknown', permanent: true },
      ],
    });
  });

  it('reports ARF complaints as feedback, not bounces', async () => {
    const result = await classifyMessage(readFixture('arf-complaint.eml'));
    expect(result.kind).toBe('feedback');
    expect(result.feedbackType).toBe('abuse');
    expect(result.originalMessageId).toBe('newsletter-3@erp.example.com');
    expect(result.recipients.map((r) => [r.address, r.reason])).toEqual([['ivan@isp.example', 'feedback']]);
  });

  it('recognises a vacation reply as an auto-reply with no recipients', async () => {
    expect(await classifyMessage(readFixture('vacation.eml'))).toMatchObject({
      kind: 'auto-reply',
      recipients: [],
      autoReplyReason: 'auto-submitted',
      originalMessageId: 'invoice-42@erp.example.com',
    });
  });

  it('recognises auto-replies by subject in other languages', async () => {
    const raw = 'From: a@example.org\nTo: b@example.com\nSubject: =?utf-8?Q?R=C3=A9ponse_automatique?=\n\nAbsent.\n';
    expect(await classifyMessage(raw)).toMatchObject({ kind: 'auto-reply', autoReplyReason: 'subject' });
  });

  it('reads the recipient from sendmail prose that starts "The original message was received at"', async () => {
    // The Final-Recipient names only a relay (`@mx…`); the prose before the status part names the mailbox.
    expect(await summarize('sendmail-relay-recipient.eml')).toEqual({
      kind: 'bounce',
      originalMessageId: 'quote-7@erp.example.com',
      recipients: [
        { address: 'carol@gone.example', status: '5.1.2', action: 'failed', reason: 'hostunknown', permanent: true },
      ],
    });
  });

  it('opens a bounce forwarded inside a bounce instead of taking the quoted To for the recipient', async () => {
    expect((await summarize('forwarded-dsn.eml')).recipients).toEqual([
      { address: 'dave@remote.example', status: '5.1.1', action: 'failed', reason: 'userunknown', permanent: true },
    ]);
  });

  it('reads the status fields of a multipart/report whose boundary never occurs', async () => {
    const raw = [
      'From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>',
      'To: sales@erp.example.com',
      'Subject: Returned mail: Service unavailable',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="lost.boundary"',
      '',
      '   ----- The following addresses had permanent fatal errors -----',
      '<erin@remote.example>',
      '',
      'Reporting-MTA: dns; mx.example.net',
      '',
      'Final-Recipient: RFC822; <erin@remote.example>',
      'Action: failed',
      'Status: 5.1.1',
      '',
    ].join('\n');
    expect(
      (await classifyMessage(raw)).recipients.map(({ address, status, action }) => ({ address, status, action })),
    ).toEqual([{ address: 'erin@remote.example', status: '5.1.1', action: 'failed' }]);
  });

  it('leaves normal mail alone even when it says "failed"', async () => {
    expect(await summarize('plain-mail.eml')).toEqual({ kind: 'mail', originalMessageId: null, recipients: [] });
  });

  it('gives identical answers for LF, CRLF and CR line endings', async () => {
    for (const name of ['rfc3464-dsn.eml', 'postfix-prose.eml', 'exim.eml', 'arf-complaint.eml']) {
      const text = new TextDecoder().decode(readFixture(name));
      const lf = await classifyMessage(text);
      expect(await classifyMessage(text.replace(/\n/g, '\r\n'))).toEqual(lf);
      expect(await classifyMessage(new TextEncoder().encode(text.replace(/\n/g, '\r')))).toEqual(lf);
    }
  });
});
