import { describe, expect, it } from 'vitest';
import { MAX_WORKING_HTML_CHARS, MAX_WORKING_TEXT_CHARS } from './limits.ts';
import { parseMail } from './parse.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
/** A megabyte of text through postal-mime takes seconds on a loaded machine. */
const LARGE_BODY_TIMEOUT_MS = 60_000;
const HEAD = 'From: a@example.com\r\nTo: b@example.com\r\nSubject: long\r\nMIME-Version: 1.0\r\n';

describe('parseMail: the bodies the text stages work on', () => {
  it('keeps a body under the working limit whole', async () => {
    const mail = await parseMail(
      bytes(`${HEAD}Content-Type: text/plain; charset=utf-8\r\n\r\nHello Ann,\r\nsee below.\r\n`),
    );
    expect(mail.text).toBe('Hello Ann,\nsee below.\n');
  });

  it(
    'cuts a longer text body to the working limit, from its start',
    async () => {
      const line = 'the price holds until Friday\r\n';
      const body = `FIRST LINE\r\n${line.repeat(Math.ceil((MAX_WORKING_TEXT_CHARS * 1.1) / line.length))}`;
      const mail = await parseMail(bytes(`${HEAD}Content-Type: text/plain; charset=utf-8\r\n\r\n${body}`));
      expect(mail.text?.length).toBe(MAX_WORKING_TEXT_CHARS);
      expect(mail.text?.startsWith('FIRST LINE\n')).toBe(true);
    },
    LARGE_BODY_TIMEOUT_MS,
  );

  it(
    'never cuts an HTML body inside a surrogate pair',
    async () => {
      // One ASCII character, then emoji (two UTF-16 units each): the limit falls between the two halves of one.
      const emoji = '\u{1F600}'.repeat(Math.ceil(MAX_WORKING_HTML_CHARS / 2) + 10);
      const mail = await parseMail(bytes(`${HEAD}Content-Type: text/html; charset=utf-8\r\n\r\n<${emoji}`));
      expect(mail.html?.length).toBe(MAX_WORKING_HTML_CHARS - 1);
      expect(mail.html?.endsWith('\u{1F600}')).toBe(true);
    },
    LARGE_BODY_TIMEOUT_MS,
  );
});
