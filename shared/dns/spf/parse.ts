// SPF record parser (RFC 7208 4.5, 4.6.1, 5, 6, 12): every term kept with its position, every syntax error reported.
import { checkDomainSpec, tokenizeMacroString } from './macro.ts';
import { parseIpv4, parseIpv6, type IpAddress } from './ip.ts';

export type SpfQualifier = '+' | '-' | '~' | '?';
export type SpfMechanismName = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';

export type SpfMechanism = {
  kind: 'mechanism';
  name: SpfMechanismName;
  qualifier: SpfQualifier;
  /** The domain-spec after ":" (a, mx, ptr, include, exists), unexpanded. */
  domainSpec: string | null;
  /** ip4/ip6 network. */
  network: IpAddress | null;
  /** ip4-cidr-length (ip4, a, mx) or, for ip6, the ip6 prefix; null when absent. */
  cidr4: number | null;
  cidr6: number | null;
  /** The term exactly as written, and its offset in the record. */
  text: string;
  position: number;
};

export type SpfModifier = { kind: 'modifier'; name: string; value: string; text: string; position: number };
export type SpfTerm = SpfMechanism | SpfModifier;
export type SpfSyntaxError = { position: number; term: string; message: string };
export type ParsedSpfRecord = { terms: SpfTerm[]; errors: SpfSyntaxError[] };

export const SPF_VERSION = 'v=spf1';

/** RFC 7208 4.5: a record is an SPF record when it starts with "v=spf1" followed by a space or its end. */
export function isSpfRecord(text: string): boolean {
  return /^v=spf1(?: |$)/i.test(text);
}

const MECHANISM_NAMES: readonly string[] = ['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'];
const MODIFIER = /^([a-zA-Z][a-zA-Z0-9\-_.]*)=(.*)$/s;
const MECHANISM = /^([+\-~?]?)([a-zA-Z][a-zA-Z0-9]*)(.*)$/s;
const CIDR_DIGITS = /^(?:0|[1-9][0-9]*)$/;
/** RFC 7208 5.6: prefix lengths are bounded by the address size. */
const MAX_CIDR4 = 32;
const MAX_CIDR6 = 128;

/** Parses a whole record ("v=spf1 …"). Terms are separated by one or more spaces only (RFC 7208 4.6.1). */
export function parseSpfRecord(record: string): ParsedSpfRecord {
  const terms: SpfTerm[] = [];
  const errors: SpfSyntaxError[] = [];
  if (!isSpfRecord(record)) {
    errors.push({ position: 0, term: record.slice(0, 8), message: 'the record does not start with "v=spf1"' });
    return { terms, errors };
  }
  const pattern = / *([^ ]+)/g;
  pattern.lastIndex = SPF_VERSION.length;
  const seenModifiers = new Set<string>();
  for (let match = pattern.exec(record); match; match = pattern.exec(record)) {
    const text = match[1] ?? '';
    const position = match.index + match[0].length - text.length;
    const parsed = parseTerm(text, position);
    if ('message' in parsed) {
      errors.push(parsed);
      continue;
    }
    if (parsed.kind === 'modifier' && (parsed.name === 'redirect' || parsed.name === 'exp')) {
      // RFC 7208 6: redirect and exp MUST NOT appear more than once each.
      if (seenModifiers.has(parsed.name)) {
        errors.push({ position, term: text, message: `"${parsed.name}=" appears more than once (RFC 7208 6)` });
      }
      seenModifiers.add(parsed.name);
    }
    terms.push(parsed);
  }
  return { terms, errors };
}

function parseTerm(text: string, position: number): SpfTerm | SpfSyntaxError {
  const fail = (message: string): SpfSyntaxError => ({ position, term: text, message });
  const modifier = MODIFIER.exec(text);
  if (modifier) {
    const name = (modifier[1] ?? '').toLowerCase();
    const value = modifier[2] ?? '';
    if (name === 'redirect' || name === 'exp') {
      const problem = checkDomainSpec(value);
      if (problem) return fail(`${name}=: ${problem.message}`);
    } else {
      const { error } = tokenizeMacroString(value);
      if (error) return fail(`modifier ${name}: ${error.message}`);
    }
    return { kind: 'modifier', name, value, text, position };
  }
  const mechanism = MECHANISM.exec(text);
  if (!mechanism) return fail(`"${text}" is neither a mechanism nor a modifier (RFC 7208 4.6.1)`);
  const qualifier = (mechanism[1] || '+') as SpfQualifier;
  const name = (mechanism[2] ?? '').toLowerCase();
  const rest = mechanism[3] ?? '';
  if (!MECHANISM_NAMES.includes(name)) {
    const hint = name === 'redirect' || name === 'exp' ? ` ("${name}" is a modifier: write ${name}=…)` : '';
    return fail(`unknown mechanism "${name}"${hint} (RFC 7208 5)`);
  }
  const base = { kind: 'mechanism' as const, name: name as SpfMechanismName, qualifier, text, position };
  const empty = { domainSpec: null, network: null, cidr4: null, cidr6: null };
  switch (name) {
    case 'all':
      if (rest !== '') return fail('"all" takes no argument (RFC 7208 5.1)');
      return { ...base, ...empty };
    case 'include':
    case 'exists': {
      if (!rest.startsWith(':'))
        return fail(`"${name}" needs ":domain" (RFC 7208 ${name === 'include' ? '5.2' : '5.7'})`);
      const spec = rest.slice(1);
      const problem = checkDomainSpec(spec);
      if (problem) return fail(`${name}: ${problem.message}`);
      return { ...base, ...empty, domainSpec: spec };
    }
    case 'ptr': {
      if (rest === '') return { ...base, ...empty };
      if (!rest.startsWith(':')) return fail('"ptr" takes only ":domain", no CIDR length (RFC 7208 5.5)');
      const problem = checkDomainSpec(rest.slice(1));
      if (problem) return fail(`ptr: ${problem.message}`);
      return { ...base, ...empty, domainSpec: rest.slice(1) };
    }
    case 'a':
    case 'mx':
      return parseHostMechanism(base, rest, fail);
    case 'ip4':
    case 'ip6':
      return parseIpMechanism(base, name, rest, fail);
    default:
      return fail(`unknown mechanism "${name}"`);
  }
}

