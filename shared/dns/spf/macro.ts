// SPF macros (RFC 7208 7): tokenizing and checking macro-strings and domain-specs, and expanding them.

export type MacroToken =
  | { kind: 'literal'; text: string }
  | {
      kind: 'macro';
      letter: string;
      urlEscape: boolean;
      digits: number | null;
      reverse: boolean;
      delimiters: string;
      text: string;
    };

export type MacroSyntaxError = { offset: number; message: string };

/** RFC 7208 7.1: c, r and t are allowed only in explanation text. */
const DOMAIN_MACRO_LETTERS = 'slodiphv';
const EXPLANATION_MACRO_LETTERS = 'slodiphvcrt';
const MACRO_DELIMITERS = '.-+,/_=';
const MACRO_EXPAND = /^%\{([a-zA-Z])([0-9]*)([rR]?)([.\-+,/_=]*)\}/;

/**
 * Splits a macro-string into literals and macro-expands. Returns an error for a `%` that starts no valid
 * macro-expand (RFC 7208 7.1: "%" not followed by "{", "%", "-" or "_" is a syntax error), for a letter
 * outside `allowedLetters`, and for characters outside macro-literal (%x21-24 / %x26-7E; SP when `allowSpace`).
 */
export function tokenizeMacroString(
  text: string,
  options: { explanation?: boolean } = {},
): { tokens: MacroToken[]; error: MacroSyntaxError | null } {
  const allowedLetters = options.explanation ? EXPLANATION_MACRO_LETTERS : DOMAIN_MACRO_LETTERS;
  const tokens: MacroToken[] = [];
  let literal = '';
  const flushLiteral = (): void => {
    if (literal) tokens.push({ kind: 'literal', text: literal });
    literal = '';
  };
  for (let offset = 0; offset < text.length; ) {
    const char = text[offset] ?? '';
    const code = char.charCodeAt(0);
    if (char !== '%') {
      const isSpaceAllowed = options.explanation === true && char === ' ';
      if (!isSpaceAllowed && (code < 0x21 || code > 0x7e)) {
        return { tokens, error: { offset, message: `character ${describeChar(char)} is not allowed here` } };
      }
      literal += char;
      offset += 1;
      continue;
    }
    const next = text[offset + 1];
    if (next === '%' || next === '_' || next === '-') {
      literal += next === '%' ? '%' : next === '_' ? ' ' : '%20';
      offset += 2;
      continue;
    }
    const match = MACRO_EXPAND.exec(text.slice(offset));
    if (next !== '{' || !match) {
      return { tokens, error: { offset, message: `"%" must start %{x}, %%, %_ or %- (RFC 7208 7.1)` } };
    }
    const [whole, letter = '', digitText = '', reverseFlag = '', delimiters = ''] = match;
    if (!allowedLetters.includes(letter.toLowerCase())) {
      const where = options.explanation ? 'macro' : 'domain-spec (c, r, t are for exp text only)';
      return { tokens, error: { offset, message: `unknown macro letter "${letter}" in ${where} (RFC 7208 7.2)` } };
    }
    const digits = digitText === '' ? null : Number(digitText);
    if (digits === 0)
      return { tokens, error: { offset, message: 'a macro transformer digit must be nonzero (RFC 7208 7.3)' } };
    flushLiteral();
    tokens.push({
      kind: 'macro',
      letter: letter.toLowerCase(),
      urlEscape: letter !== letter.toLowerCase(),
      digits,
      reverse: reverseFlag !== '',
      delimiters: delimiters || '.',
      text: whole,
    });
    offset += whole.length;
  }
  flushLiteral();
  return { tokens, error: null };
}

