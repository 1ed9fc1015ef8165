// DKIM key records (RFC 6376 3.6): look up a selector, parse its tags, judge the key, make one.
import type { DnsRecord, Finding } from '../api/dns.ts';
import { describeDnsFailure } from './dns-failure.ts';
import { encodeBase64 } from '../crypto/base64.ts';
import { type PublicKeyInfo, readPublicKeyInfo } from './public-key.ts';
import { DnsError, isNoRecord, type Resolver } from './resolver.ts';
import type { DkimForm } from './senders.ts';
import { joinTxt, TXT_STRING_MAX_OCTETS } from './txt.ts';

/** RFC 8301 3.2: verifiers MUST NOT accept RSA keys under 1024 bits… */
export const MIN_RSA_BITS = 1024;
/** …and signers SHOULD use at least 2048 bits. */
export const RECOMMENDED_RSA_BITS = 2048;
/** CNAME hops followed when the resolver does not follow them itself (RFC 1034 3.6.2: chains, not loops). */
const MAX_CNAME_HOPS = 5;
const DEFAULT_TTL = 3600;

export type DkimRecord = {
  tags: Map<string, string>;
  version: string | null;
  keyType: string;
  publicKey: string | null;
  /** `t=y`: the domain is testing DKIM (RFC 6376 3.6.1). */
  testing: boolean;
  /** `t=s`: the i= domain must equal d= exactly. */
  strict: boolean;
  hashAlgorithms: string[] | null;
  serviceTypes: string[] | null;
  errors: string[];
};

/** Parses a DKIM key record's tag-list (RFC 6376 3.2: `tag=value; …`, whitespace around tokens ignored). */
export function parseDkimRecord(value: string): DkimRecord {
  const tags = new Map<string, string>();
  const errors: string[] = [];
  const parts = value.split(';').map((part) => part.trim());
  parts.forEach((part, index) => {
    if (part === '') return;
    const equals = part.indexOf('=');
    if (equals <= 0) {
      errors.push(`"${part}" is not a tag=value pair`);
      return;
    }
    const name = part.slice(0, equals).trim();
    if (tags.has(name)) errors.push(`tag ${name}= appears twice`);
    // RFC 6376 3.2: folding whitespace inside a value is not part of it (base64 keys are often wrapped).
    tags.set(
      name,
      part
        .slice(equals + 1)
        .replace(/\s+/g, name === 'n' ? ' ' : '')
        .trim(),
    );
    if (name === 'v' && index !== 0) errors.push('v= must be the first tag');
  });
  const version = tags.get('v') ?? null;
  if (version !== null && version !== 'DKIM1') errors.push(`v=${version} is not DKIM1`);
  const flags = (tags.get('t') ?? '').split(':').filter(Boolean);
  const list = (tag: string) => (tags.has(tag) ? (tags.get(tag) ?? '').split(':').filter(Boolean) : null);
  if (!tags.has('p')) errors.push('the p= tag (the public key) is missing');
  return {
    tags,
    version,
    keyType: tags.get('k') ?? 'rsa',
    publicKey: tags.get('p') ?? null,
    testing: flags.includes('y'),
    strict: flags.includes('s'),
    hashAlgorithms: list('h'),
    serviceTypes: list('s'),
    errors,
  };
}

export type DkimLookup = {
  name: string;
  /** CNAME hops from the selector name, in order (empty when the TXT is published directly). */
  cnameChain: string[];
  /** Each TXT record found at the end of the chain, its character-strings joined (RFC 6376 3.6.2.2). */
  txtRecords: string[];
  /** A DNS failure other than "no such record". */
  error: DnsError | null;
};

export function formatDkimName(selector: string, domain: string): string {
  return `${selector}._domainkey.${domain}`;
}

