import { describe, expect, it } from 'vitest';
import type { ParsedMail } from './parse.ts';
import { capForStorage, fitForStorage, MAX_STORED_ADDRESSES, MAX_STORED_TEXT_BYTES } from './storage-caps.ts';

const jsonBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).byteLength;

describe('capForStorage', () => {
  it('keeps a value that fits, and says so', () => {
    expect(capForStorage('héllo', 100)).toEqual({ value: 'héllo', truncated: false });
  });

  it('cuts so that the JSON encoding stays within the cap, whatever the characters cost', () => {
    for (const unit of ['a', 'é', '€', '😀', '"', '\u0001']) {
      const { value, truncated } = capForStorage(unit.repeat(5000), 1000);
      expect(truncated).toBe(true);
      expect(jsonBytes(value)).toBeLessThanOrEqual(1000);
      expect(jsonBytes(value + unit)).toBeGreaterThan(1000);
    }
  });

  it('never splits a surrogate pair', () => {
    const { value } = capForStorage('😀'.repeat(10), 2 + 4 * 3 + 2);
    expect(value).toBe('😀😀😀');
  });
});

describe('fitForStorage', () => {
  const base: ParsedMail = {
    messageId: 'm@example.com',
    inReplyTo: null,
    references: [],
    from: { address: 'ann@example.com', name: 'Ann' },
    to: [],
    cc: [],
    replyTo: [],
    subject: 'Hello',
    date: null,
    text: 'short',
    html: null,
    headers: [],
    attachments: [],
  };

  it('leaves ordinary mail as it is', () => {
    expect(fitForStorage(base)).toEqual({
      subject: 'Hello',
      text: 'short',
      html: null,
      from: base.from,
      to: [],
      cc: [],
      truncated: false,
    });
  });

  it('caps a huge body and a huge Cc list, and says it did', () => {
    const cc = Array.from({ length: MAX_STORED_ADDRESSES + 5 }, (_, i) => ({ address: `p${i}@example.com` }));
    const stored = fitForStorage({ ...base, text: 'x'.repeat(3 * 1024 * 1024), cc });
    expect(stored.truncated).toBe(true);
    expect(jsonBytes(stored.text)).toBeLessThanOrEqual(MAX_STORED_TEXT_BYTES);
    expect(stored.cc).toHaveLength(MAX_STORED_ADDRESSES);
  });
});
