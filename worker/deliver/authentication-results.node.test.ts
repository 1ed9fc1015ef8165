// prependAuthenticationResults: one field on top, every original byte after it.
import { describe, expect, it } from 'vitest';
import { prependAuthenticationResults } from './authentication-results.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('prependAuthenticationResults', () => {
  it('puts the field first and keeps the raw bytes exactly after it (8-bit included)', () => {
    const raw = new Uint8Array([...encode('From: a@x.test\r\nSubject: caf'), 0xe9, ...encode('\r\n\r\nbody\r\n')]);
    const out = prependAuthenticationResults(
      raw,
      'mx.mailgate.test; spf=pass smtp.mailfrom=x.test; dmarc=pass header.from=x.test',
    );
    const field = encode(
      'Authentication-Results: mx.mailgate.test; spf=pass smtp.mailfrom=x.test; dmarc=pass header.from=x.test\r\n',
    );
    expect(Buffer.compare(Buffer.from(out.subarray(0, field.length)), Buffer.from(field))).toBe(0);
    expect(Buffer.compare(Buffer.from(out.subarray(field.length)), Buffer.from(raw))).toBe(0);
  });

  it("keeps the verdict's folds, written with the mail's own line break", () => {
    const lfRaw = encode('From: a@x.test\nSubject: hi\n\nbody\n');
    const out = decode(prependAuthenticationResults(lfRaw, 'mx.test;\r\n spf=pass;\r\n\tdkim=fail'));
    expect(out).toBe(
      'Authentication-Results: mx.test;\n spf=pass;\n\tdkim=fail\nFrom: a@x.test\nSubject: hi\n\nbody\n',
    );
  });

  it('never lets a bare line break in the value start a new header field', () => {
    const out = decode(
      prependAuthenticationResults(encode('From: a@x.test\r\n\r\n'), 'mx.test; spf=pass\r\nBcc: victim@x.test'),
    );
    expect(out.split('\r\n')[0]).toBe('Authentication-Results: mx.test; spf=pass Bcc: victim@x.test');
  });

  it('hands over the raw bytes unchanged when there is no verdict', () => {
    const raw = encode('From: a@x.test\r\n\r\n');
    expect(prependAuthenticationResults(raw, '  ')).toBe(raw);
  });
});
