// Reads a DKIM public key (base64 of a DER SubjectPublicKeyInfo, or a raw Ed25519 key) to its type and size.
import { decodeBase64 } from '../crypto/base64.ts';

export type PublicKeyInfo =
  | { type: 'rsa'; bits: number }
  | { type: 'ed25519'; bits: 256 }
  | { type: 'invalid'; reason: 'base64' | 'truncated' | 'der' | 'unknown-algorithm' | 'ed25519-length' };

/** OIDs in DER (RFC 8017 A.1 rsaEncryption 1.2.840.113549.1.1.1, RFC 8410 3 id-Ed25519 1.3.101.112). */
const RSA_ENCRYPTION_OID = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
const ED25519_OID = [0x2b, 0x65, 0x70];
const ED25519_KEY_OCTETS = 32;

const TAG_INTEGER = 0x02;
const TAG_BIT_STRING = 0x03;
const TAG_OID = 0x06;
const TAG_SEQUENCE = 0x30;

/** The bytes of a base64 key, or null when it is not base64. */
function decodeKeyBase64(text: string): Uint8Array | null {
  try {
    return decodeBase64(text);
  } catch {
    return null;
  }
}

type DerElement = { tag: number; start: number; end: number };

class TruncatedDer extends Error {}

/** Reads one DER element at `offset` (X.690 8.1: tag, definite length, contents). */
function readDerElement(bytes: Uint8Array, offset: number): DerElement {
  const tag = bytes[offset];
  const first = bytes[offset + 1];
  if (tag === undefined || first === undefined) throw new TruncatedDer();
  let length = first;
  let start = offset + 2;
  if (first & 0x80) {
    const lengthOctets = first & 0x7f;
    if (lengthOctets === 0 || lengthOctets > 4) throw new Error('unsupported DER length');
    length = 0;
    for (let index = 0; index < lengthOctets; index++) {
      const octet = bytes[start + index];
      if (octet === undefined) throw new TruncatedDer();
      length = length * 256 + octet;
    }
    start += lengthOctets;
  }
  const end = start + length;
  if (end > bytes.length) throw new TruncatedDer();
  return { tag, start, end };
}

function readChildren(bytes: Uint8Array, parent: DerElement): DerElement[] {
  const children: DerElement[] = [];
  let offset = parent.start;
  while (offset < parent.end) {
    const child = readDerElement(bytes, offset);
    children.push(child);
    offset = child.end;
  }
  return children;
}

function equalsBytes(bytes: Uint8Array, element: DerElement, expected: number[]): boolean {
  return (
    element.end - element.start === expected.length && expected.every((byte, i) => bytes[element.start + i] === byte)
  );
}

/** Bit length of a DER INTEGER's unsigned value (leading zero octets do not count). */
function countIntegerBits(bytes: Uint8Array, integer: DerElement): number {
  let offset = integer.start;
  while (offset < integer.end && bytes[offset] === 0) offset++;
  if (offset >= integer.end) return 0;
  const leading = bytes[offset] ?? 0;
  return (integer.end - offset - 1) * 8 + (32 - Math.clz32(leading));
}

/** RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } (RFC 8017 A.1.1). */
function readRsaPublicKeyBits(bytes: Uint8Array, sequence: DerElement): number | null {
  const [modulus, exponent] = readChildren(bytes, sequence);
  if (modulus?.tag !== TAG_INTEGER || exponent?.tag !== TAG_INTEGER) return null;
  return countIntegerBits(bytes, modulus);
}

/**
 * The key type and size of a DKIM `p=` value. RFC 6376 3.6.1: RSA keys are a SubjectPublicKeyInfo (some signers
 * publish a bare PKCS#1 RSAPublicKey, which verifiers accept too); RFC 8463 4.2: Ed25519 keys are the raw 32 octets.
 */
export function readPublicKeyInfo(base64Key: string, keyType: string = 'rsa'): PublicKeyInfo {
  const bytes = decodeKeyBase64(base64Key);
  if (!bytes || bytes.length === 0) return readCutBase64(base64Key);
  if (keyType === 'ed25519') {
    if (bytes.length === ED25519_KEY_OCTETS) return { type: 'ed25519', bits: 256 };
    return readSpki(bytes, 'ed25519');
  }
  return readSpki(bytes, 'rsa');
}

/** A value cut at an arbitrary character is not whole base64: decode the whole quanta to see whether DER ends early. */
function readCutBase64(base64Key: string): PublicKeyInfo {
  const compact = base64Key.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+$/.test(compact)) return { type: 'invalid', reason: 'base64' };
  const whole = decodeKeyBase64(compact.slice(0, compact.length - (compact.length % 4)));
  if (!whole || whole.length === 0) return { type: 'invalid', reason: 'base64' };
  const info = readSpki(whole, 'rsa');
  return info.type === 'invalid' && info.reason === 'truncated' ? info : { type: 'invalid', reason: 'base64' };
}

function readSpki(bytes: Uint8Array, keyType: string): PublicKeyInfo {
  try {
    const outer = readDerElement(bytes, 0);
    if (outer.tag !== TAG_SEQUENCE) return { type: 'invalid', reason: 'der' };
    if (outer.end < bytes.length) return { type: 'invalid', reason: 'der' };
    const [first, second] = readChildren(bytes, outer);
    if (first?.tag === TAG_INTEGER && keyType === 'rsa') {
      const bits = readRsaPublicKeyBits(bytes, outer);
      return bits ? { type: 'rsa', bits } : { type: 'invalid', reason: 'der' };
    }
    if (first?.tag !== TAG_SEQUENCE || second?.tag !== TAG_BIT_STRING) return { type: 'invalid', reason: 'der' };
    const [oid] = readChildren(bytes, first);
    if (oid?.tag !== TAG_OID) return { type: 'invalid', reason: 'der' };
    // The BIT STRING's first content octet counts unused bits; the key follows it.
    const keyBytes = bytes.subarray(second.start + 1, second.end);
    if (equalsBytes(bytes, oid, ED25519_OID)) {
      return keyBytes.length === ED25519_KEY_OCTETS
        ? { type: 'ed25519', bits: 256 }
        : { type: 'invalid', reason: 'ed25519-length' };
    }
    if (!equalsBytes(bytes, oid, RSA_ENCRYPTION_OID)) return { type: 'invalid', reason: 'unknown-algorithm' };
    const rsaKey = readDerElement(keyBytes, 0);
    if (rsaKey.tag !== TAG_SEQUENCE) return { type: 'invalid', reason: 'der' };
    const bits = readRsaPublicKeyBits(keyBytes, rsaKey);
    return bits ? { type: 'rsa', bits } : { type: 'invalid', reason: 'der' };
  } catch (error) {
    return { type: 'invalid', reason: error instanceof TruncatedDer ? 'truncated' : 'der' };
  }
}
