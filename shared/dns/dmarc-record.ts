// The DMARC policy record (RFC 7489 6.3): parse and validate it, change one tag, and the policy path none → reject.

/** RFC 7489 6.3 declares these tags; `np` comes from DMARCbis and is accepted by current receivers. */
const KNOWN_TAGS = new Set(['v', 'p', 'sp', 'np', 'adkim', 'aspf', 'fo', 'pct', 'rf', 'ri', 'rua', 'ruf']);
const POLICIES = ['none', 'quarantine', 'reject'] as const;
export type DmarcPolicy = (typeof POLICIES)[number];
/** RFC 7489 6.3 ri: a 32-bit unsigned integer of seconds. */
const MAX_REPORT_INTERVAL = 2 ** 32 - 1;
/** Second-level labels under which registrations sit one level lower (co.uk, com.au…); see approximateOrgDomain. */
const SECOND_LEVEL_REGISTRIES = new Set(['co', 'com', 'net', 'org', 'gov', 'edu', 'ac', 'or', 'ne', 'go']);

export type DmarcRecord = {
  policy: DmarcPolicy | null;
  subdomainPolicy: DmarcPolicy | null;
  percent: number;
  dkimAlignment: 'r' | 's';
  spfAlignment: 'r' | 's';
  aggregateReports: string[];
  failureReports: string[];
  failureOptions: string[];
  reportInterval: number;
  tags: Map<string, string>;
  /** Problems that make the record (or a tag) unusable. */
  errors: string[];
  /** Tags receivers will ignore, and other oddities that do not break the record. */
  warnings: string[];
};

/** Parses a DMARC record (RFC 7489 6.4 formal definition; 6.3 tag semantics and defaults). */
export function parseDmarcRecord(value: string): DmarcRecord {
  const tags = new Map<string, string>();
  const errors: string[] = [];
  const warnings: string[] = [];
  const parts = value
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  parts.forEach((part, index) => {
    const equals = part.indexOf('=');
    if (equals <= 0) {
      errors.push(`"${part}" is not a tag=value pair`);
      return;
    }
    const name = part.slice(0, equals).trim().toLowerCase();
    const tagValue = part.slice(equals + 1).trim();
    if (index === 0 && name !== 'v') errors.push('the record must start with v=DMARC1');
    if (tags.has(name)) warnings.push(`${name}= appears twice; receivers use the first`);
    else tags.set(name, tagValue);
    if (!KNOWN_TAGS.has(name)) warnings.push(`${name}= is not a DMARC tag and is ignored`);
  });
  if (tags.get('v') !== 'DMARC1') errors.push(`v= must be exactly DMARC1 (found ${tags.get('v') ?? 'nothing'})`);

  const readPolicy = (tag: string): DmarcPolicy | null => {
    const raw = tags.get(tag);
    if (raw === undefined) return null;
    const policy = POLICIES.find((candidate) => candidate === raw.toLowerCase());
    if (!policy) errors.push(`${tag}=${raw} is not none, quarantine or reject`);
    return policy ?? null;
  };
  const policy = readPolicy('p');
  const subdomainPolicy = readPolicy('sp');
  readPolicy('np');
  if (!tags.has('p')) errors.push('the required p= tag is missing');

  const readAlignment = (tag: string): 'r' | 's' => {
    const raw = (tags.get(tag) ?? 'r').toLowerCase();
    if (raw !== 'r' && raw !== 's') errors.push(`${tag}=${raw} must be r or s`);
    return raw === 's' ? 's' : 'r';
  };

  let percent = 100;
  if (tags.has('pct')) {
    const raw = tags.get('pct') ?? '';
    percent = /^\d{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(percent >= 0 && percent <= 100)) {
      errors.push(`pct=${raw} must be a whole number from 0 to 100`);
      percent = 100;
    }
  }
  let reportInterval = 86400;
  if (tags.has('ri')) {
    const raw = tags.get('ri') ?? '';
    reportInterval = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(reportInterval <= MAX_REPORT_INTERVAL)) {
      errors.push(`ri=${raw} must be a number of seconds`);
      reportInterval = 86400;
    }
  }
  const failureOptions = (tags.get('fo') ?? '0').split(':').map((option) => option.trim());
  for (const option of failureOptions) {
    if (!['0', '1', 'd', 's'].includes(option)) errors.push(`fo=${tags.get('fo')} may only hold 0, 1, d and s`);
  }
  if (tags.has('rf') && (tags.get('rf') ?? '').toLowerCase() !== 'afrf') {
    warnings.push(`rf=${tags.get('rf')} is not afrf, the only report format defined`);
  }
  const readUris = (tag: string): string[] => {
    if (!tags.has(tag)) return [];
    const uris = (tags.get(tag) ?? '')
      .split(',')
      .map((uri) => uri.trim())
      .filter(Boolean);
    for (const uri of uris) {
      if (!/^mailto:[^@\s]+@[^@\s!]+(![0-9]+[kmgt]?)?$/i.test(uri))
        errors.push(`${tag}= holds "${uri}", which is not a mailto: address`);
    }
    return uris;
  };

  return {
    policy,
    subdomainPolicy,
    percent,
    dkimAlignment: readAlignment('adkim'),
    spfAlignment: readAlignment('aspf'),
    aggregateReports: readUris('rua'),
    failureReports: readUris('ruf'),
    failureOptions,
    reportInterval,
    tags,
    errors,
    warnings,
  };
}

/** The host part of a `mailto:` report URI, without the optional `!size` suffix (RFC 7489 6.2). */
export function readReportHost(uri: string): string | null {
  const match = /^mailto:[^@]+@([^!]+)/i.exec(uri.trim());
  return match?.[1]?.toLowerCase().replace(/\.$/, '') ?? null;
}

/**
 * An approximation of the Organizational Domain (RFC 7489 3.2) without the Public Suffix List: the last two labels,
 * or three under a two-letter TLD's usual second-level registries (example.co.uk). Good enough to tell whether a
 * report address is "ours" or external.
 */
export function approximateOrgDomain(domain: string): string {
  const labels = domain.toLowerCase().replace(/\.$/, '').split('.');
  const tld = labels[labels.length - 1] ?? '';
  const second = labels[labels.length - 2] ?? '';
  const take = tld.length === 2 && SECOND_LEVEL_REGISTRIES.has(second) ? 3 : 2;
  return labels.slice(-take).join('.');
}

export function isExternalDestination(domain: string, host: string): boolean {
  return approximateOrgDomain(domain) !== approximateOrgDomain(host);
}

/** The next step on the path none (with rua) → quarantine → reject, never past what the admin wants. */
export function suggestNextPolicy(current: DmarcPolicy, wanted: DmarcPolicy = 'reject'): DmarcPolicy | null {
  const currentIndex = POLICIES.indexOf(current);
  const wantedIndex = POLICIES.indexOf(wanted);
  return currentIndex < wantedIndex ? (POLICIES[currentIndex + 1] ?? null) : null;
}

/** Replaces (or adds) one tag in a record, keeping the others in place. */
export function setDmarcTag(value: string, tag: string, tagValue: string): string {
  const parts = value
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean);
  const index = parts.findIndex((part) => part.split('=')[0]?.trim().toLowerCase() === tag);
  if (index >= 0) parts[index] = `${tag}=${tagValue}`;
  else parts.splice(tag === 'p' ? 1 : parts.length, 0, `${tag}=${tagValue}`);
  return parts.join('; ');
}
