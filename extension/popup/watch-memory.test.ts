// Resuming the re-checks after the popup was closed: where the schedule is, and how long a watch is kept.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { attemptsElapsed, clearWatch, loadWatch, saveWatch, WATCH_LIFETIME_MS } from './watch-memory.ts';

beforeEach(() => fakeBrowser.reset());

describe('attemptsElapsed', () => {
  it('counts the re-checks a schedule started that long ago would have run', () => {
    expect(attemptsElapsed(0)).toBe(0);
    expect(attemptsElapsed(14_999)).toBe(0);
    expect(attemptsElapsed(15_000)).toBe(1);
    expect(attemptsElapsed(45_000)).toBe(2);
    // 15 + 30 + 60 + 120 s, then 300 s steps.
    expect(attemptsElapsed(225_000)).toBe(4);
    expect(attemptsElapsed(525_000)).toBe(5);
    expect(attemptsElapsed(824_999)).toBe(5);
  });
});

describe('watch storage', () => {
  it('keeps when watching started, per domain, until cleared', async () => {
    await saveWatch('example.com', 1_000);
    expect(await loadWatch('example.com', 61_000)).toBe(1_000);
    expect(await loadWatch('other.example', 61_000)).toBeNull();
    await clearWatch('example.com');
    expect(await loadWatch('example.com', 61_000)).toBeNull();
  });

  it('forgets a watch older than its lifetime, or dated in the future', async () => {
    await saveWatch('example.com', 1_000);
    expect(await loadWatch('example.com', 1_000 + WATCH_LIFETIME_MS + 1)).toBeNull();
    expect(await loadWatch('example.com', 500)).toBeNull();
  });

  it('reads what the previous version stored under the same key, and writes nothing beside it', async () => {
    await fakeBrowser.storage.local.set({ 'mailgate:watch:example.com': 1_000 });
    expect(await loadWatch('example.com', 61_000)).toBe(1_000);
    await saveWatch('example.org', 2_000);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({
      'mailgate:watch:example.com': 1_000,
      'mailgate:watch:example.org': 2_000,
    });
  });

  it('ignores a stored value of the wrong type', async () => {
    await fakeBrowser.storage.local.set({ 'mailgate:watch:example.com': '1000' });
    expect(await loadWatch('example.com', 61_000)).toBeNull();
  });
});
