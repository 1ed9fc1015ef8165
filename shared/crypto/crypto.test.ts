// shared/crypto against published vectors: RFC 4648 section 10 (base64), RFC 4231 (HMAC-SHA256), FIPS 180-2 (SHA-256).
import { describe, expect, it } from 'vitest';
import { decodeBase64, decodeBase64Url, encodeBase64, encodeBase64Url } from './base64.ts';
import { encodeCrockfordBase32, isCrockfordBase32 } from './base32.ts';
import { encodeHex, sha256Hex } from './digest.ts';
import { equalInConstantTime, importHmacKey, signHmac, verifyHmac } from './hmac.ts';

const text = (value: string) => new TextEncoder().encode(value);
const fromHex = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));

describe('base64 and base64url', () => {
  it('encodes and decodes the RFC 4648 test vectors', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(encodeBase64(text(plain))).toBe(encoded);
      expect(new TextDecoder().decode(decodeBase64(encoded))).toBe(plain);
    }
  });

  it('decodes wrapped lines and missing padding, and refuses what is not base64', () => {
    expect(new TextDecoder().decode(decodeBase64('Zm9v\r\nYmE'))).toBe('fooba');
    expect(() => decodeBase64('Zm9v!')).toThrow(TypeError);
    expect(() => decodeBase64('Z')).toThrow(TypeError);
  });

  it('round-trips every byte value through base64url without padding or URL-unsafe characters', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, index) => index);
    const encoded = encodeBase64Url(bytes);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeBase64Url(encoded)).toEqual(bytes);
    expect(encodeBase64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(() => decodeBase64Url('+_8')).toThrow(TypeError);
  });

  it('encodes large inputs in chunks with the same result as one pass', () => {
    const bytes = Uint8Array.from({ length: 200_000 }, (_, index) => (index * 7) & 0xff);
    expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
  });
});

describe('Crockford base32', () => {
  it('encodes 5 bits per character, most significant first, in the lower-case alphabet without i, l, o, u', () => {
    expect(encodeCrockfordBase32(new Uint8Array([0xff]))).toBe('zw');
    expect(encodeCrockfordBase32(new Uint8Array([0x00, 0x44, 0x32, 0x14, 0xc7]))).toBe('01234567');
    expect(encodeCrockfordBase32(new Uint8Array([0xff, 0xff, 0xff]), 3)).toBe('zzz');
    expect(isCrockfordBase32('0123456789abcdefghjkmnpqrstvwxyz')).toBe(true);
    expect(isCrockfordBase32('abci')).toBe(false);
    expect(isCrockfordBase32('ABC')).toBe(false);
  });
});

describe('HMAC-SHA256 and constant-time comparison', () => {
  // RFC 4231 test case 2.
  const key = 'Jefe';
  const message = 'what do ya want for nothing?';
  const mac = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';

  it('signs the RFC 4231 vector, and verifies it only unaltered', async () => {
    expect(encodeHex(await signHmac(key, message))).toBe(mac);
    expect(await verifyHmac(key, message, fromHex(mac))).toBe(true);
    const altered = fromHex(mac);
    altered[31] = (altered[31] ?? 0) ^ 1;
    expect(await verifyHmac(key, message, altered)).toBe(false);
    expect(await verifyHmac(key, `${message}!`, fromHex(mac))).toBe(false);
    expect(await verifyHmac(key, message, fromHex(mac).subarray(0, 16))).toBe(false);
  });

  it('takes the key as text, bytes or an imported key alike', async () => {
    const imported = await importHmacKey(text(key));
    expect(encodeHex(await signHmac(imported, text(message)))).toBe(mac);
  });

  it('compares values of any length', async () => {
    expect(await equalInConstantTime('abc123', 'abc123')).toBe(true);
    expect(await equalInConstantTime('abc123', 'abc124')).toBe(false);
    expect(await equalInConstantTime('abc123', 'abc12')).toBe(false);
    expect(await equalInConstantTime(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(await equalInConstantTime('', '')).toBe(true);
  });

  it('hashes with SHA-256 to lower-case hex (FIPS 180-2 "abc")', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