/** Looks up `<selector>._domainkey.<domain>` as TXT, and as CNAME in parallel to report (and follow) delegation. */
export async function lookupDkim(domain: string, selector: string, resolver: Resolver): Promise<DkimLookup> {
  const name = formatDkimName(selector, domain);
  const cnameChain: string[] = [];
  const [txtAnswer, cnameAnswer] = await Promise.allSettled([resolver(name, 'TXT'), resolver(name, 'CNAME')]);
  if (cnameAnswer.status === 'fulfilled' && cnameAnswer.value[0]) cnameChain.push(cnameAnswer.value[0]);
  if (txtAnswer.status === 'fulfilled')
    return { name, cnameChain, txtRecords: txtAnswer.value.map(joinTxt), error: null };
  if (!isNoRecord(txtAnswer.reason) || cnameChain.length === 0) {
    return {
      name,
      cnameChain,
      txtRecords: [],
      error: isNoRecord(txtAnswer.reason) ? null : asDnsError(txtAnswer.reason, name),
    };
  }
  // The resolver did not follow the CNAME for us (a zone stub): follow it hop by hop.
  for (let hop = 0; hop < MAX_CNAME_HOPS; hop++) {
    const target = cnameChain[cnameChain.length - 1] ?? name;
    const [txt, next] = await Promise.allSettled([resolver(target, 'TXT'), resolver(target, 'CNAME')]);
    if (txt.status === 'fulfilled') return { name, cnameChain, txtRecords: txt.value.map(joinTxt), error: null };
    if (!isNoRecord(txt.reason)) return { name, cnameChain, txtRecords: [], error: asDnsError(txt.reason, target) };
    const nextTarget = next.status === 'fulfilled' ? next.value[0] : undefined;
    if (!nextTarget || nextTarget === name || cnameChain.includes(nextTarget)) break;
    cnameChain.push(nextTarget);
  }
  return { name, cnameChain, txtRecords: [], error: null };
}

function asDnsError(error: unknown, name: string): DnsError {
  return error instanceof DnsError ? error : new DnsError('ESERVFAIL', name, 'TXT');
}

export type DkimExpectation = {
  /** How the service wants this selector published; null when only the admin knows the selector. */
  form: DkimForm | null;
  /** Who needs it, for the sentence shown to the admin (`Odoo Online`). */
  serviceName: string | null;
};

/** Judges one selector's lookup: one finding, `check: "dkim"`. */
export function checkDkimSelector(
  domain: string,
  selector: string,
  lookup: DkimLookup,
  expectation: DkimExpectation = { form: null, serviceName: null },
): Finding {
  const name = lookup.name;
  const who = expectation.serviceName ? ` for ${expectation.serviceName}` : '';
  const form = expectation.form;
  const expectedCname = form?.kind === 'cname' ? (form.target?.(selector) ?? null) : null;
  const expected =
    form?.kind === 'cname'
      ? `CNAME ${name} → ${expectedCname ?? `…${form.targetSuffix}`}`
      : `TXT ${name} with an RSA key of at least ${RECOMMENDED_RSA_BITS} bits`;
  const base = { check: 'dkim', expected };

  if (lookup.error) {
    return {
      ...base,
      status: 'warn',
      found: null,
      why: `The DKIM key at ${name} could not be checked (${describeDnsFailure(lookup.error)}); try again later.`,
    };
  }

  const firstHop = lookup.cnameChain[0];
  if (form?.kind === 'cname' && firstHop && !matchesCnameTarget(firstHop, form, expectedCname)) {
    return {
      ...base,
      status: 'fail',
      found: `CNAME ${firstHop}`,
      ...(expectedCname ? { fix: replaceFix('CNAME', name, expectedCname, firstHop) } : {}),
      why: `The DKIM selector ${selector} points somewhere other than ${expectation.serviceName ?? 'your sender'}'s key, so its signatures will not verify (RFC 6376 3.6.2.1).`,
    };
  }

  if (lookup.txtRecords.length === 0) {
    const fix = expectedCname ? addFix('CNAME', name, expectedCname) : undefined;
    return {
      ...base,
      status: 'fail',
      found: firstHop ? `CNAME ${lookup.cnameChain.join(' → ')} (no key at the end)` : null,
      ...(fix ? { fix } : {}),
      why: `No DKIM key is published at ${name}${who}, so receivers cannot verify signed mail and DMARC can fail (RFC 6376 3.6.2.1).`,
    };
  }

  if (lookup.txtRecords.length > 1) {
    return {
      ...base,
      status: 'fail',
      found: lookup.txtRecords.join(' | '),
      why: `There are ${lookup.txtRecords.length} TXT records at ${name}; keep exactly one key per selector, or receivers pick one at random (RFC 6376 3.6.2.2).`,
    };
  }

  const value = lookup.txtRecords[0] ?? '';
  return judgeDkimRecord(name, selector, value, base);
}

