import { describe, expect, it } from 'vitest';
import { parseReceivedClient, readCloudflareReceived } from './received.ts';

const received = (value: string) => ({ key: 'received', value });

describe('readCloudflareReceived', () => {
  it('reads the client IP and HELO of an Email Routing Received line', () => {
    expect(
      readCloudflareReceived([
        received(
          'from mail-wr1-f41.google.com (209.85.221.41) by mx.cloudflare.net (unknown) id 9KmnhQJfTdyZ for <sales@example.com>; Wed, 26 Apr 2026 09:14:02 +0000',
        ),
        received('by 2002:a05:6000:1f8b with SMTP id bv11csp1; Wed, 26 Apr 2026 02:14:01 -0700'),
      ]),
    ).toEqual({ clientIp: '209.85.221.41', helo: 'mail-wr1-f41.google.com', by: 'mx.cloudflare.net' });
  });

  it('accepts a named MX host and the bracketed TCP-info of RFC 5321 4.4', () => {
    expect(
      readCloudflareReceived([
        received(
          'from mta.sender.example (mta.sender.example [192.0.2.10]) by amir.mx.cloudflare.net with ESMTPS id x',
        ),
      ]),
    ).toEqual({ clientIp: '192.0.2.10', helo: 'mta.sender.example', by: 'amir.mx.cloudflare.net' });
  });

  it('reads an IPv6 client', () => {
    expect(
      readCloudflareReceived([
        received(
          'from mail.example.net (2a01:4f8:c17:1::2) by mx.cloudflare.net (unknown) id abc; Mon, 1 Jan 2026 00:00:00 +0000',
        ),
      ])?.clientIp,
    ).toBe('2a01:4f8:c17:1::2');
  });

  it("trusts only the topmost Received header, and only when Cloudflare's MX wrote it", () => {
    expect(
      readCloudflareReceived([
        received('from relay.attacker.example (203.0.113.5) by mx.attacker.example; Mon, 1 Jan 2026 00:00:00 +0000'),
        received('from mail.sender.example (192.0.2.10) by mx.cloudflare.net; Mon, 1 Jan 2026 00:00:00 +0000'),
      ]),
    ).toBeNull();
    expect(readCloudflareReceived([received('from x (192.0.2.10) by mx.cloudflare.net.evil.example; x')])).toBeNull();
    expect(readCloudflareReceived([{ key: 'subject', value: 'hi' }])).toBeNull();
  });

  it('takes the address from the TCP-info, not from what the client claimed in HELO', () => {
    expect(parseReceivedClient('from [198.51.100.1] (203.0.113.9) by mx.cloudflare.net')?.clientIp).toBe('203.0.113.9');
    expect(parseReceivedClient('from [198.51.100.1] by mx.cloudflare.net')).toEqual({
      clientIp: '198.51.100.1',
      helo: null,
      by: 'mx.cloudflare.net',
    });
    expect(parseReceivedClient('by mx.cloudflare.net; no from clause')).toBeNull();
  });
});
