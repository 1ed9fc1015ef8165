// DKIM key records (RFC 6376 3.6): where they live, their tags parsed, the key sizes they may carry.

/** RFC 8301 3.2: verifiers MUST NOT accept RSA keys under 1024 bits… */
export const MIN_RSA_BITS = 1024;
/** …and signers SHOULD use at least 2048 bits. */
export const RECOMMENDED_RSA_BITS = 2048;
/** The TTL suggested for the records we ask admins to publish. */
export const DEFAULT_TTL = 3600;

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

export function formatDkimName(selector: string, domain: string): string {
  return `${selector}._domainkey.${domain}`;
}
