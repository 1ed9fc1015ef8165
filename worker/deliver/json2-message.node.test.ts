// The JSON-2 hand-off of mail in legacy charsets: what Odoo gets (the JSON string, back to bytes as UTF-8, as Odoo's
// message_process does) must decode to the same text and the same attachment bytes as the original.
import { readFileSync } from 'node:fs';
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { decodeUtf8OrWindows1252, prepareJson2Message } from './json2-message.ts';
import { convertToSevenBit } from './seven-bit.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/json2/${name}`, import.meta.url)));

/** What Odoo's JSON-2 endpoint does with the `message` string: `message.encode('utf-8')`, then parses the bytes. */
async function parseAsOdooReceives(message: string) {
  return PostalMime.parse(Buffer.from(message, 'utf8'), { attachmentEncoding: 'arraybuffer' });
}

/**
 * Text compared with its line breaks as one form: CRLF is MIME's canonical line break (RFC 2045 6.7, 6.8), and
 * postal-mime hands an 8bit part's text over with LF and one line break more at its end, but a base64 part's with the
 * CRLF it decoded and none added. The exact bytes are compared where a part went to base64 (below).
 */
const sameLineBreaks = (text: string | undefined) =>
  text
    ?.replace(/\r\n/g, '\n')
    .replace(/\n{2,}/g, '\n\n')
    .replace(/\n+$/, '');

async function expectSameMeaning(name: string) {
  const raw = fixture(name);
  const original = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
  const prepared = prepareJson2Message(raw);
  const received = await parseAsOdooReceives(prepared.message);
  expect(sameLineBreaks(received.text)).toBe(sameLineBreaks(original.text));
  expect(sameLineBreaks(received.html)).toBe(sameLineBreaks(original.html));
  expect(received.messageId).toBe(original.messageId);
  expect(received.attachments.map((a) => [a.filename, a.mimeType])).toEqual(
    original.attachments.map((a) => [a.filename, a.mimeType]),
  );
  return { raw, original, prepared, received };
}

/** Header field lines of every part (latin1), Content-Transfer-Encoding aside: re-encoding must leave them alone. */
function otherHeaderLines(bytes: Uint8Array): string[] {
  return Buffer.from(bytes)
    .toString('latin1')
    .split(/\r?\n/)
    .filter((line) => /^[A-Za-z][A-Za-z0-9-]*:/.test(line) && !/^content-transfer-encoding:/i.test(line));
}

