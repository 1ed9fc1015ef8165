import { describe, expect, it } from 'vitest';
import { MAX_FORWARD_HEADER_VALUE_CHARS, buildForwardHeaders, isForwardableHeaderName } from './forward-headers.ts';

function listHeaders(headers: Headers): [string, string][] {
  const list: [string, string][] = [];
  headers.forEach((value, name) => list.push([name, value]));
  return list;
}

describe('buildForwardHeaders', () => {
  it('writes the verdicts as X-Mailgate-* headers', () => {
    const headers = buildForwardHeaders({
      inboundId: 'inb_01JH',
      auth: { spf: 'pass', dkim: 'fail', dmarc: 'fail' },
      spam: { isSpam: true, score: 7.5, reason: 'bulk' },
      kind: 'mail',
      reason: 'forwarded by alias sales@',
    });
    expect(listHeaders(headers)).toEqual([
      ['x-mailgate-auth', 'spf=pass dkim=fail dmarc=fail'],
      ['x-mailgate-inbound-id', 'inb_01JH'],
      ['x-mailgate-kind', 'mail'],
      ['x-mailgate-reason', 'forwarded by alias sales@'],
      ['x-mailgate-spam', 'yes; score=7.5; reason=bulk'],
    ]);
  });

  it('carries the loop marker when it is given', () => {
    expect(buildForwardHeaders({ loopMarker: 'inb_01jh.abc' }).get('x-mailgate-loop')).toBe('inb_01jh.abc');
  });

  it('writes nothing for an empty verdict', () => {
    expect(listHeaders(buildForwardHeaders({}))).toEqual([]);
  });

  it('refuses any header that is not X- (Cloudflare rejects them on forward)', () => {
    expect(() => buildForwardHeaders({ extra: { 'Reply-To': 'a@b.c' } })).toThrow(/only accepts X- headers/);
    expect(() => buildForwardHeaders({ extra: { 'X-': 'empty name' } })).toThrow(TypeError);
    expect(buildForwardHeaders({ extra: { 'X-Erp-Hint': 'crm' } }).get('x-erp-hint')).toBe('crm');
    expect(isForwardableHeaderName('x-lower-case')).toBe(true);
    expect(isForwardableHeaderName('Xmailgate')).toBe(false);
  });

  it('cannot be used to inject a header line, and keeps values bounded and ASCII', () => {
    const headers = buildForwardHeaders({
      reason: 'ok\r\nBcc: victim@example.com',
      extra: { 'X-Long': 'a'.repeat(5000) },
    });
    expect(headers.get('x-mailgate-reason')).toBe('ok Bcc: victim@example.com');
    expect(headers.get('x-long')!.length).toBe(MAX_FORWARD_HEADER_VALUE_CHARS);
    const accented = buildForwardHeaders({ reason: 'alias « ventes » – café ☕' }).get('x-mailgate-reason')!;
    expect(accented).toMatch(/^(=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?= ?)+$/);
    const decoded = accented
      .split(' ')
      .map((word) => Buffer.from(word.slice(10, -2), 'base64').toString('utf8'))
      .join('');
    expect(decoded).toBe('alias « ventes » – café ☕');
    expect(accented.split(' ').every((word) => word.length <= 75)).toBe(true);
  });
});
