// Compiles the client vocabulary and the structural rules into the patterns reply extraction uses, per rule set.
import { isAllowed, type Provenance, type ReplyRuleOptions } from './provenance.ts';
import { ATTRIBUTION_OPENERS, ATTRIBUTION_VERBS, CJK_ATTRIBUTION_ENDINGS } from './vocabulary/attributions.ts';
import type { HeaderFieldEntry, HeaderFieldKind, VocabularyEntry } from './vocabulary/entries.ts';
import { HEADER_FIELDS, LEARNED_HEADER_FIELDS } from './vocabulary/header-fields.ts';
import { LEARNED_MOBILE_SIGNATURES, MOBILE_SIGNATURES } from './vocabulary/mobile-signatures.ts';
import { FORWARD_MARKERS, LEARNED_SEPARATORS, ORIGINAL_MESSAGE_SEPARATORS } from './vocabulary/separators.ts';

/**
 * Structural rules beyond the vocabulary, each with where it comes from. A rule learned from one suite's samples
 * is switched off when that suite is evaluated (leave-one-suite-out).
 */
export const STRUCTURAL_RULES = {
  /** A header block in any language: three or more "Label: value" lines with an address and a date among the values. */
  headerBlockByShape: 'mailFormats',
  /** A short line ending in a colon, with a date or time, right above a quote: an attribution in any language. */
  datedLineBeforeQuote: 'mailFormats',
  /** An attribution that starts with its date ("2014-10-17 11:28 GMT+03:00 Bob <bob@…>:", Gmail's date-first locales). */
  dateFirstAttribution: 'gmail',
  /** A one-line header block ("From: bob@example.com Date: Thu, …"), as HTML-to-text conversions flatten it. */
  inlineHeaderFields: { learnedFrom: 'mailgun/talon' },
  /** An attribution glued after the new text on the same line ("reply--- On … wrote:"). */
  attributionAfterTextOnLine: { learnedFrom: 'mailgun/talon' },
  /** A quoted line wrapped by the sender's client loses its ">" on the continuation (a URL tail). */
  wrappedQuoteContinuation: { learnedFrom: 'mailgun/talon' },
  /** One or two ">" lines glued between text lines are decoration (">>> link <<<"), not a quote. */
  decorationQuoteLines: { learnedFrom: 'mailgun/talon' },
  /**
   * Gmail hard-wraps its plain-text attribution at 78 columns (RFC 5322 §2.1.1), which can split "<address>"
   * so that the next line starts with the ">" that closes it.
   */
  wrappedAttributionBracket: 'gmail',
  /** A one-line dash sign-off ("-Bob") at the very end is a signature. */
  dashSignOff: { learnedFrom: 'github/email_reply_parser' },
  /** The RFC 3676 sig-dash line opens a signature. */
  sigDash: 'rfc3676',
  /** A rule of underscores opens a mailing-list footer. */
  listFooterRule: 'mailman',
} as const satisfies Record<string, Provenance>;

export type StructuralRule = keyof typeof STRUCTURAL_RULES;