function judgeDkimRecord(
  name: string,
  selector: string,
  value: string,
  base: { check: string; expected: string },
): Finding {
  const record = parseDkimRecord(value);
  const found = value.length > 120 ? `${value.slice(0, 60)}…${value.slice(-30)} (${value.length} characters)` : value;
  const fail = (why: string): Finding => ({ ...base, status: 'fail', found, why });
  if (record.errors.length > 0) {
    return fail(
      `The DKIM record at ${name} is malformed (${record.errors.join('; ')}), so receivers ignore it (RFC 6376 3.6.1).`,
    );
  }
  if (record.publicKey === '') {
    return fail(
      `The DKIM key for selector ${selector} is revoked (empty p=), so every signature with it fails (RFC 6376 3.6.1).`,
    );
  }
  if (record.keyType !== 'rsa' && record.keyType !== 'ed25519') {
    return fail(
      `The key type k=${record.keyType} is not one receivers know (rsa or ed25519), so the key is ignored (RFC 6376 3.6.1, RFC 8463).`,
    );
  }
  if (record.hashAlgorithms && !record.hashAlgorithms.includes('sha256')) {
    return fail(
      `The record allows only ${record.hashAlgorithms.join(', ')} hashes; receivers require sha256 (RFC 8301 3.1).`,
    );
  }
  if (record.serviceTypes && !record.serviceTypes.some((type) => type === '*' || type === 'email')) {
    return fail(
      `The record's s=${record.serviceTypes.join(':')} excludes email, so mail signatures cannot use it (RFC 6376 3.6.1).`,
    );
  }
  const key = readPublicKeyInfo(record.publicKey ?? '', record.keyType);
  if (key.type === 'invalid') return fail(describeInvalidKey(name, key.reason, value));
  const size = `${key.type} ${key.bits} bits`;
  if (key.type === 'rsa' && key.bits < MIN_RSA_BITS) {
    return {
      ...base,
      status: 'fail',
      found: `${size}: ${found}`,
      why: `The ${key.bits}-bit RSA key is too weak and receivers must reject it; publish a 2048-bit key (RFC 8301 3.2).`,
    };
  }
  if (key.type === 'rsa' && key.bits < RECOMMENDED_RSA_BITS) {
    return {
      ...base,
      status: 'warn',
      found: `${size}: ${found}`,
      why: `The ${key.bits}-bit RSA key still works but is below the recommended 2048 bits; rotate to a 2048-bit key (RFC 8301 3.2).`,
    };
  }
  if (record.testing) {
    return {
      ...base,
      status: 'warn',
      found: `${size}, t=y: ${found}`,
      why: `The key is in testing mode (t=y), so some receivers treat its signatures as unsigned; remove t=y once mail verifies (RFC 6376 3.6.1).`,
    };
  }
  return {
    ...base,
    status: 'ok',
    found: `${size}: ${found}`,
    why:
      key.type === 'ed25519'
        ? `A valid Ed25519 key is published; many receivers still verify only RSA, so sign with an RSA key as well (RFC 8463 4).`
        : `A valid ${key.bits}-bit RSA key is published, so receivers can verify the domain's signatures (RFC 6376 3.6.1).`,
  };
}

function describeInvalidKey(
  name: string,
  reason: Extract<PublicKeyInfo, { type: 'invalid' }>['reason'],
  value: string,
): string {
  if (reason === 'truncated') {
    const hint =
      value.length <= TXT_STRING_MAX_OCTETS + 20 ? ' (often a registrar cutting the value at 255 characters)' : '';
    return `The key at ${name} is cut short${hint}; publish the whole key, split into strings of at most 255 characters (RFC 6376 3.6.2.2, RFC 1035 3.3.14).`;
  }
  if (reason === 'base64')
    return `The p= value at ${name} is not valid base64, so no receiver can read the key (RFC 6376 3.6.1).`;
  return `The p= value at ${name} is not a readable public key (${reason}), so receivers cannot verify signatures (RFC 6376 3.6.1).`;
}

function matchesCnameTarget(target: string, form: Extract<DkimForm, { kind: 'cname' }>, exact: string | null): boolean {
  const normalized = target.toLowerCase().replace(/\.$/, '');
  if (exact) return normalized === exact.toLowerCase();
  return normalized.endsWith(form.targetSuffix.toLowerCase());
}

function addFix(type: DnsRecord['type'], name: string, value: string) {
  return { action: 'add' as const, record: { type, name, value, ttl: DEFAULT_TTL } };
}

function replaceFix(type: DnsRecord['type'], name: string, value: string, current: string) {
  return { action: 'replace' as const, record: { type, name, value, ttl: DEFAULT_TTL }, current };
}

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
