import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readMailauthInput, toCrlfChunk } from './mailauth-input.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes);

/** The rewrite mailauth makes, a byte at a time: every LF not preceded by CR becomes CRLF. */
function crlfByBytes(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index++) {
    if (text[index] === '\n' && text[index - 1] !== '\r') out += '\r';
    out += text[index];
  }
  return out;
}

async function readAll(input: Uint8Array | Readable): Promise<string> {
  if (input instanceof Uint8Array) return decode(input);
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(chunk as Buffer);
  return decode(Buffer.concat(chunks));
}

describe('toCrlfChunk', () => {
  it('makes the same bytes as a byte-by-byte rewrite, wherever the chunks split (a CR at one end, its LF at the next)', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 200; trial++) {
      const text = Array.from({ length: 60 }, () => ['\r', '\n', 'a', ' '][Math.floor(random() * 4)]).join('');
      const bytes = encode(text);
      const cut = Math.floor(random() * bytes.length);
      const first = toCrlfChunk(bytes.subarray(0, cut), undefined);
      const second = toCrlfChunk(bytes.subarray(cut), cut > 0 ? bytes[cut - 1] : undefined);
      expect(decode(first) + decode(second)).toBe(crlfByBytes(text));
    }
  });

  it('returns a chunk without bare LF as it is', () => {
    const chunk = encode('a\r\nb\r\n');
    expect(toCrlfChunk(chunk, undefined)).toBe(chunk);
    expect(decode(toCrlfChunk(encode('\nb'), 0x0d))).toBe('\nb');
  });
});

describe('readMailauthInput', () => {
  const header = 'From: ann@sender.example\nTo: sales@example.com\nSubject: hi\n';
  const body = 'line one\nline two\n'.repeat(10_000);

  it('hands over only the header section when no field signs the body', async () => {
    expect(await readAll(readMailauthInput(encode(`${header}\n${body}`)))).toBe(`${header}\n`);
    expect(await readAll(readMailauthInput(encode(`${header}\r\n${body}`)))).toBe(`${header}\r\n`);
  });

  it('hands over the whole message, CRLF throughout, when a DKIM or ARC message signature covers the body', async () => {
    for (const field of ['DKIM-Signature: v=1; d=sender.example', 'ARC-Message-Signature: i=1; d=forwarder.example']) {
      const message = `${field}\n${header}\n${body}`;
      const input = readMailauthInput(encode(message));
      expect(input).toBeInstanceOf(Readable);
      expect(await readAll(input)).toBe(crlfByBytes(message));
    }
  });

  it('passes a signed CRLF message as it is, without a copy', () => {
    const message = encode(crlfByBytes(`DKIM-Signature: v=1\n${header}\n${body}`));
    expect(readMailauthInput(message)).toBe(message);
  });

  it('gives a message with bare CR line ends (no LF at all) LF line ends, then its header section', async () => {
    const bareCr = `${header}\n${body}`.replaceAll('\n', '\r');
    expect(await readAll(readMailauthInput(encode(bareCr)))).toBe(`${header}\n`);
  });

  it('keeps the whole message when no empty line ends the header section', async () => {
    const headerOnly = 'From: ann@sender.example\nSubject: no body';
    expect(await readAll(readMailauthInput(encode(headerOnly)))).toBe(crlfByBytes(headerOnly));
  });
});
