// Where each reply rule and word comes from, so an evaluation can switch off what was learned from a test suite.

/**
 * The documented sources of the vocabulary and of the structural rules: each is a mail client's public
 * localization file or a format the client writes and documents. These count for every evaluation suite.
 */
export const DOCUMENTED_SOURCES = {
  thunderbird:
    'Thunderbird l10n: mail/chrome/messenger/messengercompose/composeMsgs.properties (mailnews.reply_header_*, ' +
    'reply/forward_header_originalmessage) and mailnews/mime.properties (header names), per locale',
  outlook:
    'Outlook desktop/web/mobile: the reply header block (From/Sent/To/Cc/Subject) and "Original Message" ' +
    'separator in each Office display language; "Get Outlook for iOS/Android" default signature',
  gmail:
    'Gmail: the attribution line ("On <date>, <name> <<address>> wrote:") and "Forwarded message" block per UI language',
  appleMail:
    'Apple Mail (macOS/iOS): attribution, "Begin forwarded message:" and "Sent from my iPhone" per system language',
  replyWithHeader:
    'ReplyWithHeader for Thunderbird: modules/headers-i18n.mjs (Outlook-style header labels, 20 locales)',
  mobileDefaults:
    'Default signatures of mobile and webmail apps (Samsung, BlackBerry, Yahoo, AOL, Proton, Superhuman, Spark…)',
  rfc3676: 'RFC 3676 §4.3: the sig-dash line "-- " opens a signature',
  mailman: 'GNU Mailman: the list footer opened by a rule of underscores',
  quoting: 'RFC 3676 §4.5 and common practice: quoted lines start with ">", wrapped or nested',
  mailFormats:
    'Structure shared by every client: header blocks of localized fields, dated attributions ending in a colon',
} as const;

export type DocumentedSource = keyof typeof DOCUMENTED_SOURCES;

/** A rule or word either comes from a documented source or was learned from one evaluation suite. */
export type Provenance = DocumentedSource | { learnedFrom: string };

/** Options that switch off everything learned from one suite (leave-one-suite-out evaluation). */
export type ReplyRuleOptions = { withoutSuite?: string };

/** True when an entry of this provenance may be used under these options. */
export function isAllowed(provenance: Provenance, options: ReplyRuleOptions): boolean {
  if (typeof provenance === 'string') return true;
  return options.withoutSuite === undefined || provenance.learnedFrom !== options.withoutSuite;
}
