import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';

describe('newId', () => {
  it('mints prefixed ids that sort by creation, even within one millisecond', () => {
    const ids = Array.from({ length: 500 }, () => newId('evt', 1_800_000_000_000));
    expect(new Set(ids).size).toBe(500);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]).toMatch(/^evt_[0-9a-hjkmnp-tv-z]{26}$/);
  });

  it('never goes back in time when the clock does', () => {
    const later = newId('thr', 1_900_000_000_000);
    const earlier = newId('thr', 1_800_000_000_000);
    expect(earlier > later).toBe(true);
  });
});
