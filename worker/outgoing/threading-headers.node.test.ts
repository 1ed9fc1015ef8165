import { describe, expect, it } from 'vitest';
import { buildThreadingHeaders, fitReferences } from './threading-headers.ts';

describe('threading headers of an outgoing message', () => {
  it('answers the latest message and carries the chain (RFC 5322 3.6.4)', () => {
    expect(buildThreadingHeaders('c@x.example', ['a@x.example', 'b@x.example', 'c@x.example'])).toEqual({
      'In-Reply-To': '<c@x.example>',
      References: '<a@x.example> <b@x.example> <c@x.example>',
    });
    expect(buildThreadingHeaders('b@x.example', ['a@x.example'])).toEqual({
      'In-Reply-To': '<b@x.example>',
      References: '<a@x.example> <b@x.example>',
    });
    expect(buildThreadingHeaders(null, [])).toEqual({});
  });

  it('keeps the root and the newest ids within 2,048 bytes', () => {
    const ids = Array.from(
      { length: 100 },
      (_, index) => `${String(index).padStart(3, '0')}.${'x'.repeat(30)}@mail.example`,
    );
    const fitted = fitReferences(ids);
    expect(fitted[0]).toBe(ids[0]);
    expect(fitted.at(-1)).toBe(ids.at(-1));
    expect(fitted.reduce((sum, id) => sum + id.length + 3, 0)).toBeLessThanOrEqual(2048);
    const kept = fitted.slice(1);
    expect(kept).toEqual(ids.slice(ids.length - kept.length));
  });
});