describe('the JSON-2 message of mail that is not UTF-8', () => {
  it('windows-1252: the text Odoo decodes is the original text, as quoted-printable 7-bit mail', async () => {
    const { raw, original, prepared } = await expectSameMeaning('windows-1252.eml');
    expect(original.text).toContain('1 250 € — “hors taxes”, café compris.');
    expect(prepared.reencodedParts).toBe(1);
    expect(prepared.repairedBytes).toBe(0);
    expect(prepared.message).toMatch(/^Content-Transfer-Encoding: quoted-printable\r$/m);
    expect(prepared.message).toContain('espace final=20\r\n');
    expect([...Buffer.from(prepared.message, 'utf8')].every((byte) => byte < 0x80)).toBe(true);
    expect(otherHeaderLines(Buffer.from(prepared.message, 'utf8'))).toEqual(otherHeaderLines(raw));
  });

  it('iso-8859-2: both parts of a multipart/alternative, one without Content-Transfer-Encoding, LF line ends', async () => {
    const { raw, original, prepared } = await expectSameMeaning('iso-8859-2.eml');
    expect(original.text).toContain('Zażółć gęślą jaźń.');
    expect(original.html).toContain('<b>gęślą</b>');
    expect(prepared.reencodedParts).toBe(2);
    // The boundary lines, the preamble and every other header field are as they were.
    expect(prepared.message).toContain(
      '\n--alt-b\nContent-Type: text/html; charset=iso-8859-2\nContent-Transfer-Encoding: quoted-printable\n\n',
    );
    expect(prepared.message.endsWith('--alt-b--\n')).toBe(true);
    expect(otherHeaderLines(Buffer.from(prepared.message, 'utf8'))).toEqual(otherHeaderLines(raw));
  });

  it('shift_jis: mostly 8-bit text goes as base64; a message/rfc822 part becomes 7bit around its re-encoded part', async () => {
    const { raw, original, prepared, received } = await expectSameMeaning('shift_jis.eml');
    expect(original.text).toContain('お見積もりをお願いします。');
    expect(original.subject).toBe('お見積もり');
    expect(received.subject).toBe('お見積もり');
    expect(prepared.reencodedParts).toBe(2);
    expect(prepared.message).toMatch(
      /Content-Type: text\/plain; charset=shift_jis\r\nContent-Transfer-Encoding: base64\r\n/,
    );
    // The base64 holds exactly the part's original bytes (RFC 2046 5.1.1: up to the CRLF before the delimiter).
    const sent = prepared.message.split('Content-Transfer-Encoding: base64\r\n\r\n')[1]!.split('\r\n--mix')[0]!;
    const originalBody = Buffer.from(raw)
      .toString('latin1')
      .split('Content-Transfer-Encoding: 8bit\r\n\r\n')[1]!
      .split('\r\n--mix')[0]!;
    expect(Buffer.from(sent, 'base64').toString('hex')).toBe(Buffer.from(originalBody, 'latin1').toString('hex'));
    expect(prepared.message).toMatch(/Content-Type: message\/rfc822\r\nContent-Transfer-Encoding: 7bit\r\n/);
    expect([...Buffer.from(prepared.message, 'utf8')].every((byte) => byte < 0x80)).toBe(true);
  });

  it('an 8-bit binary attachment arrives byte for byte, as base64; raw latin1 header bytes are read as windows-1252', async () => {
    const { prepared, received } = await expectSameMeaning('binary-attachment.eml');
    // The bytes the fixture's generator wrote (see fixtures/json2/README.md). postal-mime's own reading of the
    // original is no reference here: it turns the CRLF inside a binary part into LF.
    const written = Buffer.concat([
      Buffer.from(Array.from({ length: 4 }, () => Array.from({ length: 256 }, (_, byte) => byte)).flat()),
      Buffer.from('\r\n-- not a boundary\r\n', 'latin1'),
      Buffer.from(Array.from({ length: 256 }, (_, index) => 255 - index)),
    ]);
    expect(Buffer.compare(Buffer.from(received.attachments[0]!.content as ArrayBuffer), written)).toBe(0);
    expect(prepared.reencodedParts).toBe(1);
    expect(prepared.repairedBytes).toBe(2);
    expect(received.subject).toBe('Prüfbericht für Kunde');
    expect(prepared.message).toContain('\r\n--=_part_42--\r\nepilogue\r\n');
  });

  it('leaves UTF-8 mail byte for byte, and a 7-bit message untouched', () => {
    const utf8 = new TextEncoder().encode(
      'Subject: Grüße\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nCafé\r\n',
    );
    expect(prepareJson2Message(utf8)).toEqual({
      message: new TextDecoder().decode(utf8),
      reencodedParts: 0,
      repairedBytes: 0,
    });
    const ascii = new TextEncoder().encode('Subject: hi\r\n\r\nplain\r\n');
    expect(convertToSevenBit(ascii)).toEqual({ bytes: ascii, reencodedParts: 0 });
  });

  it('reads each byte outside UTF-8 as windows-1252 and keeps well-formed UTF-8 around it', () => {
    expect(decodeUtf8OrWindows1252(new Uint8Array([0x80, 0x20, 0xc3, 0xa9, 0x20, 0xe9, 0x93, 0xe2, 0x82]))).toEqual({
      text: '€ é é“â‚',
      repaired: 5,
    });
  });
});
