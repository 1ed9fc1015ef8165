// Tests of the loop marker: signed per forwarded message, verified only with this installation's secrets.
import { describe, expect, it } from 'vitest';
import { signLoopMarker, verifyLoopMarker } from './loop-marker.ts';

const SECRETS = ['installation-secret-0123456789'];
const INBOUND_ID = 'inb_01jh6x2c4qmd8rzk3v5n7p9t0w';

describe('loop markers', () => {
  it('verifies a marker this installation signed, with any of its secrets (rotation)', async () => {
    const marker = (await signLoopMarker(INBOUND_ID, SECRETS))!;
    expect(marker).toMatch(/^inb_01jh6x2c4qmd8rzk3v5n7p9t0w\.[0-9a-z]{26}$/);
    expect(await verifyLoopMarker(marker, SECRETS)).toBe(INBOUND_ID);
    expect(await verifyLoopMarker(` ${marker.toUpperCase()} `, SECRETS)).toBe(INBOUND_ID);
    expect(await verifyLoopMarker(marker, ['new-secret-after-rotation-000', ...SECRETS])).toBe(INBOUND_ID);
  });

  it('refuses markers it did not sign: another secret, another id, an altered tag, a bare domain', async () => {
    const marker = (await signLoopMarker(INBOUND_ID, SECRETS))!;
    expect(await verifyLoopMarker(marker, ['another-installation-secret-0'])).toBeNull();
    expect(await verifyLoopMarker(marker.replace('inb_01jh', 'inb_01jj'), SECRETS)).toBeNull();
    const tag = marker.slice(-1) === 'a' ? 'b' : 'a';
    expect(await verifyLoopMarker(`${marker.slice(0, -1)}${tag}`, SECRETS)).toBeNull();
    for (const value of [null, '', 'example.com', 'inb_x', `${INBOUND_ID}.short`]) {
      expect(await verifyLoopMarker(value, SECRETS)).toBeNull();
    }
  });

  it('signs nothing without a secret', async () => {
    expect(await signLoopMarker(INBOUND_ID, [])).toBeNull();
  });
});
