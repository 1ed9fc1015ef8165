import { describe, expect, it } from 'vitest';
import { checkDkimSelector } from './dkim.ts';
import { generateDkimKeyPair } from './dkim-keygen.ts';
import { type DkimLookup, lookupDkim } from './dkim-lookup.ts';
import { parseDkimRecord } from './dkim-record.ts';
import { encodeBase64 } from '../crypto/base64.ts';
import { readPublicKeyInfo } from './public-key.ts';
import { DnsError, type Resolver } from './resolver.ts';
import { splitTxt } from './txt.ts';
import { createZoneResolver } from './zone-stub.ts';
import { findSenderService } from './senders.ts';

async function exportRsaSpki(bits: number): Promise<string> {
  const pair = (await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  return encodeBase64(new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey)));
}

function lookupOf(txtRecords: string[], cnameChain: string[] = [], error: DnsError | null = null): DkimLookup {
  return { name: 'mail._domainkey.example.com', cnameChain, txtRecords, error };
}

describe('generateDkimKeyPair', () => {
  it('makes an RSA-2048 pair whose p= decodes to 2048 bits and a PKCS#8 PEM private key', async () => {
    const pair = await generateDkimKeyPair('example.com', 'mg2026');
    expect(pair.record.name).toBe('mg2026._domainkey.example.com');
    expect(pair.record.type).toBe('TXT');
    expect(pair.record.value).toBe(`v=DKIM1; k=rsa; p=${pair.publicKey}`);
    expect(readPublicKeyInfo(pair.publicKey)).toEqual({ type: 'rsa', bits: 2048 });
    expect(pair.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+\n-----END PRIVATE KEY-----\n$/);
    // The published record is longer than one TXT string: it must be split for registrars.
    expect(pair.record.value.length).toBeGreaterThan(255);
  });

  it('makes an Ed25519 pair whose p= is the raw 32-octet key (RFC 8463)', async () => {
    const pair = await generateDkimKeyPair('example.com', 'ed', 'ed25519');
    expect(pair.record.value.startsWith('v=DKIM1; k=ed25519; p=')).toBe(true);
    expect(pair.publicKey).toHaveLength(44);
    expect(readPublicKeyInfo(pair.publicKey, 'ed25519')).toEqual({ type: 'ed25519', bits: 256 });
  });
});

describe('readPublicKeyInfo', () => {
  it('reads the modulus size of 1024 and 2048-bit SubjectPublicKeyInfo keys', async () => {
    expect(readPublicKeyInfo(await exportRsaSpki(1024))).toEqual({ type: 'rsa', bits: 1024 });
    expect(readPublicKeyInfo(await exportRsaSpki(2048))).toEqual({ type: 'rsa', bits: 2048 });
  });

  it('recognises a key cut at 255 characters, and garbage', async () => {
    const key = await exportRsaSpki(2048);
    expect(readPublicKeyInfo(key.slice(0, 240))).toEqual({ type: 'invalid', reason: 'truncated' });
    expect(readPublicKeyInfo('not base64!')).toEqual({ type: 'invalid', reason: 'base64' });
    expect(readPublicKeyInfo(encodeBase64(new Uint8Array([0x04, 0x01, 0x00])))).toEqual({
      type: 'invalid',
      reason: 'der',
    });
  });
});

describe('parseDkimRecord', () => {
  it('reads the tags, joining a key wrapped with whitespace', () => {
    const record = parseDkimRecord('v=DKIM1; k=rsa; t=y:s; h=sha256; s=email; p=MIIB IjAN\n Bgkq');
    expect(record.errors).toEqual([]);
    expect(record.keyType).toBe('rsa');
    expect(record.publicKey).toBe('MIIBIjANBgkq');
    expect(record.testing).toBe(true);
    expect(record.strict).toBe(true);
    expect(record.hashAlgorithms).toEqual(['sha256']);
    expect(record.serviceTypes).toEqual(['email']);
  });

  it('reports v= not first, a wrong version and a missing p=', () => {
    expect(parseDkimRecord('k=rsa; v=DKIM1; p=AB').errors).toEqual(['v= must be the first tag']);
    expect(parseDkimRecord('v=DKIM2; p=AB').errors).toEqual(['v=DKIM2 is not DKIM1']);
    expect(parseDkimRecord('v=DKIM1; k=rsa').errors).toEqual(['the p= tag (the public key) is missing']);
  });
});

