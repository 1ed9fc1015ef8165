import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readArchivedEnvelope } from './envelope.ts';
import { readMbox } from './mbox.ts';

async function split(text: string, chunkSize: number) {
  const bytes = Buffer.from(text, 'latin1');
  const chunks = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const messages = [];
  for await (const message of readMbox(Readable.from(chunks)))
    messages.push({ ...message, raw: message.raw.toString('latin1') });
  return messages;
}

const MBOX = [
  'From ann@sender.example Sat Nov 21 10:00:00 2026',
  'Subject: one',
  '',
  'first body',
  '>From the start, an escaped line',
  '>>From a quoted escaped line',
  '',
  'From MAILER-DAEMON Sat Nov 21 10:01:00 2026',
  'Subject: two',
  '',
  'second body, no blank line at the end',
].join('\n');

describe('readMbox', () => {
  it.each([1, 7, 64, 4096])(
    'splits at From lines, undoes >From escaping, drops the separator blank line (chunks of %i bytes)',
    async (size) => {
      const messages = await split(MBOX, size);
      expect(messages.map((m) => m.raw)).toEqual([
        'Subject: one\n\nfirst body\nFrom the start, an escaped line\n>From a quoted escaped line\n',
        'Subject: two\n\nsecond body, no blank line at the end',
      ]);
      expect(messages.map((m) => m.separatorSender)).toEqual(['ann@sender.example', null]);
      expect(messages[1]!.offset).toBe(MBOX.indexOf('From MAILER-DAEMON'));
    },
  );

  it('keeps CRLF line endings as they are', async () => {
    const messages = await split(
      'From a@b.example x\r\nSubject: crlf\r\n\r\nbody\r\n\r\nFrom c@d.example y\r\nSubject: next\r\n\r\nx\r\n',
      5,
    );
    expect(messages.map((m) => m.raw)).toEqual(['Subject: crlf\r\n\r\nbody\r\n', 'Subject: next\r\n\r\nx\r\n']);
  });

  it('skips what comes before the first From line and yields nothing for an empty file', async () => {
    expect(await split('', 10)).toEqual([]);
    expect((await split('garbage\nFrom a@b.example x\nSubject: s\n\nb\n', 3)).map((m) => m.raw)).toEqual([
      'Subject: s\n\nb\n',
    ]);
  });
});

describe('readArchivedEnvelope', () => {
  const raw = (headers: string[]) => Buffer.from([...headers, '', 'body'].join('\r\n'));

  it('takes Return-Path, then the From line, then the header From as the sender', () => {
    expect(
      readArchivedEnvelope(raw(['Return-Path: <bob@x.example>', 'From: Ann <ann@y.example>']), {
        separatorSender: 'c@z.example',
        domain: null,
      }).sender,
    ).toBe('bob@x.example');
    expect(
      readArchivedEnvelope(raw(['Return-Path: <>', 'From: ann@y.example']), { separatorSender: null, domain: null })
        .sender,
    ).toBe('');
    expect(
      readArchivedEnvelope(raw(['From: Ann <ann@y.example>']), { separatorSender: 'c@z.example', domain: null }).sender,
    ).toBe('c@z.example');
    expect(
      readArchivedEnvelope(raw(['From: Ann <Ann@Y.example>']), { separatorSender: null, domain: null }).sender,
    ).toBe('ann@y.example');
  });

  it('takes the first delivery or header recipient in the domain, else none', () => {
    const headers = [
      'From: a@y.example',
      'To: "Sales, EU" <sales@example.com>, other@elsewhere.example',
      'Cc: support@example.com',
    ];
    expect(readArchivedEnvelope(raw(headers), { separatorSender: null, domain: 'example.com' }).recipient).toBe(
      'sales@example.com',
    );
    expect(
      readArchivedEnvelope(raw(['Delivered-To: info@example.com', ...headers]), {
        separatorSender: null,
        domain: 'example.com',
      }).recipient,
    ).toBe('info@example.com');
    expect(
      readArchivedEnvelope(raw(['To: x@elsewhere.example']), { separatorSender: null, domain: 'example.com' })
        .recipient,
    ).toBeNull();
    expect(
      readArchivedEnvelope(raw(['To: x@elsewhere.example']), { separatorSender: null, domain: null }).recipient,
    ).toBeNull();
  });
});