type MechanismBase = Pick<SpfMechanism, 'kind' | 'name' | 'qualifier' | 'text' | 'position'>;

function parseHostMechanism(
  base: MechanismBase,
  rest: string,
  fail: (message: string) => SpfSyntaxError,
): SpfMechanism | SpfSyntaxError {
  let spec: string | null = null;
  let cidrText = rest;
  if (rest.startsWith(':')) {
    // dual-cidr-length = [ ip4-cidr-length ] [ "/" ip6-cidr-length ], taken from the end of the domain-spec.
    const match = /^:(.*?)((?:\/[0-9]+)?(?:\/\/[0-9]+)?)$/s.exec(rest);
    spec = match?.[1] ?? '';
    cidrText = match?.[2] ?? '';
    const problem = checkDomainSpec(spec);
    if (problem) return fail(`${base.name}: ${problem.message}`);
  }
  const cidr = parseDualCidr(cidrText);
  if (typeof cidr === 'string') return fail(`${base.name}: ${cidr}`);
  return { ...base, domainSpec: spec, network: null, ...cidr };
}

function parseDualCidr(text: string): { cidr4: number | null; cidr6: number | null } | string {
  const match = /^(?:\/([^/]*))?(?:\/\/(.*))?$/s.exec(text);
  if (!match) return `"${text}" is not a CIDR length such as /24 or //64 (RFC 7208 5.3)`;
  const cidr4 = readCidr(match[1], MAX_CIDR4);
  const cidr6 = readCidr(match[2], MAX_CIDR6);
  if (cidr4 === false)
    return `IPv4 prefix "/${match[1] ?? ''}" must be 0-${MAX_CIDR4} without leading zeros (RFC 7208 5.6)`;
  if (cidr6 === false) return `IPv6 prefix "//${match[2] ?? ''}" must be 0-${MAX_CIDR6} (RFC 7208 5.6)`;
  return { cidr4, cidr6 };
}

function readCidr(text: string | undefined, max: number): number | null | false {
  if (text === undefined) return null;
  if (!CIDR_DIGITS.test(text)) return false;
  const value = Number(text);
  return value > max ? false : value;
}

function parseIpMechanism(
  base: MechanismBase,
  name: 'ip4' | 'ip6',
  rest: string,
  fail: (message: string) => SpfSyntaxError,
): SpfMechanism | SpfSyntaxError {
  if (!rest.startsWith(':')) return fail(`"${name}" needs ":address" (RFC 7208 5.6)`);
  const slash = rest.indexOf('/');
  const addressText = slash >= 0 ? rest.slice(1, slash) : rest.slice(1);
  const cidrText = slash >= 0 ? rest.slice(slash + 1) : undefined;
  const network = name === 'ip4' ? parseIpv4(addressText) : parseIpv6(addressText);
  if (!network)
    return fail(`"${addressText}" is not a valid ${name === 'ip4' ? 'IPv4' : 'IPv6'} address (RFC 7208 5.6)`);
  const max = name === 'ip4' ? MAX_CIDR4 : MAX_CIDR6;
  const cidr = readCidr(cidrText, max);
  if (cidr === false)
    return fail(`${name} prefix "/${cidrText ?? ''}" must be 0-${max} without leading zeros (RFC 7208 5.6)`);
  return {
    ...base,
    domainSpec: null,
    network,
    cidr4: name === 'ip4' ? cidr : null,
    cidr6: name === 'ip6' ? cidr : null,
  };
}

/** The canonical text of a term, used to compare terms (lower-case name, explicit "+" dropped). */
export function normalizeTerm(term: SpfTerm): string {
  if (term.kind === 'modifier') return `${term.name}=${term.value.toLowerCase()}`;
  const qualifier = term.qualifier === '+' ? '' : term.qualifier;
  const body = term.text.replace(/^[+\-~?]/, '');
  return `${qualifier}${body.toLowerCase()}`;
}

/** True for the terms RFC 7208 4.6.4 counts against the limit of 10 DNS-querying terms. */
export function isLookupTerm(term: SpfTerm): boolean {
  if (term.kind === 'modifier') return term.name === 'redirect';
  return (
    term.name === 'include' || term.name === 'a' || term.name === 'mx' || term.name === 'ptr' || term.name === 'exists'
  );
}
