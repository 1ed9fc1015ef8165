// Judges a DKIM selector's published key record (RFC 6376 3.6, RFC 8301, RFC 8463): one finding per selector.
import type { DnsRecord, Finding } from '../api/dns.ts';
import { describeDnsFailure } from './dns-failure.ts';
import type { DkimLookup } from './dkim-lookup.ts';
import { DEFAULT_TTL, MIN_RSA_BITS, parseDkimRecord, RECOMMENDED_RSA_BITS } from './dkim-record.ts';
import { type PublicKeyInfo, readPublicKeyInfo } from './public-key.ts';
import type { DkimForm } from './senders.ts';
import { TXT_STRING_MAX_OCTETS } from './txt.ts';

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