function describeChar(char: string): string {
  const code = char.charCodeAt(0);
  return code >= 0x21 && code <= 0x7e ? `"${char}"` : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** RFC 7208 7.1 toplabel: alphanumeric with at least one letter, or with inner dashes. */
const TOPLABEL = /^(?:[a-zA-Z0-9]*[a-zA-Z][a-zA-Z0-9]*|[a-zA-Z0-9]+-[a-zA-Z0-9-]*[a-zA-Z0-9])$/;

/**
 * Checks a domain-spec (RFC 7208 7.1: macro-string domain-end, domain-end = "." toplabel ["."] / macro-expand).
 * Returns null when valid, else the reason.
 */
export function checkDomainSpec(spec: string): MacroSyntaxError | null {
  if (spec === '') return { offset: 0, message: 'the domain-spec is empty' };
  const { tokens, error } = tokenizeMacroString(spec);
  if (error) return error;
  const last = tokens.at(-1);
  // A raw "%{...}" token at the very end is a valid domain-end; "%%", "%_" and "%-" were folded into literals.
  if (last?.kind === 'macro') return null;
  const rawTail = spec.slice(spec.lastIndexOf('}') + 1);
  const tail = rawTail.endsWith('.') ? rawTail.slice(0, -1) : rawTail;
  const dot = tail.lastIndexOf('.');
  const toplabel = dot >= 0 ? tail.slice(dot + 1) : null;
  if (toplabel === null || !TOPLABEL.test(toplabel)) {
    return {
      offset: 0,
      message: `"${spec}" does not end in a valid top-level label such as ".com" (RFC 7208 7.1)`,
    };
  }
  return null;
}

/** The values macros expand from (RFC 7208 7.2). */
export type MacroContext = {
  sender: string;
  localPart: string;
  senderDomain: string;
  domain: string;
  /** `i`: dotted quad, or dot-separated nibbles for IPv6. */
  ipLabels: string;
  /** `c`: the readable address. */
  ipText: string;
  ipVersionLabel: 'in-addr' | 'ip6';
  helo: string;
  receiver: string;
  /** `p`: computed lazily, because it costs DNS lookups (RFC 7208 7.3 discourages it). */
  validatedName: () => Promise<string>;
  now: () => number;
};

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** RFC 7208 7.3: uppercase macro letters are URL-escaped, every character outside "unreserved". */
function escapeUrl(text: string): string {
  let escaped = '';
  for (const byte of new TextEncoder().encode(text)) {
    const char = String.fromCharCode(byte);
    escaped += byte < 0x80 && UNRESERVED.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return escaped;
}

async function readMacroValue(letter: string, context: MacroContext): Promise<string> {
  switch (letter) {
    case 's':
      return context.sender;
    case 'l':
      return context.localPart;
    case 'o':
      return context.senderDomain;
    case 'd':
      return context.domain;
    case 'i':
      return context.ipLabels;
    case 'p':
      return context.validatedName();
    case 'v':
      return context.ipVersionLabel;
    case 'h':
      return context.helo;
    case 'c':
      return context.ipText;
    case 'r':
      return context.receiver;
    case 't':
      return String(Math.floor(context.now() / 1000));
    default:
      throw new Error(`unknown macro letter ${letter}`);
  }
}

/** Expands tokens; RFC 7208 7.3 transformers: split on delimiters, reverse, keep the rightmost N, join with ".". */
export async function expandMacroTokens(tokens: MacroToken[], context: MacroContext): Promise<string> {
  let result = '';
  for (const token of tokens) {
    if (token.kind === 'literal') {
      result += token.text;
      continue;
    }
    const value = await readMacroValue(token.letter, context);
    let parts = splitOnAny(value, token.delimiters);
    if (token.reverse) parts = parts.reverse();
    if (token.digits !== null && token.digits < parts.length) parts = parts.slice(parts.length - token.digits);
    const joined = parts.join('.');
    result += token.urlEscape ? escapeUrl(joined) : joined;
  }
  return result;
}

function splitOnAny(value: string, delimiters: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (const char of value) {
    if (delimiters.includes(char) && MACRO_DELIMITERS.includes(char)) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

/** RFC 7208 7.3: a domain longer than 253 characters loses labels on the left until it fits. */
export const MAX_DOMAIN_LENGTH = 253;

/** Turns an expanded domain-spec into a query name: trailing dot dropped, left-truncated to 253 characters. */
export function finishExpandedDomain(expanded: string): string {
  let name = expanded.endsWith('.') ? expanded.slice(0, -1) : expanded;
  while (name.length > MAX_DOMAIN_LENGTH && name.includes('.')) name = name.slice(name.indexOf('.') + 1);
  return name;
}
