import { describe, expect, it } from 'vitest';
import { parseSecrets, signAddressToken, verifyAddressToken } from './tokens.ts';

const secrets = ['first-secret-0123456789', 'older-secret-0123456789'];
const threadId = 'thr_01m7zd4nybk2zrse1zyewz2x7j';

describe('address tokens', () => {
  it('round-trips a reply token, case-insensitively, and fits in a local part', async () => {
    const token = await signAddressToken('reply', threadId, secrets);
    expect(`catchall+${token}`.length).toBeLessThanOrEqual(64);
    expect(await verifyAddressToken('reply', token, secrets)).toBe(threadId);
    expect(await verifyAddressToken('reply', token.toUpperCase(), secrets)).toBe(threadId);
  });

  it('rejects altered, forged and cross-kind tokens', async () => {
    const token = await signAddressToken('reply', threadId, secrets);
    const altered = token.slice(0, 5) + (token[5] === 'a' ? 'b' : 'a') + token.slice(6);
    expect(await verifyAddressToken('reply', altered, secrets)).toBeNull();
    const forged = await signAddressToken('reply', threadId, ['attacker-secret-0123456789']);
    expect(await verifyAddressToken('reply', forged, secrets)).toBeNull();
    expect(await verifyAddressToken('verp', token, secrets)).toBeNull();
    expect(await verifyAddressToken('reply', 'r!!', secrets)).toBeNull();
  });

  it('keeps verifying tokens signed with the previous secret after a rotation', async () => {
    const old = await signAddressToken('verp', 'msg_01m7zd4nybk2zrse1zyewz2x7j', ['older-secret-0123456789']);
    expect(await verifyAddressToken('verp', old, secrets)).toBe('msg_01m7zd4nybk2zrse1zyewz2x7j');
    expect(await verifyAddressToken('verp', old, ['first-secret-0123456789'])).toBeNull();
  });

  it('parses secret settings and ignores short keys', () => {
    expect(parseSecrets('a-long-secret-value-1, another-long-secret-2 short')).toEqual([
      'a-long-secret-value-1',
      'another-long-secret-2',
    ]);
    expect(parseSecrets(undefined)).toEqual([]);
  });
});
