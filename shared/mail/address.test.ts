import { describe, expect, it } from 'vitest';
import {
  findHeaderFromAddress,
  normalizeAddress,
  normalizeMessageId,
  parseMessageIdList,
  splitAddress,
} from './address.ts';

describe('addresses', () => {
  it('lower-cases the domain only', () => {
    expect(normalizeAddress(' <John.Doe@Example.COM> ')).toBe('John.Doe@example.com');
    expect(splitAddress('Sales+Fair@Example.com')).toEqual({ localPart: 'Sales+Fair', domain: 'example.com' });
    expect(splitAddress('no-at-sign')).toBeNull();
  });

  it('normalises Message-IDs and reference lists', () => {
    expect(normalizeMessageId(' <abc@host> ')).toBe('abc@host');
    expect(normalizeMessageId('')).toBeNull();
    expect(parseMessageIdList('<a@x>\r\n <b@y> <c@z>')).toEqual(['a@x', 'b@y', 'c@z']);
    expect(parseMessageIdList('a@x b@y')).toEqual(['a@x', 'b@y']);
  });

  it('finds the header From address without parsing the whole message', () => {
    const raw = new TextEncoder().encode('Subject: hi\r\nFrom: "Ann, Smith" <ann@example.org>\r\n\r\nFrom: x@y\r\n');
    expect(findHeaderFromAddress(raw)).toBe('ann@example.org');
    expect(findHeaderFromAddress(new TextEncoder().encode('Subject: none\n\nbody'))).toBeNull();
  });
});