export type ReplyPatterns = {
  /** An attribution ending in one of the verbs, then an optional colon and optional dashes. */
  attributionEnding: RegExp;
  /** The last word of every verb ("wrote", "scritto", "napisał(a)"), lowercased: a cheap test before the regex. */
  verbLastWords: ReadonlySet<string>;
  /** The same words as keys of their length, first and last character (see `wordKey`): a test with no copy at all. */
  verbLastWordKeys: ReadonlySet<number>;
  /** One of the verbs anywhere in the line, as in Thunderbird's "Am <date> um <time> schrieb <name>:". */
  attributionVerbInside: RegExp;
  /** One of the verbs opening the line, as in Thunderbird's Welsh "Ysgrifennodd <name>:". */
  attributionVerbFirst: RegExp;
  /** The CJK attribution endings, which need no word boundary. */
  cjkAttributionEnding: RegExp;
  /** A word that opens a dated attribution. */
  attributionOpener: RegExp;
  /** "-----Original Message-----" and its translations. */
  originalMessageSeparator: RegExp;
  /** "---------- Forwarded message ----------", "Begin forwarded message:" and translations. */
  forwardMarker: RegExp;
  /** A line starting with a known header label and a colon; group 1 is the label. */
  headerFieldLine: RegExp;
  /** Another header field later on the same line. */
  inlineHeaderField: RegExp;
  /** A whole line that is a mobile or webmail default signature. */
  mobileSignature: RegExp;
  /** The kinds (from, sent, to, …) a lowercased label may stand for. */
  fieldKinds: ReadonlyMap<string, ReadonlySet<HeaderFieldKind>>;
  /** Whether a structural rule is on under these options. */
  uses: (rule: StructuralRule) => boolean;
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The allowed texts, longest first so that an alternation prefers "enviado el" over "enviado". */
function alternation(list: readonly VocabularyEntry[], options: ReplyRuleOptions, toSource = escapeRegExp): string {
  const texts = [...new Set(list.filter((entry) => isAllowed(entry.provenance, options)).map((entry) => entry.text))];
  return texts
    .sort((a, b) => b.length - a.length)
    .map(toSource)
    .join('|');
}

/** {device} and {app} stand for a short product name (up to 40 characters, no line break). */
function signatureTemplateSource(text: string): string {
  return escapeRegExp(text)
    .replace(/\\\{device\\\}/g, '\\S[^\\n]{0,40}?')
    .replace(/\\\{app\\\}/g, '[^\\n]{0,40}?');
}

/**
 * A number that stands for a word's length and its first and last characters, lowercased: words with different
 * keys differ, so a key missing from a set rules the word out without cutting it from its line.
 */
export function wordKey(length: number, firstCode: number, lastCode: number): number {
  return length * 2 ** 32 + lowerAscii(firstCode) * 2 ** 16 + lowerAscii(lastCode);
}

function lowerAscii(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

function compile(options: ReplyRuleOptions): ReplyPatterns {
  const verbs = alternation(ATTRIBUTION_VERBS, options);
  const verbLastWords = new Set(
    ATTRIBUTION_VERBS.filter((entry) => isAllowed(entry.provenance, options)).map(
      (entry) => entry.text.split(' ').pop()?.toLowerCase() ?? entry.text,
    ),
  );
  const headerEntries: HeaderFieldEntry[] = [...HEADER_FIELDS, ...LEARNED_HEADER_FIELDS].filter((entry) =>
    isAllowed(entry.provenance, options),
  );
  const fieldKinds = new Map<string, Set<HeaderFieldKind>>();
  for (const entry of headerEntries) {
    const kinds = fieldKinds.get(entry.text) ?? new Set<HeaderFieldKind>();
    kinds.add(entry.field);
    fieldKinds.set(entry.text, kinds);
  }
  const labels = [...fieldKinds.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
  const separators = alternation([...ORIGINAL_MESSAGE_SEPARATORS, ...LEARNED_SEPARATORS], options);
  return {
    attributionEnding: new RegExp(`(?:^|[\\s,.)>"'\\]])(?:${verbs})\\s*[:：]?\\s*-*\\s*$`, 'iu'),
    verbLastWords,
    verbLastWordKeys: new Set(
      [...verbLastWords].map((word) => wordKey(word.length, word.charCodeAt(0), word.charCodeAt(word.length - 1))),
    ),
    attributionVerbInside: new RegExp(`(?:^|[\\s,.)>"'\\]])(?:${verbs})(?=[\\s:：]|$)`, 'iu'),
    attributionVerbFirst: new RegExp(`^(?:${verbs})\\s`, 'iu'),
    cjkAttributionEnding: new RegExp(`(?:${alternation(CJK_ATTRIBUTION_ENDINGS, options)})\\s*[:：]\\s*$`, 'u'),
    attributionOpener: new RegExp(`^(?:${alternation(ATTRIBUTION_OPENERS, options)})(?=[\\s.,])`, 'iu'),
    originalMessageSeparator: new RegExp(`^[\\s>*_=-]*(?:${separators})[\\s*_=-]*$`, 'iu'),
    forwardMarker: new RegExp(`^[\\s>*_=-]*(?:${alternation(FORWARD_MARKERS, options)})\\s*[:：]?[\\s*_=-]*$`, 'iu'),
    headerFieldLine: new RegExp(`^[\\s>]*\\*?\\s*(${labels})\\s*\\*?\\s*[:：]`, 'iu'),
    inlineHeaderField: new RegExp(
      `\\s\\*?(?:${[...fieldKinds.keys()]
        .filter((label) => label.length > 2)
        .map(escapeRegExp)
        .join('|')})\\s*\\*?\\s*[:：]`,
      'iu',
    ),
    mobileSignature: new RegExp(
      `^[\\s>]*(?:${alternation([...MOBILE_SIGNATURES, ...LEARNED_MOBILE_SIGNATURES], options, signatureTemplateSource)})[\\s.!]*$`,
      'iu',
    ),
    fieldKinds,
    uses: (rule) => isAllowed(STRUCTURAL_RULES[rule], options),
  };
}

const compiled = new Map<string, ReplyPatterns>();

/** The patterns for a rule set, compiled once per set. */
export function getReplyPatterns(options: ReplyRuleOptions = {}): ReplyPatterns {
  const key = options.withoutSuite ?? '';
  let patterns = compiled.get(key);
  if (!patterns) {
    patterns = compile(options);
    compiled.set(key, patterns);
  }
  return patterns;
}

/** The sig-dash line of RFC 3676 §4.3 ("-- "); many clients lose the trailing space. */
export const SIGNATURE_DELIMITER = /^-- ?$/;

/** A one-line dash sign-off ("-Abhishek Kona", "- Bob"). */
export const DASH_SIGN_OFF = /^-\s?\p{Lu}[\p{L}.'’-]*(?: \p{L}[\p{L}.'’-]*){0,3}$/u;

/** Lines made of underscores or equals signs only, which open mailing-list footers and disclaimers. */
export const RULE_LINE = /^\s*(?:_{2,}|={4,})\s*$/;

/** An email address (the strongest sign that a line names a sender). */
export const EMAIL_ADDRESS = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/u;

/** A clock time (14:41, 17.50 with "klo", 3:46 PM) or a four-digit year: a date phrase. */
export const DATE_OR_TIME = /(?:\b\d{1,2}[:.]\d{2}\b|\b(?:19|20)\d{2}\b|(?:19|20)\d{2}\s*[年년])/u;

/** How many vocabulary entries and structural rules were learned from a suite (what its LOSO run switches off). */
export function countLearnedEntries(suite: string): number {
  const vocabulary = [
    ATTRIBUTION_VERBS,
    CJK_ATTRIBUTION_ENDINGS,
    ATTRIBUTION_OPENERS,
    ORIGINAL_MESSAGE_SEPARATORS,
    LEARNED_SEPARATORS,
    FORWARD_MARKERS,
    HEADER_FIELDS,
    LEARNED_HEADER_FIELDS,
    MOBILE_SIGNATURES,
    LEARNED_MOBILE_SIGNATURES,
  ].flat();
  const provenances: Provenance[] = [
    ...vocabulary.map((entry) => entry.provenance),
    ...Object.values(STRUCTURAL_RULES),
  ];
  return provenances.filter((provenance) => !isAllowed(provenance, { withoutSuite: suite })).length;
}
