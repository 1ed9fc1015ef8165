// Tests of the format table (switching a family's parsers off) and of the generic readers that stand in for them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyMessage } from './classify.ts';
import { FORMAT_FAMILIES, FORMAT_PARSERS } from './formats.ts';
import { parseContentType } from './field-blocks.ts';

const readFixture = (name: string) => new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', name)));
const summarize = async (raw: Uint8Array | string, skip: string[] = []) => {
  const result = await classifyMessage(raw, {}, { skipFamilies: new Set(skip) });
  return {
    kind: result.kind,
    recipients: result.recipients.map(({ address, reason, status }) => ({ address, reason, status })),
  };
};

const GROUP_NOTICE = [
  'From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
  'To: sales@erp.example.com',
  'Subject: Delivery Status Notification (Failure)',
  'X-Failed-Recipients: buyers@googlegroups.com',
  'Content-Type: text/plain; charset=utf-8',
  '',
  "Bonjour, le groupe que vous avez essayé de contacter (buyers) n'existe peut-être pas.",
  '',
].join('\n');

describe('format table', () => {
  it('names each family once per parser and knows what each adds', async () => {
    expect([...FORMAT_FAMILIES].sort()).toEqual(['amazonses', 'arf', 'googlegroups']);
    for (const parser of FORMAT_PARSERS) expect(parser.knows.length).toBeGreaterThan(10);
  });

  it("switches a family's parser off on request, leaving the generic path", async () => {
    expect((await summarize(GROUP_NOTICE)).recipients).toEqual([
      { address: 'buyers@googlegroups.com', reason: 'rejected', status: null },
    ]);
    expect((await summarize(GROUP_NOTICE, ['googlegroups'])).recipients).toEqual([
      { address: 'buyers@googlegroups.com', reason: 'onhold', status: null },
    ]);
  });

  it('reads an SES notification with or without its own parser', async () => {
    const expected = {
      kind: 'bounce',
      recipients: [{ address: 'heidi@example.org', reason: 'userunknown', status: '5.1.1' }],
    };
    expect(await summarize(readFixture('ses-bounce.eml'))).toEqual(expected);
    expect(await summarize(readFixture('ses-bounce.eml'), ['amazonses'])).toEqual(expected);
  });
});

describe('generic readers', () => {
  it('reads JSON delivery events by their common field names', async () => {
    const raw = [
      'From: notifications@esp.example',
      'To: ops@erp.example.com',
      'Subject: Event',
      'Content-Type: application/json',
      '',
      JSON.stringify({
        event: 'bounced',
        recipient: 'ivy@example.org',
        'delivery-status': { code: 550 },
        status: '5.2.2',
        reason: 'mailbox full',
      }),
    ].join('\n');
    expect(await summarize(raw)).toEqual({
      kind: 'bounce',
      recipients: [{ address: 'ivy@example.org', reason: 'mailboxfull', status: '5.2.2' }],
    });
  });

  it('leaves JSON that names no delivery event alone', async () => {
    const raw = [
      'From: a@example.org',
      'To: b@example.com',
      'Subject: data',
      '',
      JSON.stringify({ user: { email: 'c@example.org' } }),
    ].join('\n');
    expect(await summarize(raw)).toEqual({ kind: 'mail', recipients: [] });
  });

  it('takes a forwarded complaint without ARF for feedback on the original recipient', async () => {
    const raw = [
      'From: <staff@mail.example>',
      'To: abuse@erp.example.com',
      'Subject: complaint about message from 192.0.2.1',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: message/rfc822',
      '',
      'From: news@erp.example.com',
      'To: jane@mail.example',
      'Message-ID: <n-1@erp.example.com>',
      'Subject: News',
      '',
      'Hello',
      '--b--',
      '',
    ].join('\n');
    const result = await classifyMessage(raw);
    expect(result).toMatchObject({ kind: 'feedback', originalMessageId: 'n-1@erp.example.com', feedbackType: 'abuse' });
    expect(result.recipients.map((recipient) => recipient.address)).toEqual(['jane@mail.example']);
  });

  it('takes an RFC 2369 unsubscribe request for an opt-out of its sender', async () => {
    const raw = [
      'From: Jane <jane@mail.example>',
      'To: unsubscribe-42@erp.example.com',
      'Subject: unsubscribe',
      '',
      '',
    ].join('\n');
    expect(await classifyMessage(raw)).toMatchObject({
      kind: 'feedback',
      feedbackType: 'opt-out',
      recipients: [{ address: 'jane@mail.example' }],
    });
  });

  it('ends a MIME type at the whitespace before a folded parameter that lacks its semicolon', async () => {
    expect(parseContentType('text/plain\n   charset="iso-2022-jp"')).toEqual({
      type: 'text/plain',
      params: { charset: 'iso-2022-jp' },
    });
    expect(parseContentType('text/plain; charset=utf-8')).toEqual({ type: 'text/plain', params: { charset: 'utf-8' } });
  });
});