describe('checkDkimSelector', () => {
  it('accepts a 2048-bit key published as one record of several strings joined', async () => {
    const key = await exportRsaSpki(2048);
    const strings = splitTxt(`v=DKIM1; k=rsa; p=${key}`);
    expect(strings.length).toBe(2);
    const finding = checkDkimSelector('example.com', 'mail', lookupOf([strings.join('')]));
    expect(finding.status).toBe('ok');
    expect(finding.found).toMatch(/^rsa 2048 bits/);
  });

  it('fails a 2048-bit key truncated at 255 characters, explaining the registrar cut', async () => {
    const value = `v=DKIM1; k=rsa; p=${await exportRsaSpki(2048)}`.slice(0, 255);
    const finding = checkDkimSelector('example.com', 'mail', lookupOf([value]));
    expect(finding.status).toBe('fail');
    expect(finding.why).toContain('255');
  });

  it('warns on a 1024-bit key and on testing mode, fails a 512-bit and a revoked key', async () => {
    expect(checkDkimSelector('example.com', 'mail', lookupOf([`v=DKIM1; p=${await exportRsaSpki(1024)}`])).status).toBe(
      'warn',
    );
    const testing = checkDkimSelector(
      'example.com',
      'mail',
      lookupOf([`v=DKIM1; t=y; p=${await exportRsaSpki(2048)}`]),
    );
    expect(testing.status).toBe('warn');
    expect(testing.why).toContain('t=y');
    const weak = checkDkimSelector('example.com', 'mail', lookupOf([`v=DKIM1; p=${await exportRsaSpki(512)}`]));
    expect(weak.status).toBe('fail');
    expect(weak.found).toMatch(/^rsa 512 bits/);
    const revoked = checkDkimSelector('example.com', 'mail', lookupOf(['v=DKIM1; k=rsa; p=']));
    expect(revoked.status).toBe('fail');
    expect(revoked.why).toContain('revoked');
  });

  it('fails sha1-only and non-email keys, and two records at one selector', async () => {
    const key = await exportRsaSpki(2048);
    expect(checkDkimSelector('example.com', 'mail', lookupOf([`v=DKIM1; h=sha1; p=${key}`])).why).toContain('sha256');
    expect(checkDkimSelector('example.com', 'mail', lookupOf([`v=DKIM1; s=tlsrpt; p=${key}`])).status).toBe('fail');
    const two = checkDkimSelector('example.com', 'mail', lookupOf([`v=DKIM1; p=${key}`, `v=DKIM1; p=${key}`]));
    expect(two.status).toBe('fail');
    expect(two.why).toContain('2 TXT records');
  });

  it('proposes the CNAME a service needs when the selector is missing, and replaces a wrong one', () => {
    const odoo = findSenderService('odoo');
    const expectation = { form: odoo?.dkim ?? null, serviceName: odoo?.name ?? null };
    const missing = checkDkimSelector(
      'example.com',
      'odoo',
      { ...lookupOf([]), name: 'odoo._domainkey.example.com' },
      expectation,
    );
    expect(missing.status).toBe('fail');
    expect(missing.fix).toEqual({
      action: 'add',
      record: { type: 'CNAME', name: 'odoo._domainkey.example.com', value: 'odoo._domainkey.odoo.com', ttl: 3600 },
    });
    const wrong = checkDkimSelector(
      'example.com',
      'odoo',
      {
        ...lookupOf(['v=DKIM1; p=']),
        name: 'odoo._domainkey.example.com',
        cnameChain: ['odoo._domainkey.old-host.net'],
      },
      expectation,
    );
    expect(wrong.fix?.action).toBe('replace');
    expect(wrong.fix?.current).toBe('odoo._domainkey.old-host.net');
  });

  it('turns a DNS failure into a warning', () => {
    const finding = checkDkimSelector('example.com', 'mail', lookupOf([], [], new DnsError('ETIMEOUT', 'x', 'TXT')));
    expect(finding.status).toBe('warn');
    expect(finding.why).toContain('did not answer in time');
  });
});

describe('lookupDkim', () => {
  it('reports the CNAME chain and the TXT at its end (zone stub following CNAMEs)', async () => {
    const lookup = await lookupDkim(
      'example.com',
      's1',
      createZoneResolver({
        's1._domainkey.example.com': [{ CNAME: 's1.domainkey.u1.wl1.sendgrid.net' }],
        's1.domainkey.u1.wl1.sendgrid.net': [{ TXT: ['v=DKIM1; k=rsa; ', 'p=ABCD'] }],
      }),
    );
    expect(lookup).toEqual({
      name: 's1._domainkey.example.com',
      cnameChain: ['s1.domainkey.u1.wl1.sendgrid.net'],
      txtRecords: ['v=DKIM1; k=rsa; p=ABCD'],
      error: null,
    });
  });

  it('follows the chain itself when the resolver does not, and stops on a loop', async () => {
    const records: Record<string, { CNAME?: string; TXT?: string }> = {
      'mail._domainkey.example.com': { CNAME: 'a.example.net' },
      'a.example.net': { CNAME: 'b.example.net' },
      'b.example.net': { TXT: 'v=DKIM1; p=XYZ' },
      'loop._domainkey.example.com': { CNAME: 'loop._domainkey.example.com' },
    };
    const literal: Resolver = async (name, type) => {
      const value = records[name]?.[type as 'CNAME' | 'TXT'];
      if (value === undefined) throw new DnsError(records[name] ? 'ENODATA' : 'ENOTFOUND', name, type);
      return (type === 'TXT' ? [[value]] : [value]) as never;
    };
    const lookup = await lookupDkim('example.com', 'mail', literal);
    expect(lookup.cnameChain).toEqual(['a.example.net', 'b.example.net']);
    expect(lookup.txtRecords).toEqual(['v=DKIM1; p=XYZ']);
    const loop = await lookupDkim('example.com', 'loop', literal);
    expect(loop.cnameChain).toEqual(['loop._domainkey.example.com']);
    expect(loop.txtRecords).toEqual([]);
    expect(loop.error).toBeNull();
  });
});
