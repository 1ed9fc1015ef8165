// Converts between fully qualified owner names and the names registrar forms expect (`@`, relative, or full).

/** How a registrar's form writes the zone apex and names under it. */
export type NameStyle =
  /** `@` for the apex, `_dmarc` for `_dmarc.example.com` (GoDaddy, Namecheap, Cloudflare, IONOS, Gandi, Hetzner). */
  | 'at-relative'
  /** empty for the apex, `_dmarc` below it (Porkbun, OVHcloud, Route 53: the zone is shown as a fixed suffix). */
  | 'blank-relative'
  /** the full name, `example.com` or `_dmarc.example.com`. */
  | 'full';

function trimDot(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** True when `name` is `zone` or a name below it. */
export function isInZone(name: string, zone: string): boolean {
  const fqdn = trimDot(name);
  const apex = trimDot(zone);
  return fqdn === apex || fqdn.endsWith(`.${apex}`);
}

/**
 * The fully qualified name of a record given as full (`_dmarc.example.com`), relative (`_dmarc`), `@` or empty
 * (the apex). A name already inside the zone is kept as it is.
 */
export function toFullName(name: string, zone: string): string {
  const trimmed = trimDot(name);
  const apex = trimDot(zone);
  if (trimmed === '' || trimmed === '@') return apex;
  if (name.trim().endsWith('.') || isInZone(trimmed, apex)) return trimmed;
  return `${trimmed}.${apex}`;
}

/** The name to type into a registrar's host field, in that registrar's style. */
export function toFormName(fullName: string, zone: string, style: NameStyle): string {
  const fqdn = toFullName(fullName, zone);
  const apex = trimDot(zone);
  if (style === 'full') return fqdn;
  if (fqdn === apex) return style === 'at-relative' ? '@' : '';
  return fqdn.slice(0, -(apex.length + 1));
}

/** Second-level labels under which registries sell names (`example.co.uk`): the zone is then three labels long. */
const TWO_LABEL_SUFFIXES = new Set([
  'co.uk',
  'org.uk',
  'me.uk',
  'ac.uk',
  'com.au',
  'net.au',
  'org.au',
  'co.nz',
  'co.za',
  'com.br',
  'com.mx',
  'co.jp',
  'co.in',
  'com.tr',
  'com.cn',
  'com.ar',
  'co.il',
  'com.sg',
  'com.hk',
  'co.kr',
  'gv.at',
  'co.at',
]);

/**
 * A best guess of the zone a record name belongs to, for pages that do not show it: the registrable domain
 * (two labels, or three under a known two-label public suffix).
 */
export function guessZone(fullName: string): string {
  const labels = trimDot(fullName)
    .split('.')
    .filter((label) => label !== '' && !label.startsWith('_'));
  const lastTwo = labels.slice(-2).join('.');
  return TWO_LABEL_SUFFIXES.has(lastTwo) ? labels.slice(-3).join('.') : lastTwo;
}
