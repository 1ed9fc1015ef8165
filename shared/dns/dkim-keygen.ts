// Makes a DKIM key pair (RSA 2048 or Ed25519) and the TXT record that publishes it.
import type { DnsRecord } from '../api/dns.ts';
import { encodeBase64 } from '../crypto/base64.ts';
import { DEFAULT_TTL, formatDkimName, RECOMMENDED_RSA_BITS } from './dkim-record.ts';

export type DkimAlgorithm = 'rsa-2048' | 'ed25519';

export type DkimKeyPair = {
  selector: string;
  algorithm: DkimAlgorithm;
  /** PKCS#8 PEM, for the signer (OpenDKIM, rspamd, the worker). Never publish it. */
  privateKeyPem: string;
  /** The p= value. */
  publicKey: string;
  /** The TXT record to publish. */
  record: DnsRecord;
};

/** Generates a DKIM key pair with WebCrypto (works in Workers, browsers and Node) and the record to publish. */
export async function generateDkimKeyPair(
  domain: string,
  selector: string,
  algorithm: DkimAlgorithm = 'rsa-2048',
): Promise<DkimKeyPair> {
  const subtle = globalThis.crypto.subtle;
  let publicKey: string;
  let pkcs8: ArrayBuffer;
  if (algorithm === 'rsa-2048') {
    const pair = (await subtle.generateKey(
      {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: RECOMMENDED_RSA_BITS,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      },
      true,
      ['sign', 'verify'],
    )) as CryptoKeyPair;
    // RFC 6376 3.6.1: an RSA p= is the DER SubjectPublicKeyInfo.
    publicKey = encodeBase64(new Uint8Array(await subtle.exportKey('spki', pair.publicKey)));
    pkcs8 = await subtle.exportKey('pkcs8', pair.privateKey);
  } else {
    const pair = (await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    // RFC 8463 4.2: an Ed25519 p= is the raw 32-octet public key, not an SPKI.
    publicKey = encodeBase64(new Uint8Array(await subtle.exportKey('raw', pair.publicKey)));
    pkcs8 = await subtle.exportKey('pkcs8', pair.privateKey);
  }
  const keyType = algorithm === 'rsa-2048' ? 'rsa' : 'ed25519';
  const body = encodeBase64(new Uint8Array(pkcs8))
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return {
    selector,
    algorithm,
    privateKeyPem: `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`,
    publicKey,
    record: {
      type: 'TXT',
      name: formatDkimName(selector, domain),
      value: `v=DKIM1; k=${keyType}; p=${publicKey}`,
      ttl: DEFAULT_TTL,
    },
  };
}
