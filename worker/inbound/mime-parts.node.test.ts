import { describe, expect, it } from 'vitest';
import { countMimeParts, scanMimeStructure } from './mime-parts.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

function multipart(boundary: string, parts: string[], declared = `boundary="${boundary}"`): string {
  return [
    'From: a@example.com',
    `Content-Type: multipart/mixed; ${declared}`,
    '',
    ...parts.flatMap((part) => [`--${boundary}`, part]),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

describe('countMimeParts', () => {
  it('counts a single-part message as one entity', () => {
    expect(countMimeParts(bytes('From: a@example.com\r\nContent-Type: text/plain\r\n\r\n-- \r\nsignature\r\n'))).toBe(
      1,
    );
  });

  it('counts parts by their delimiter lines, with or without headers, not the closing delimiter', () => {
    expect(
      countMimeParts(
        bytes(multipart('b1', ['Content-Type: text/plain\r\n\r\nhi', '\r\nno headers at all', '\r\nnone either'])),
      ),
    ).toBe(4);
  });

  it('reads unquoted boundaries, transport padding after the delimiter, and nested multiparts', () => {
    const inner = multipart('inner', ['\r\na', '\r\nb']).split('\r\n').slice(1).join('\r\n');
    const raw = multipart('outer', [inner.replace('--inner\r\n', '--inner  \r\n')], 'boundary=outer');
    // outer: message + 1 part; inner: 2 parts.
    expect(countMimeParts(bytes(raw))).toBe(4);
  });

  it('ignores lines that only look like delimiters of an undeclared boundary', () => {
    const raw = multipart('real', ['\r\n--not-a-boundary\r\n----------\r\n--real-ish']);
    expect(countMimeParts(bytes(raw))).toBe(2);
  });

  it('counts a bomb of 10,000 header-less parts in one pass', () => {
    const parts = Array.from({ length: 10_000 }, (_, i) => `\r\npart ${i}`);
    expect(countMimeParts(bytes(multipart('bomb', parts)))).toBe(10_001);
  });

  it("counts the parts of a message read in several chunks, whatever falls on either side of a chunk's end", () => {
    // Parts of 300 KiB of text lines: delimiter lines fall throughout the message, past several 1 MiB chunks.
    const filler = `${'x'.repeat(998)}\r\n`.repeat(300);
    const parts = Array.from({ length: 12 }, (_, i) => `Content-Type: text/plain\r\n\r\npart ${i}\r\n${filler}`);
    const raw = bytes(multipart('chunked', parts));
    expect(raw.byteLength).toBeGreaterThan(3 * 1024 * 1024);
    expect(countMimeParts(raw)).toBe(13);
  });
});

describe('scanMimeStructure', () => {
  const text = (raw: Uint8Array, from: number, to: number) => Buffer.from(raw.subarray(from, to)).toString('latin1');

  it('gives the byte range of each large leaf: headers, body up to the next delimiter line', () => {
    const big = `${'y'.repeat(98)}\r\n`.repeat(20);
    const raw = bytes(
      multipart('outer', [
        'Content-Type: text/plain\r\n\r\nsmall',
        `Content-Type: application/pdf\r\nContent-Disposition: attachment;\r\n filename="a.pdf"\r\nContent-Transfer-Encoding: BASE64\r\n\r\n${big}`,
        `Content-Type: multipart/alternative; boundary="inner"\r\n\r\n--inner\r\nContent-Type: text/html (a comment)\r\n\r\n${big}\r\n--inner--\r\nepilogue ${big}`,
      ]),
    );
    const { partCount, largeLeaves } = scanMimeStructure(raw, { minBodyBytes: 1000 });
    expect(partCount).toBe(5);
    expect(
      largeLeaves.map(({ mediaType, disposition, transferEncoding }) => [mediaType, disposition, transferEncoding]),
    ).toEqual([
      ['application/pdf', 'attachment', 'base64'],
      ['text/html', null, ''],
    ]);
    const [pdf, html] = largeLeaves;
    expect(text(raw, pdf!.start, pdf!.bodyStart)).toMatch(/^Content-Type: application\/pdf\r\n[^]*\r\n\r\n$/);
    expect(text(raw, pdf!.bodyStart, pdf!.end)).toBe(`${big}\r\n`);
    expect(text(raw, html!.bodyStart, html!.end)).toBe(`${big}\r\n`);
  });

  it('reads a single-part message as one leaf, text/plain without a Content-Type', () => {
    const body = 'z'.repeat(2000);
    const raw = bytes(`From: a@example.com\r\nSubject: hi\r\n\r\n${body}`);
    expect(scanMimeStructure(raw, { minBodyBytes: 1000 }).largeLeaves).toEqual([
      {
        start: 0,
        bodyStart: raw.length - body.length,
        end: raw.length,
        mediaType: 'text/plain',
        disposition: null,
        transferEncoding: '',
        mayHoldDelimiters: false,
      },
    ]);
  });
});
