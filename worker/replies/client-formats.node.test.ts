// Reply extraction on replies built from each mail client's documented format, in many languages (fixtures/client-formats).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractReplyText } from './strip.ts';

type ClientFormatCase = {
  id: string;
  client: string;
  lang: string;
  source: string;
  text?: string;
  html?: string;
  expected: string;
};

const { cases } = JSON.parse(
  readFileSync(new URL('./fixtures/client-formats/cases.json', import.meta.url), 'utf8'),
) as { cases: ClientFormatCase[] };

describe('extractReplyText on documented client formats', () => {
  it('has cases in many languages and for every major client', () => {
    expect(new Set(cases.map((replyCase) => replyCase.lang)).size).toBeGreaterThanOrEqual(15);
    for (const client of [
      'Gmail',
      'Outlook',
      'Thunderbird',
      'Apple Mail',
      'Yahoo Mail',
      'Zimbra',
      'Front',
      'Proton Mail',
      'Superhuman',
    ]) {
      expect(cases.some((replyCase) => replyCase.client === client)).toBe(true);
    }
  });

  it.each(cases.map((replyCase) => [`${replyCase.id} (${replyCase.client}, ${replyCase.lang})`, replyCase] as const))(
    '%s',
    (_name, replyCase) => {
      expect(extractReplyText({ text: replyCase.text ?? null, html: replyCase.html ?? null })).toBe(replyCase.expected);
    },
  );
});
