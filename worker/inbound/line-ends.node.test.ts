// Tests of the line-end repair before parsing: bare CR becomes LF, CRLF and LF stay as they are.
import { describe, expect, it } from 'vitest';
import { normalizeBareCarriageReturns } from './line-ends.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

describe('normalizeBareCarriageReturns', () => {
  it('turns every bare CR into LF', () => {
    expect(text(normalizeBareCarriageReturns(bytes('From: a@b.example\rSubject: x\r\rbody\r')))).toBe(
      'From: a@b.example\nSubject: x\n\nbody\n',
    );
  });

  it('leaves CRLF pairs alone, also beside bare CRs', () => {
    expect(text(normalizeBareCarriageReturns(bytes('A: 1\r\nB: 2\r\r\nbody\r')))).toBe('A: 1\r\nB: 2\n\r\nbody\n');
  });

  it('returns the input itself when it has no bare CR', () => {
    for (const input of [bytes('A: 1\r\n\r\nbody\r\n'), bytes('A: 1\n\nbody\n'), bytes('')]) {
      expect(normalizeBareCarriageReturns(input)).toBe(input);
    }
  });
});
