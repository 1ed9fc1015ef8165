// The authentication stage inside workerd: real DKIM signatures (RSA-2048, Ed25519), SPF, DMARC and ARC over a zone stub.
import { dkimSign, sealMessage } from 'mailauth';
import { beforeAll, describe, expect, it } from 'vitest';
import { createZoneResolver, type ZoneData } from '../../shared/dns/zone-stub.ts';
import { authenticate } from '../../worker/inbound/authenticate.ts';
import { generateEd25519DkimKey, generateRsaDkimKey, signEd25519Dkim, type DkimKey } from './dkim-keys.ts';

const SENDER_IP = '192.0.2.10';
const FORWARDER_IP = '198.51.100.7';

function plainMessage(from = 'ann@sender.example', body = 'Hello, please send the quote.'): string {
  return [
    `From: Ann <${from}>`,
    'To: sales@example.com',
    'Subject: Quote',
    'Date: Sat, 21 Nov 2026 10:00:00 +0000',
    'Message-ID: <auth-1@sender.example>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ].join('\r\n');
}

function cloudflareReceived(ip: string, helo: string): string {
  return `Received: from ${helo} (${ip}) by mx.cloudflare.net (unknown) id 5Hq3Yy9vKd2T for <sales@example.com>; Sat, 21 Nov 2026 10:00:01 +0000\r\n`;
}

async function sign(message: string, domain: string, selector: string, key: DkimKey): Promise<string> {
  // mailauth signs what `signatureData` lists (its top-level domain/selector/key options are the DKIM defaults).
  const signed = await dkimSign(message, {
    signatureData: [{ signingDomain: domain, selector, privateKey: key.privateKeyPem }],
  } as Parameters<typeof dkimSign>[1]);
  expect(signed.errors).toEqual([]);
  expect(signed.signatures).toMatch(/^DKIM-Signature: /);
  return signed.signatures + message;
}

const bytes = (text: string) => new TextEncoder().encode(text);

let rsaKey: DkimKey;
let edKey: DkimKey;
let arcKey: DkimKey;
let zone: ZoneData;

beforeAll(async () => {
  [rsaKey, edKey, arcKey] = await Promise.all([generateRsaDkimKey(), generateEd25519DkimKey(), generateRsaDkimKey()]);
  zone = {
    'rsa._domainkey.sender.example': [{ TXT: rsaKey.dnsRecord }],
    'ed._domainkey.sender.example': [{ TXT: edKey.dnsRecord }],
    'arc._domainkey.forwarder.example': [{ TXT: arcKey.dnsRecord }],
    'sender.example': [{ TXT: `v=spf1 ip4:${SENDER_IP} -all` }],
    '_dmarc.sender.example': [{ TXT: 'v=DMARC1; p=reject' }],
    'nodmarc.example': [{ TXT: `v=spf1 ip4:${SENDER_IP} -all` }],
    'rsa._domainkey.nodmarc.example': [{ TXT: rsaKey.dnsRecord }],
  };
});

function deps(trustedArcSealers: string[] = []) {
  return { resolver: createZoneResolver(zone), trustedArcSealers };
}

describe('authenticate: DKIM', () => {
  it('verifies an RSA-2048 signature and an Ed25519 signature, both aligned', async () => {
    let message = await sign(plainMessage(), 'sender.example', 'rsa', rsaKey);
    message = await signEd25519Dkim(message, 'sender.example', 'ed', edKey);
    const verdict = await authenticate(bytes(message), { mailFrom: 'ann@sender.example' }, deps());
    expect(verdict.dkim).toEqual([
      { domain: 'sender.example', selector: 'ed', result: 'pass', aligned: true },
      { domain: 'sender.example', selector: 'rsa', result: 'pass', aligned: true },
    ]);
    expect(verdict.dmarc).toEqual({ result: 'pass', policy: 'reject', domain: 'sender.example' });
    expect(verdict.authenticated).toBe(true);
    expect(verdict.authenticationResults).toMatch(/^mailgate;/);
    expect(verdict.authenticationResults).toMatch(/dkim=pass header\.i=@sender\.example header\.s=rsa /);
    expect(verdict.authenticationResults).toMatch(/dkim=pass header\.i=@sender\.example header\.s=ed /);
    expect(verdict.authenticationResults).toContain('dmarc=pass');
  });

  it('reads a message with bare CR line ends (old Mac style) as CRLF: its header section, From and signature', async () => {
    const message = await sign(plainMessage(), 'sender.example', 'rsa', rsaKey);
    const bareCr = message.replaceAll('\r\n', '\r');
    const verdict = await authenticate(bytes(bareCr), { mailFrom: 'ann@sender.example' }, deps());
    expect(verdict.dkim).toEqual([{ domain: 'sender.example', selector: 'rsa', result: 'pass', aligned: true }]);
    expect(verdict.dmarc).toEqual({ result: 'pass', policy: 'reject', domain: 'sender.example' });
  });

  it('verifies a long signed body handed over with bare LF line ends (made CRLF before mailauth, a chunk at a time)', async () => {
    // Lines with runs of spaces, tabs and trailing blanks exercise relaxed body canonicalization (RFC 6376 3.4.4)
    // across the 64 KiB chunks the line ends are rewritten in.
    const lines = Array.from({ length: 20_000 }, (_, index) => `line ${index}\t has  two  spaces and a tail   `);
    const message = await sign(plainMessage('ann@sender.example', lines.join('\r\n')), 'sender.example', 'rsa', rsaKey);
    const lineFeedsOnly = message.replaceAll('\r\n', '\n');
    const verdict = await authenticate(bytes(lineFeedsOnly), { mailFrom: 'ann@sender.example' }, deps());
    expect(verdict.dkim).toEqual([{ domain: 'sender.example', selector: 'rsa', result: 'pass', aligned: true }]);
    // The whole body is hashed: a change on its last lines breaks the signature.
    const tampered = lineFeedsOnly.replace('line 19999', 'line 99999');
    const tamperedVerdict = await authenticate(bytes(tampered), { mailFrom: 'ann@sender.example' }, deps());
    expect(tamperedVerdict.dkim.map((row) => row.result)).toEqual(['fail']);
  });

  it('gives an unsigned message the same verdict whatever its body (only the header section reaches mailauth)', async () => {
    const short = await authenticate(bytes(plainMessage()), { mailFrom: 'ann@sender.example' }, deps());
    const long = await authenticate(
      bytes(plainMessage('ann@sender.example', 'x'.repeat(70).concat('\n').repeat(20_000))),
      { mailFrom: 'ann@sender.example' },
      deps(),
    );
    expect(long).toEqual(short);
    expect(short.dkim).toEqual([]);
    expect(short.dmarc).toEqual({ result: 'fail', policy: 'reject', domain: 'sender.example' });
  });

  it('fails a tampered body for both key types, and DMARC then fails', async () => {
    let message = await sign(plainMessage(), 'sender.example', 'rsa', rsaKey);
    message = await signEd25519Dkim(message, 'sender.example', 'ed', edKey);
    const tampered = message.replace('send the quote', 'send the money');
    const verdict = await authenticate(bytes(tampered), { mailFrom: 'ann@sender.example' }, deps());
    // RFC 6376 6.1.3: a body hash mismatch is a PERMFAIL, `fail` in RFC 8601 2.7.1 terms. mailauth's lenient mode
    // says `neutral`; the verdict and the field mailgate writes say `fail`, as the eval:auth DKIM vectors expect.
    expect(verdict.dkim.map((row) => row.result)).toEqual(['fail', 'fail']);
    expect(verdict.authenticationResults).toMatch(
      /dkim=fail \(body hash did not verify\) header\.i=@sender\.example header\.s=rsa /,
    );
    expect(verdict.authenticationResults).toMatch(
      /dkim=fail \(body hash did not verify\) header\.i=@sender\.example header\.s=ed /,
    );
    expect(verdict.authenticationResults).not.toContain('dkim=neutral');
    expect(verdict.dmarc.result).toBe('fail');
    expect(verdict.authenticated).toBe(false);
    expect(verdict.reason).toBe('DMARC fail for sender.example');
  });

  it('keeps neutral for a signature that cannot be processed (no key published)', async () => {
    const message = await sign(plainMessage(), 'sender.example', 'missing', rsaKey);
    const verdict = await authenticate(bytes(message), { mailFrom: 'ann@sender.example' }, deps());
    expect(verdict.dkim).toEqual([
      { domain: 'sender.example', selector: 'missing', result: 'neutral', aligned: false },
    ]);
  });

  it('fails a tampered signed header (Subject)', async () => {
    const message = await sign(plainMessage(), 'sender.example', 'rsa', rsaKey);
    const verdict = await authenticate(
      bytes(message.replace('Subject: Quote', 'Subject: Invoice')),
      { mailFrom: 'ann@sender.example' },
      deps(),
    );
    expect(verdict.dkim[0]?.result).toBe('fail');
  });

  it('does not align a signature by another domain (a spoofed From)', async () => {
    const message = await sign(plainMessage('ceo@nodmarc.example'), 'sender.example', 'rsa', rsaKey);
    const verdict = await authenticate(bytes(message), { mailFrom: 'x@attacker.example' }, deps());
    expect(verdict.dkim).toEqual([{ domain: 'sender.example', selector: 'rsa', result: 'pass', aligned: false }]);
    expect(verdict.dmarc.result).toBe('none');
    expect(verdict.authenticated).toBe(false);
  });
});

describe("authenticate: SPF through Cloudflare's Received header", () => {
  it("passes SPF with the client IP of Cloudflare's own top Received header", async () => {
    const message = cloudflareReceived(SENDER_IP, 'mail.sender.example') + plainMessage();
    const verdict = await authenticate(bytes(message), { mailFrom: 'ann@sender.example' }, deps());
    expect(verdict.spf).toEqual({
      result: 'pass',
      domain: 'sender.example',
      clientIp: SENDER_IP,
      helo: 'mail.sender.example',
    });
    expect(verdict.dmarc.result).toBe('pass');
    expect(verdict.authenticated).toBe(true);
  });

  it('fails SPF from an unlisted IP and DMARC p=reject fails', async () => {
    const message = cloudflareReceived('203.0.113.66', 'mail.attacker.example') + plainMessage();
    const verdict = await authenticate(bytes(message), { mailFrom: 'ann@sender.example' }, deps());
    expect(verdict.spf.result).toBe('fail');
    expect(verdict.dmarc).toEqual({ result: 'fail', policy: 'reject', domain: 'sender.example' });
    expect(verdict.authenticated).toBe(false);
  });

  it('ignores a Received header that Cloudflare did not write (a sender-planted one)', async () => {
    const planted = `Received: from mail.sender.example (${SENDER_IP}) by mx.attacker.example; Sat, 21 Nov 2026 10:00:00 +0000\r\n`;
    const verdict = await authenticate(bytes(planted + plainMessage()), { mailFrom: 'ann@sender.example' }, deps());
    expect(verdict.spf).toMatchObject({ result: 'none', clientIp: null });
    expect(verdict.authenticated).toBe(false);
  });

  it('names no SPF domain when there is no client IP to check (a null sender, no HELO)', async () => {
    const verdict = await authenticate(bytes(plainMessage()), { mailFrom: '' }, deps());
    expect(verdict.spf).toEqual({ result: 'none', domain: null, clientIp: null, helo: null });
    // The field handed to Odoo says the same: SPF not checked, and no made-up `postmaster@undefined`.
    expect(verdict.authenticationResults).toMatch(/;\s+spf=none \(no client IP known to check\);/);
    expect(verdict.authenticationResults).not.toContain('undefined');
  });

  it("uses the relay ingress's client IP over any header", async () => {
    const verdict = await authenticate(
      bytes(plainMessage()),
      { mailFrom: 'ann@sender.example', clientIp: SENDER_IP, helo: 'mail.sender.example' },
      deps(),
    );
    expect(verdict.spf.result).toBe('pass');
  });

  it('authenticates by aligned SPF when the domain publishes no DMARC record', async () => {
    const message = cloudflareReceived(SENDER_IP, 'mail.nodmarc.example') + plainMessage('ann@nodmarc.example');
    const verdict = await authenticate(bytes(message), { mailFrom: 'bounce@nodmarc.example' }, deps());
    expect(verdict.dmarc.result).toBe('none');
    expect(verdict.authenticated).toBe(true);
    expect(verdict.reason).toBe('no DMARC record for nodmarc.example; aligned SPF pass for nodmarc.example');
  });

  it('authenticates by aligned DKIM when the domain publishes no DMARC record', async () => {
    const message = await sign(plainMessage('ann@nodmarc.example'), 'nodmarc.example', 'rsa', rsaKey);
    const verdict = await authenticate(bytes(message), { mailFrom: 'ann@nodmarc.example' }, deps());
    expect(verdict.authenticated).toBe(true);
    expect(verdict.reason).toBe('no DMARC record for nodmarc.example; aligned DKIM pass by nodmarc.example');
  });
});

describe('authenticate: ARC', () => {
  /** A list forwarder that adds a footer (breaking the author's DKIM) and seals what it saw (RFC 8617 5.1). */
  async function forwardThroughList(): Promise<string> {
    const original = await sign(plainMessage(), 'sender.example', 'rsa', rsaKey);
    const modified = original.replace('send the quote.', 'send the quote.\r\n--\r\nsales-list mailing list');
    const sealed = await sealMessage(bytes(modified) as unknown as Buffer, {
      signingDomain: 'forwarder.example',
      selector: 'arc',
      privateKey: arcKey.privateKeyPem,
      cv: 'none',
      authResults:
        'mx.forwarder.example; dkim=pass header.d=sender.example header.s=rsa; spf=pass smtp.mailfrom=sender.example; dmarc=pass header.from=sender.example',
    });
    return cloudflareReceived(FORWARDER_IP, 'mx.forwarder.example') + new TextDecoder().decode(sealed) + modified;
  }

  it('keeps the ARC-preserved DMARC pass when the outermost sealer is trusted', async () => {
    const message = await forwardThroughList();
    const verdict = await authenticate(
      bytes(message),
      { mailFrom: 'list-bounces@forwarder.example' },
      deps(['forwarder.example']),
    );
    expect(verdict.dkim[0]?.result).toBe('fail');
    expect(verdict.dmarc.result).toBe('fail');
    expect(verdict.arc).toEqual({ result: 'pass', sealers: ['forwarder.example'], trustedSealer: 'forwarder.example' });
    expect(verdict.authenticated).toBe(true);
    expect(verdict.reason).toBe(
      'DMARC failed after forwarding, but trusted ARC sealer forwarder.example recorded dmarc=pass',
    );
  });

  it('does not trust the same chain from a sealer that is not configured', async () => {
    const message = await forwardThroughList();
    const verdict = await authenticate(bytes(message), { mailFrom: 'list-bounces@forwarder.example' }, deps([]));
    expect(verdict.arc).toEqual({ result: 'pass', sealers: ['forwarder.example'], trustedSealer: null });
    expect(verdict.authenticated).toBe(false);
  });

  it('does not trust a broken chain even from a trusted sealer', async () => {
    const message = (await forwardThroughList()).replace('mailing list', 'mailing list, edited after sealing');
    const verdict = await authenticate(
      bytes(message),
      { mailFrom: 'list-bounces@forwarder.example' },
      deps(['forwarder.example']),
    );
    expect(verdict.arc.result).toBe('fail');
    expect(verdict.authenticated).toBe(false);
  });
});
