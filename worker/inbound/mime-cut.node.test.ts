import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { MAX_WORKING_HTML_CHARS, MAX_WORKING_TEXT_CHARS } from './limits.ts';
import { MIN_CUT_BODY_BYTES } from './mime-cut.ts';
import { capForStorage, MAX_STORED_HTML_BYTES } from './storage-caps.ts';
import {
  attachmentReferenceKey,
  extractAttachmentByReference,
  parseAttachmentReference,
  parseMail,
  POSTAL_MIME_OPTIONS,
} from './parse.ts';

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
const HEAD = 'From: Ann <ann@sender.example>\r\nTo: inbox@example.com\r\nSubject: files\r\nMIME-Version: 1.0\r\n';

/** Bytes of every value, in an order no run compresses: what a real binary attachment looks like. */
function binary(size: number, seed = 7): Uint8Array {
  return Uint8Array.from({ length: size }, (_, i) => (i * 131 + seed + (i >> 8)) & 0xff);
}

function base64Lines(content: Uint8Array): string {
  return (
    Buffer.from(content)
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');
}

/** Quoted-printable with soft breaks, escapes, an invalid escape kept literal, and a hard line break now and then. */
function quotedPrintable(size: number): string {
  const lines: string[] = [];
  for (let i = 0, length = 0; length < size; i++) {
    lines.push(i % 7 === 0 ? `caf=C3=A9 =ZZ line ${i}` : `plain line ${i} with =3D and more text${'.'.repeat(40)}=`);
    length += lines[i]!.length + 2;
  }
  return lines.join('\r\n');
}

function multipart(boundary: string, parts: string[]): string {
  return `Content-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n${parts.map((part) => `--${boundary}\r\n${part}\r\n`).join('')}--${boundary}--\r\n`;
}

const attachmentPart = (name: string, type: string, encoding: string, body: string) =>
  `Content-Type: ${type}; name="${name}"\r\nContent-Disposition: attachment; filename="${name}"\r\nContent-Transfer-Encoding: ${encoding}\r\n\r\n${body}`;

async function parseWhole(raw: Uint8Array) {
  return PostalMime.parse(raw, POSTAL_MIME_OPTIONS);
}

/** Every attachment parseMail reports, with its bytes loaded, next to what postal-mime decodes from the whole message. */
async function expectSameAttachments(raw: Uint8Array) {
  const [mail, whole] = await Promise.all([parseMail(raw), parseWhole(raw)]);
  expect(mail.attachments.map((attachment) => attachment.filename)).toEqual(
    whole.attachments.map((attachment) => attachment.filename),
  );
  for (const [index, attachment] of mail.attachments.entries()) {
    const expected = new Uint8Array(whole.attachments[index]!.content as ArrayBuffer);
    expect(attachment.sizeBytes, `size of ${attachment.filename}`).toBe(expected.byteLength);
    expect(
      Buffer.from(await attachment.loadContent()).equals(Buffer.from(expected)),
      `bytes of ${attachment.filename}`,
    ).toBe(true);
  }
  return mail;
}

// Each test parses megabytes twice (once whole, for the expected values), on a shared machine.
describe('parseMail: large parts kept out of postal-mime', { timeout: 30_000 }, () => {
  it('cuts large attachments of every transfer encoding out, with their exact size and bytes from their range', async () => {
    const pdf = binary(MIN_CUT_BODY_BYTES + 1000);
    const raw = bytes(
      HEAD +
        multipart('b1', [
          'Content-Type: text/plain; charset=utf-8\r\n\r\nThe files, as promised.',
          attachmentPart('scan.pdf', 'application/pdf', 'base64', base64Lines(pdf)),
          attachmentPart('notes.txt', 'text/plain', 'quoted-printable', quotedPrintable(MIN_CUT_BODY_BYTES + 5000)),
          attachmentPart(
            'table.csv',
            'text/csv',
            '8bit',
            `${'1;2;3;'.repeat(30)}\r\n${'4;5;6;'.repeat(30)}\n`.repeat(MIN_CUT_BODY_BYTES / 300),
          ),
          attachmentPart('small.bin', 'application/octet-stream', 'base64', base64Lines(binary(100))),
        ]),
    );
    const mail = await expectSameAttachments(raw);
    expect(mail.attachments.map((attachment) => attachment.cutRange !== null)).toEqual([true, true, true, false]);
    expect(mail.attachments.every((attachment) => attachment.content.byteLength <= 100)).toBe(true);
    expect(mail.text?.trim()).toBe('The files, as promised.');
    // The range holds the part itself: its headers first.
    const [scan] = mail.attachments;
    const part = Buffer.from(raw.subarray(scan!.cutRange!.offset, scan!.cutRange!.offset + scan!.cutRange!.length));
    expect(part.toString('latin1')).toMatch(/^Content-Type: application\/pdf; name="scan.pdf"\r\n/);
  });

  it('counts base64 with padding inside the body and stray characters as postal-mime decodes it', async () => {
    const first = base64Lines(binary(MIN_CUT_BODY_BYTES, 1));
    // Some mailers pad every encoded chunk: "=" ends a unit, and the next one starts aligned again.
    const body = `${first}\r\nQUI=\r\n!!QUJD\u00e9\r\nQQ\r\n`;
    const raw = bytes(HEAD + multipart('b2', [attachmentPart('odd.bin', 'application/octet-stream', 'base64', body)]));
    const mail = await expectSameAttachments(raw);
    expect(mail.attachments[0]!.cutRange).not.toBeNull();
  });

  it('cuts a huge single-part text short: the working text is the start of the whole text', async () => {
    const line = 'On the quote for 40 units: the price holds until Friday, and delivery takes two weeks.\r\n';
    const raw = bytes(`${HEAD}Content-Type: text/plain; charset=utf-8\r\n\r\n${line.repeat(16_000)}`);
    const [mail, whole] = await Promise.all([parseMail(raw), parseWhole(raw)]);
    expect(whole.text!.length).toBeGreaterThan(4 * MAX_WORKING_TEXT_CHARS);
    expect(mail.text!.length).toBe(MAX_WORKING_TEXT_CHARS);
    expect(whole.text!.startsWith(mail.text!)).toBe(true);
  });

  it('cuts a base64 HTML body short after an unaligned line, and never lets the marker into the body', async () => {
    const html = `<html><body>${'<p>Price: <b>40 units</b> until Friday.</p>\n'.repeat(50_000)}</body></html>`;
    // 75-character lines: the head ends at a line that does not close a base64 group.
    const encoded = (
      Buffer.from(html)
        .toString('base64')
        .match(/.{1,75}/g) ?? []
    ).join('\r\n');
    const raw = bytes(
      HEAD +
        multipart('b3', [
          `Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${encoded}`,
          'Content-Type: text/plain\r\n\r\nafter the html',
        ]),
    );
    const [mail, whole] = await Promise.all([parseMail(raw), parseWhole(raw)]);
    expect(mail.html!.length).toBeGreaterThan(MAX_WORKING_HTML_CHARS / 2);
    expect(whole.html!.startsWith(mail.html!)).toBe(true);
    expect(mail.html).not.toMatch(/mailgate-cut/);
    expect(mail.text ?? '').not.toMatch(/mailgate-cut/);
  });

  it('keeps as much of a quoted-printable CJK HTML body as D1 stores (each character 9 encoded bytes)', async () => {
    const html = `<html><body>${'<p>中文邮件正文内容</p>\n'.repeat(40_000)}</body></html>`;
    // Every UTF-8 byte escaped (=E4=B8=AD…), in lines of at most 76 characters ending in soft breaks (RFC 2045 6.7).
    const escaped = [...Buffer.from(html)]
      .map((byte) => `=${byte.toString(16).toUpperCase().padStart(2, '0')}`)
      .join('');
    const encoded = (escaped.match(/.{1,72}/g) ?? []).join('=\r\n');
    const raw = bytes(
      `${HEAD}Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${encoded}\r\n`,
    );
    const [mail, whole] = await Promise.all([parseMail(raw), parseWhole(raw)]);
    expect(whole.html!.startsWith(mail.html!)).toBe(true);
    // The head was cut (far less than the whole body was decoded) but still fills what D1 keeps of it.
    expect(mail.html!.length).toBeLessThan(whole.html!.length / 2);
    expect(capForStorage(mail.html!, MAX_STORED_HTML_BYTES).truncated).toBe(true);
  });

  it('keeps a body whole when a line in it starts with "--" (a delimiter the scan might not know)', async () => {
    const body = `${'x'.repeat(200)}\r\n`.repeat(MIN_CUT_BODY_BYTES / 200) + '--not-a-boundary\r\nmore\r\n';
    const raw = bytes(HEAD + multipart('b4', [attachmentPart('log.txt', 'text/plain', '8bit', body)]));
    const mail = await expectSameAttachments(raw);
    expect(mail.attachments[0]!.cutRange).toBeNull();
  });

  it('parses the whole message when a cut part sits inside an attached message (its bytes must stay exact)', async () => {
    const inner =
      HEAD +
      multipart('inner', [
        attachmentPart('big.bin', 'application/octet-stream', 'base64', base64Lines(binary(MIN_CUT_BODY_BYTES + 10))),
      ]);
    const raw = bytes(
      HEAD +
        multipart('b5', [
          'Content-Type: text/plain\r\n\r\nForwarding the original.',
          `Content-Type: message/rfc822\r\nContent-Disposition: attachment; filename="original.eml"\r\n\r\n${inner}`,
        ]),
    );
    const mail = await expectSameAttachments(raw);
    expect(mail.attachments.map((attachment) => attachment.contentType)).toEqual(['message/rfc822']);
    expect(mail.attachments[0]!.cutRange).toBeNull();
  });

  it('keeps the parts of a delivery report whole, and cuts a large attachment beside them', async () => {
    const raw = bytes(
      HEAD.replace('multipart', '') +
        'Content-Type: multipart/report; report-type=delivery-status; boundary="r"\r\n\r\n' +
        '--r\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n' +
        '--r\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\nFinal-Recipient: rfc822; gone@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n' +
        `--r\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <orig@example.com>\r\nSubject: ${'s'.repeat(MIN_CUT_BODY_BYTES)}\r\n` +
        `--r\r\n${attachmentPart('extra.bin', 'application/octet-stream', 'base64', base64Lines(binary(MIN_CUT_BODY_BYTES + 1)))}\r\n` +
        '--r--\r\n',
    );
    const mail = await expectSameAttachments(raw);
    expect(mail.attachments.map((attachment) => [attachment.contentType, attachment.cutRange !== null])).toEqual([
      ['message/delivery-status', false],
      ['text/rfc822-headers', false],
      ['application/octet-stream', true],
    ]);
  });

  it('serves an attachment kept by reference from its range alone', async () => {
    const pdf = binary(MIN_CUT_BODY_BYTES * 2);
    const raw = bytes(
      HEAD + multipart('b6', [attachmentPart('scan.pdf', 'application/pdf', 'base64', base64Lines(pdf))]),
    );
    const mail = await parseMail(raw);
    const key = attachmentReferenceKey('raw/inb_1.eml', 0, mail.attachments[0]!.cutRange);
    expect(parseAttachmentReference(key)).toEqual({
      key: 'raw/inb_1.eml',
      index: 0,
      range: mail.attachments[0]!.cutRange,
    });
    const reads: string[] = [];
    const served = await extractAttachmentByReference(async (rawKey, range) => {
      reads.push(`${rawKey} ${range ? `${range.offset}+${range.length}` : 'whole'}`);
      const slice = range ? raw.slice(range.offset, range.offset + range.length) : raw.slice();
      return slice.buffer;
    }, key);
    expect(Buffer.from(served!).equals(Buffer.from(pdf))).toBe(true);
    expect(reads).toEqual([
      `raw/inb_1.eml ${mail.attachments[0]!.cutRange!.offset}+${mail.attachments[0]!.cutRange!.length}`,
    ]);
    // Keys written before ranges existed still name the attachment by its index in the whole message.
    expect(parseAttachmentReference('raw/inb_1.eml#attachment=3')).toEqual({
      key: 'raw/inb_1.eml',
      index: 3,
      range: null,
    });
  });
});
