// Deciding a bounce reason (Sisimai's vocabulary) from the status code, the SMTP reply and the diagnostic text.
import type { BounceReason } from '../../shared/api/bounces.ts';

/** RFC 3463 codes whose meaning names the reason outright (IANA SMTP enhanced status code registry). */
const REASON_BY_STATUS: Record<string, BounceReason> = {
  '4.1.6': 'hasmoved', '4.1.7': 'rejected', '4.1.8': 'rejected', '4.1.9': 'systemerror',
  '4.2.1': 'blocked', '4.2.2': 'mailboxfull', '4.2.3': 'exceedlimit', '4.2.4': 'filtered',
  '4.3.1': 'systemfull', '4.3.2': 'notaccept', '4.3.3': 'systemerror', '4.3.5': 'systemerror',
  '4.4.1': 'expired', '4.4.2': 'networkerror', '4.4.3': 'systemerror', '4.4.4': 'networkerror',
  '4.4.5': 'systemfull', '4.4.6': 'networkerror', '4.4.7': 'expired', '4.4.8': 'networkerror',
  '4.5.3': 'systemerror', '4.5.5': 'systemerror', '4.6.0': 'contenterror', '4.6.2': 'contenterror',
  '4.6.5': 'contenterror', '4.7.1': 'blocked', '4.7.2': 'blocked', '4.7.5': 'securityerror',
  '4.7.6': 'securityerror', '4.7.7': 'securityerror', '4.7.24': 'authfailure', '4.7.25': 'requireptr',
  '4.7.26': 'authfailure',
  '5.1.0': 'userunknown', '5.1.1': 'userunknown', '5.1.2': 'hostunknown', '5.1.3': 'userunknown',
  '5.1.4': 'filtered', '5.1.6': 'hasmoved', '5.1.7': 'rejected', '5.1.8': 'rejected', '5.1.9': 'systemerror',
  '5.1.10': 'notaccept', '5.2.0': 'filtered', '5.2.1': 'filtered', '5.2.2': 'mailboxfull', '5.2.3': 'exceedlimit',
  '5.2.4': 'filtered', '5.3.0': 'systemerror', '5.3.1': 'systemfull', '5.3.2': 'notaccept', '5.3.3': 'systemerror',
  '5.3.4': 'mesgtoobig', '5.3.5': 'systemerror', '5.4.0': 'networkerror', '5.4.3': 'systemerror',
  '5.4.4': 'hostunknown', '5.5.2': 'syntaxerror', '5.5.3': 'toomanyconn', '5.5.4': 'systemerror',
  '5.5.5': 'systemerror', '5.5.6': 'syntaxerror', '5.6.0': 'contenterror', '5.6.1': 'contenterror',
  '5.6.2': 'contenterror', '5.6.3': 'contenterror', '5.6.5': 'contenterror', '5.6.6': 'contenterror',
  '5.6.7': 'contenterror', '5.6.8': 'contenterror', '5.6.9': 'contenterror', '5.7.0': 'securityerror',
  '5.7.1': 'securityerror', '5.7.2': 'securityerror', '5.7.3': 'securityerror', '5.7.4': 'securityerror',
  '5.7.5': 'securityerror', '5.7.6': 'securityerror', '5.7.7': 'securityerror', '5.7.8': 'securityerror',
  '5.7.9': 'securityerror', '5.7.10': 'securityerror', '5.7.11': 'securityerror', '5.7.13': 'suspend',
  '5.7.14': 'securityerror', '5.7.15': 'securityerror', '5.7.16': 'mesgtoobig', '5.7.17': 'hasmoved',
  '5.7.18': 'hasmoved', '5.7.19': 'securityerror', '5.7.20': 'authfailure', '5.7.21': 'authfailure',
  '5.7.22': 'authfailure', '5.7.23': 'authfailure', '5.7.24': 'authfailure', '5.7.25': 'requireptr',
  '5.7.26': 'authfailure', '5.7.27': 'notaccept', '5.7.28': 'spamdetected', '5.7.29': 'authfailure',
  '5.7.30': 'failedstarttls',
};

/** Codes that only say "something about the address/system/security": the text may know better. */
const VAGUE_STATUS_REASONS = new Set<BounceReason>(['undefined', 'onhold', 'systemerror', 'securityerror', 'networkerror', 'hostunknown', 'userunknown', 'filtered', 'notaccept']);
/** Status reasons that a "user unknown" phrase does not override: they name another party or a precise fate. */
const STATUS_OVER_USER_UNKNOWN = new Set<BounceReason>(['rejected', 'hasmoved', 'hostunknown', 'mailboxfull', 'mesgtoobig', 'exceedlimit', 'suspend']);

/** Diagnostic phrases per reason, lower-case, as the MTAs and providers word them. Checked in the order below. */
const TEXT_PATTERNS: Array<[BounceReason, RegExp]> = [
  ['mailboxfull', /mailbox (?:is )?full|mailbox.{0,20}(?:exceeded|over) (?:its |the )?(?:quota|storage|size)|over ?quota|quota (?:exceeded|full|violation)|exceeded (?:its |their |the )?(?:storage |disk )?quota|(?:user|recipient|account|mailbox)(?:'s)? (?:storage |disk )?quota|insufficient (?:disk |storage )?(?:space|quota)|mailbox size limit|mail ?box (?:has )?exceeded|is over (?:its |their )?(?:storage )?(?:limit|quota)|user(?:'s)? (?:mailbox|disk) (?:is )?full|not enough (?:storage|space)|mailfolder is full|(?:inbox|account) is full|full mailbox|too much mail data/],
  ['mesgtoobig', /message (?:size )?(?:is )?(?:too (?:big|large)|exceeds? (?:the )?(?:maximum|size|fixed))|message (?:length|size) exceeds|size (?:limit )?exceeded|exceeds? (?:the )?(?:maximum )?(?:message )?size limit|mail ?size limit|message too large|larger than (?:the )?(?:maximum|allowed)|email (?:is )?too large|taille.{0,20}trop/],
  ['exceedlimit', /message (?:too large for|exceeds) (?:this )?(?:recipient|local)|exceeds? (?:the )?(?:administrative|per-mailbox) limit/],
  ['suspend', /(?:account|mailbox|user|address|recipient)(?: has been| is|'s account is)? (?:temporarily )?(?:disabled|suspended|inactive|deactivated|frozen|locked|blocked by the (?:user|owner)|not active)|(?:is|has been) (?:de)?activated? by the owner|account (?:is )?(?:closed|expired|on hold)|mailbox (?:is )?(?:inactive|disabled|unavailable due to inactivity)|boite du destinataire archivee|this account has been (?:disabled|discontinued)|user (?:suspended|disabled)/],
  ['hasmoved', /(?:has|have) moved|address (?:is )?no longer (?:valid|in use|active)|no longer (?:accepts?|receives?) (?:e-?mail|messages)|user(?:'s)? address has changed/],
  ['norelaying', /relay(?:ing)? (?:access )?(?:denied|not permitted|not allowed|prohibited)|(?:not|no) (?:allowed|permitted) to relay|unable to relay|we do not relay|not a gateway|relaying mail to .+ is not allowed|relay not (?:permitted|allowed)|insecure mail relay|cannot relay/],
  ['authfailure', /\bspf\b.{0,40}(?:fail|check|reject|not pass|did not pass)|(?:fail|failed|did not pass|does not pass|not pass).{0,40}\b(?:spf|dkim|dmarc)\b|\bdmarc\b.{0,40}(?:policy|reject|fail)|dkim.{0,30}(?:invalid|fail|required|not pass)|authentication (?:checks? )?(?:failed|failure)|sender (?:is )?not authenticated|unauthenticated (?:email|mail|sender)/],
  ['userunknown', /(?:user|mailbox|recipient|address|account|addressee|local[- ]part|e-?mail address|destination address|mail ?box name)(?: name)?(?: \S+)? (?:is )?(?:unknown|not (?:found|known|exist|listed|valid|available|recognized|recognised|allowed)|does(?: ?n[o']t|not) exist|invalid|non-?existent|unavailable|rejected: user unknown)|unknown (?:user|recipient|mailbox|local[- ]?part|address|account|e-?mail)|no (?:such|valid) (?:user|mailbox|recipient|person|address|account|local user)|user(?:name)? (?:does not|doesn'?t) (?:exist|have)|does not have an account|(?:user|mailbox) not (?:found|exist|known)|not (?:a )?(?:valid|known) (?:user|recipient|mailbox|address)|recipient (?:rejected|address rejected|not found|unknown)|address rejected|invalid (?:recipient|mailbox|user|address)|(?:no|not) mailbox (?:here|by that name|found)|there is no (?:user|one) (?:by that name|at this address)|user doesn't have a .+ account|mailbox unavailable|no account by that name|(?:the )?email account that you tried to reach does not exist|sorry, no mailbox|user lookup (?:failed|error)|delivery to the following recipients? failed permanently|bad destination mailbox|destination mailbox address invalid|this user doesn'?t have|unknown address|address (?:is )?not (?:present|registered)|not our customer|mailbox is not available|has no mailbox|mailbox (?:does not|doesn't) exist|account (?:does not|doesn't) exist|recipient address rejected|user unknown|unknown local|no such (?:user|mailbox|address)|invalid address|dest(?:ination)? unknown|not listed in|mailbox (?:.{0,20})?not found|bounced-mailbox|550 ?unknown user|recipient does not exist|this address no longer accepts mail|the recipient's e-?mail address (?:was not found|does not exist)|the (?:e-?mail )?address.{0,40}(?:could(?: not|n't) be found|does not exist)|utilisateur inconnu|destinataire inconnu|adresse.{0,20}(?:invalide|inexistante)|unbekannt|benutzer.{0,20}(?:unbekannt|existiert nicht)/],
  ['filtered', /due to (?:extended )?inactivity|(?:delivery|message) (?:not permitted|rejected) by (?:the )?(?:recipient|user)|refused by (?:the )?recipient|rejected by (?:the )?recipient|recipient (?:has )?(?:blocked|refused)|(?:user|recipient) (?:refuses?|rejects?) (?:to accept )?(?:your )?(?:mail|message)|header error|filtered|content filter|mail filter|rejected by (?:user|recipient)'s (?:filter|rule)/],
  ['requireptr', /(?:no|missing|invalid|bad|does not have a) (?:ptr|reverse dns|rdns|reverse (?:dns )?(?:record|lookup|hostname))|reverse (?:dns|lookup|resolution) (?:failed|failure|error|required|mismatch)|ptr record|cannot find your hostname|client host rejected: cannot find your (?:reverse )?hostname|unresolvable (?:client|ip)|your ip.{0,30}(?:no|without) (?:a )?(?:ptr|reverse)|fqdn|not resolve to your ip|reverse (?:hostname|address) (?:lookup|mismatch)|ip name lookup failed|no ptr/],
  ['notcompliantrfc', /(?:not|isn'?t|non-?) ?(?:rfc|rfc-?\s?5322|rfc-?\s?2822) ?(?:compliant|conform)|multiple (?:addresses|from|to|subject|message-id|date) (?:in|headers?|fields?)|duplicate (?:header|field)|contains (?:more than one|multiple) .{0,20}header|message (?:is )?not (?:rfc|rfc-?5322) compliant|bare (?:lf|linefeed)|header (?:is )?(?:malformed|invalid)|invalid (?:header|message-id)|line too long|(?:does not|doesn't) (?:meet|comply)/],
  ['badreputation', /(?:poor|low|bad|negative) (?:ip |sender |domain )?reputation|reputation (?:of|for) (?:your|the sending)|ip reputation|sender reputation|domain reputation|sending ip.{0,30}(?:low|poor)/],
  ['contenterror', /(?:improper|illegal|invalid|bad) (?:use of )?(?:8-?bit|content|characters? in header|mime)|content (?:rejected|error)|message (?:content|body) (?:rejected|is not acceptable)|mime (?:error|parse)/],
  ['rejected', /sender (?:address )?(?:rejected|denied|refused|blocked|not allowed|unknown|verify failed)|(?:sender|from) (?:domain|address) (?:is )?(?:unknown|invalid|not (?:exist|resolve|valid))|domain of sender address|sender (?:domain|address) (?:must|does not|not) (?:exist|resolve)|(?:envelope )?sender.{0,30}(?:is )?(?:blacklisted|listed|not authorized)|rejected.{0,20}sender|address verification failed|mail from .{0,60}(?:rejected|refused)|return path .{0,30}(?:invalid|rejected)|your (?:email|e-?mail address|address) has been blacklisted|blacklisted sender|(?:sender|email address) is on (?:a|the|our) (?:block|black) ?list|invalid sender|sender .{0,30} not permitted|you are not (?:allowed|permitted|authorized) to send/],
  ['hostunknown', /unrouteable address|domain is not reachable|dns look ?up (?:failed|error)|^[^@]*\b[a-z0-9-]+(?:\.[a-z0-9-]+)+ does not exist|host (?:or domain )?(?:name )?(?:not found|unknown|lookup failed)|unknown (?:host|domain)|no such (?:host|domain)|domain (?:name )?(?:not found|does not exist|doesn'?t exist|is unknown|unknown|not (?:exist|resolve))|name or service not known|name service error|unrouteable (?:mail )?domain|(?:recipient|destination) (?:domain|host) (?:not found|unknown|invalid|does not exist)|no mx (?:or a )?(?:record|for)|mx (?:record )?(?:lookup|not found)|nxdomain|no route to (?:host|domain)|dns (?:lookup )?error|domain (?:name )?(?:is not|isn'?t) (?:valid|registered|hosted)|host lookup did not complete|unable to resolve|not a valid domain|invalid domain|the domain .{0,60} (?:could not|cannot) be found|cannot (?:find|resolve) (?:the )?(?:mail|domain|host)/],
  ['spamdetected', /spam|junk mail|unsolicited|bulk (?:e-?mail|mail)|content (?:rejected|blocked)|blocked (?:for|as) (?:abuse|spam)|classified as (?:junk|spam|bulk)|message (?:looks|appears) like|considered (?:as )?(?:spam|unsolicited)|rejected (?:as|for) (?:spam|bulk)|\buce\b|phish|score(?: too high|:?\s*\d)|high (?:probability|spam score)|suspicious (?:content|message)/],
  ['speeding', /rate limit|too many (?:messages|emails|mails) (?:in|from|sent)|sending (?:rate|too fast)|(?:hourly|daily) (?:sending )?(?:limit|quota)|throttl|exceeded (?:the )?(?:rate|sending)|temporarily deferred due to|try (?:again )?later.{0,40}rate/],
  ['toomanyconn', /too many (?:connections|concurrent|simultaneous|sessions|recipients|hops)|connection (?:limit|rate)|max(?:imum)? (?:number of )?(?:connections|recipients)|too many (?:smtp )?(?:sessions|connections) from/],
  ['blocked', /block(?:ed|list)|black ?list|deny ?list|(?:ip|host|client|connection|address|server|network).{0,40}(?:rejected|refused|denied|banned|not allowed|listed)|listed (?:at|in|on|by)|\b(?:rbl|dnsbl|spamhaus|spamcop|sorbs|barracuda ?central|cbl)\b|access denied|(?:refused|rejected) (?:by|due to) (?:the )?(?:policy|reputation)|poor reputation|not (?:allowed|authorized) to (?:connect|send)|connection (?:refused|rejected|denied)|banned|service unavailable, client host|(?:your|the) (?:ip|server|host)(?: address)? .{0,40}(?:has been|is|was) (?:blocked|rejected|listed)|dynamic (?:ip|address|pool)|dialup|residential|helo.{0,40}(?:rejected|invalid|denied)|client host .{0,60}(?:rejected|refused)|not accepting (?:mail|messages|connections) from/],
  ['virusdetected', /virus|malware|infected|trojan|worm detected|dangerous (?:content|attachment)|executable (?:attachment|file)|attachment (?:type )?(?:not allowed|rejected|blocked)/],
  ['policyviolation', /policy (?:violation|reasons|rejection|rule)|violat(?:es|ion of|ed) .{0,30}polic|(?:local|site|email|mail|security|organization|organisation|domain) polic(?:y|ies)|content polic|prohibited|not (?:allowed|permitted) by (?:the |our )?polic|message (?:rejected|refused) by (?:the )?(?:policy|administrator)|restricted|transport rule|administrative prohibition/],
  ['systemerror', /service (?:currently )?unavailable|transaction failed|could not load|service refused|system (?:error|failure|config)|server (?:error|misconfigured|configuration)|internal (?:server )?error|local (?:error|configuration error)|configuration error|mail (?:loop|server) (?:error|problem)|loop(?:s)? (?:back|detected)|(?:routing|mail) loop|too many hops|hop count exceeded|temporary (?:local )?(?:failure|problem)|unable to (?:deliver|process)|malformed or unexpected|timeout waiting for (?:input|data)|delivery (?:agent|program) (?:error|failed)|queue file write error|mailer (?:error|failed)|mail transport unavailable|service (?:not available|unavailable)|system (?:is )?(?:busy|unavailable)|i\/o error|cannot store (?:document|message)|database (?:error|is unavailable)/],
  ['networkerror', /network (?:error|unreachable|is unreachable|problem)|connection (?:timed out|time[d-]? ?out|reset|lost|closed|dropped)|lost connection|timed? ?out|could not connect|couldn'?t connect|unable to connect|no route|host (?:is )?(?:down|unreachable)|(?:dns|name) (?:resolution|server) (?:failure|error|problem)|temporary (?:dns|lookup) failure|all (?:mx|relevant mx) (?:hosts|records)|conversation with .{0,60} timed out|no (?:answer|response) from|ssl|tls (?:handshake|negotiation)|socket error|broken pipe/],
  ['systemfull', /(?:disk|file ?system|server|spool|system|queue|storage)(?: is)? full|insufficient system storage|out of (?:disk|storage) space|no space left|mail system full/],
  ['notaccept', /(?:does not|doesn'?t|do not|will not|cannot) accept (?:any )?(?:e-?)?mail|not accepting (?:any )?(?:e-?)?mail|null mx|no mail(?:boxes)? (?:here|accepted|service)|mail (?:is )?not accepted|does not receive mail|host does not accept mail/],
  ['expired', /(?:retry|delivery|queue|message) (?:time(?:out)?|period|lifetime) (?:exceeded|expired)|(?:has been|was|remained) (?:delayed|queued|in the queue)|(?:could|was) not (?:be )?delivered (?:within|after|for)|not (?:yet )?been delivered|giving up|gave up|given up|(?:too|was) old|message expired|expired|too long in (?:the )?queue|will (?:continue to )?(?:retry|try again|be retried)|still (?:trying|retrying)|unable to deliver .{0,40} for (?:\d+|several) (?:days|hours)|delivery (?:is|has been) delayed|deferred|bounced after|maximum time|could not be delivered for \d+ days|retry timeout exceeded/],
  ['failedstarttls', /starttls|requires? (?:tls|secure connection|encryption)|tls (?:is )?required|must issue a starttls|encryption required/],
  ['securityerror', /security (?:policy|error|violation|reasons)|authentication (?:required|credentials)|(?:smtp )?auth(?:entication)? (?:failed|required|needed)|must (?:authenticate|be authenticated)|not authorized|unauthorized|permission denied|insecure|certificate|untrusted/],
  ['syntaxerror', /syntax error|command (?:not recognized|unrecognized|unknown|not implemented)|bad (?:sequence of commands|command)|unrecognized command|invalid command|line too long|5\.5\.[124]/],
  ['mailererror', /x-unix|mailer (?:error|failed|returned)|(?:program|command|pipe) (?:failed|exited|returned|error)|exit (?:status|code) \d+|procmail|unknown mailer|mail(?:er)? program|service-unavailable/],
];

/** Phrases specific enough to beat any status code: the status of these failures is usually generic. */
const STRONG_PATTERNS: Array<[BounceReason, RegExp]> = [
  ['systemfull', /insufficient (?:system storage|disk space)|(?:disk|file ?system|spool|queue) (?:is )?full|no space left/],
  ['mailboxfull', /mailbox (?:is )?full|mailbox.{0,20}(?:exceeded|over) |mailbox exceeds|over ?quota|quota (?:exceeded|full|violation)|exceeded (?:its |their |the )?(?:storage |disk )?quota|(?:user|recipient|account|mailbox)(?:'s)? (?:storage |disk )?quota|mailbox size limit|user(?:'s)? (?:mailbox|disk) (?:is )?full|(?:inbox|account) is full|full mailbox/],
  ['exceedlimit', /(?:message )?too large for this recipient|exceeds? (?:the )?(?:administrative|per-mailbox) limit|recipsizelimit/],
  ['mesgtoobig', /message (?:size )?(?:is )?(?:too (?:big|large)|exceeds? (?:the )?(?:maximum|size|fixed))|message (?:length|size) exceeds|size (?:limit )?exceeded|exceeds? (?:the )?(?:maximum )?(?:message )?size limit|message too large|larger than (?:the )?(?:maximum|allowed)/],
  ['suspend', /(?:account|mailbox|user|address|recipient)(?: has been| is|'s account is)? (?:temporarily )?(?:disabled|suspended|inactive|deactivated|frozen|locked|blocked)|temporary locked|account (?:is )?(?:closed|expired|on hold)|compte du destinataire est bloque|this account has been (?:disabled|discontinued)/],
  ['hasmoved', /(?:has|have) moved|address (?:is )?no longer (?:valid|in use|active)|no longer (?:accepts?|receives?) (?:e-?mail|messages)/],
  ['norelaying', /relay(?:ing)? (?:access )?(?:denied|not permitted|not allowed|prohibited)|(?:not|no) (?:allowed|permitted) to relay|unable to relay|we do not relay|not configured to relay|relay not (?:permitted|allowed)|cannot relay|address is not verified|identities failed the check/],
  ['notcompliantrfc', /(?:not|non-?) ?rfc ?(?:5322|2822)? ?compliant|multiple .{0,20}addresses in (?:from|to|cc)|duplicate header|contains (?:more than one|multiple) .{0,20}header|bare (?:lf|linefeed)/],
  ['authfailure', /\bspf\b.{0,40}(?:fail|check|reject|not pass|record)|(?:fail|failed|did not pass|does not pass|not pass).{0,40}\b(?:spf|dkim|dmarc)\b|\bdmarc\b.{0,40}(?:policy|reject|fail)|dkim.{0,30}(?:invalid|fail|required|not pass)/],
  ['requireptr', /(?:no|missing|invalid|bad) (?:ptr|reverse dns|rdns)|reverse dns|ptr record|cannot find your (?:reverse )?hostname|mismatches client ip|ip name lookup failed|no ptr/],
  ['badreputation', /(?:poor|low|bad|negative) (?:ip |sender |domain )?reputation|ip reputation|sender reputation|user complaints/],
  ['virusdetected', /virus|malware|infected|trojan/],
  ['speeding', /rate limit|too many (?:messages|emails|mails|recipients) (?:this|per|in the|an?) (?:hour|day|minute)|sending (?:rate|too fast)|(?:hourly|daily) (?:sending )?(?:limit|quota)|throttl/],
  ['toomanyconn', /too many (?:connections|concurrent|simultaneous|sessions)|frequency limited|connection (?:limit|rate)/],
  ['blocked', /blocked using|black ?listed|block ?listed|\b(?:rbl|dnsbl|spamhaus|spamcop|sorbs|cbl)\b|client host (?:\[[^\]]*\] )?(?:rejected|blocked)|ip address .{0,20}(?:blocked|listed)|not accepting connections/],
  ['spamdetected', /spam|junk mail|unsolicited|classified as (?:junk|bulk)|rejected (?:as|for) bulk|content rejected|phish/],
  ['notaccept', /null mx|doesn'?t receive (?:e-?)?mail|does not receive (?:e-?)?mail|no smtp service|no mx found|(?:does not|doesn'?t) accept (?:any )?(?:e-?)?mail|not accepting (?:any )?(?:e-?)?mail/],
  ['expired', /retry timeout exceeded|in the queue too long|too long in (?:the )?queue|will be retried for|not going to try again|did not accept our requests to connect|delivery time expired|envelope expired|message expired/],
  ['filtered', /email preferences of the person|rejected by the recipient domain|content filter|mail filter/],
  ['policyviolation', /polic(?:y|ies) (?:violation|reasons|rejection)|denied by policy|protocol violation|violat(?:es|ion of|ed) .{0,30}polic/],
  ['securityerror', /unauthenticated senders?|authentication (?:required|credentials)/],
  ['syntaxerror', /syntax error|sequence of commands|command (?:not recognized|unrecognized)|unrecognized command|malformed address/],
];

/** Text-first reasons, tried before the status code because the status is usually generic for them. */
const TEXT_FIRST_REASONS = new Set<BounceReason>(STRONG_PATTERNS.map(([reason]) => reason));

/** The SMTP command a failure answered, as MTAs quote it (`in reply to RCPT TO command`, `after end of data`). */
export function findFailedCommand(text: string | null): string | null {
  if (!text) return null;
  const match = /(?:in reply to|after|did not like our|>>>|smtp command:?)\s+(?:the\s+)?(?:end of\s+|final\s+)?(rcpt to|mail from|data|helo|ehlo|initial connection|connect)/i.exec(text);
  if (!match) return null;
  const command = match[1]!.toUpperCase();
  if (command.startsWith('RCPT')) return 'RCPT';
  if (command.startsWith('MAIL')) return 'MAIL';
  if (command === 'INITIAL CONNECTION' || command === 'CONNECT') return 'CONN';
  return command;
}

export type ReasonEvidence = {
  status: string | null;
  replyCode: string | null;
  diagnostic: string | null;
  action: string | null;
  /** The SMTP command that failed (`RCPT`, `DATA`, `MAIL`, `HELO`…) when the report says. */
  command?: string | null;
  /** The failed address: group addresses answer differently. */
  address?: string;
};

/** Decides the reason of one failed recipient, most specific evidence first. */
export function decideReason(evidence: ReasonEvidence): BounceReason {
  const { status, diagnostic, action } = evidence;
  if (status?.startsWith('2.') || action === 'delivered' || action === 'relayed' || action === 'expanded') return 'delivered';
  const text = (diagnostic ?? '').toLowerCase();
  const statusReason = status ? REASON_BY_STATUS[status] : undefined;
  const transient = status ? status.startsWith('4') : evidence.replyCode?.startsWith('4') ?? false;
  const command = evidence.command ?? findFailedCommand(diagnostic);

  if (text) {
    for (const [reason, pattern] of STRONG_PATTERNS) if (pattern.test(text)) return reason;
  }
  const userUnknownPattern = TEXT_PATTERNS.find(([reason]) => reason === 'userunknown')![1];
  // A rejection at MAIL FROM concerns the sender; "user unknown" after DATA is a content filter's verdict.
  if (command === 'MAIL' && statusReason !== 'userunknown') return 'rejected';
  const saysUserUnknown = text !== '' && userUnknownPattern.test(text);
  if (command === 'DATA' && saysUserUnknown) return 'filtered';
  if (saysUserUnknown && !(statusReason && STATUS_OVER_USER_UNKNOWN.has(statusReason))) return 'userunknown';
  if (command === 'HELO' || command === 'EHLO' || command === 'CONN') {
    if (!statusReason || VAGUE_STATUS_REASONS.has(statusReason)) return 'blocked';
  }
  if (statusReason && !VAGUE_STATUS_REASONS.has(statusReason)) return statusReason;
  if (text) {
    for (const [reason, pattern] of TEXT_PATTERNS) {
      if (!pattern.test(text)) continue;
      const chosen = preferStatusOverText(statusReason, reason);
      // A name lookup that will be retried is a network problem, not a missing domain.
      return chosen === 'hostunknown' && transient ? 'networkerror' : chosen;
    }
  }
  if (statusReason) return statusReason;
  if (action === 'delayed') return 'expired';
  if (status) {
    const subject = status.slice(2, 3);
    if (subject === '6') return 'contenterror';
    if (subject === '7') return 'securityerror';
  }
  return text ? 'onhold' : 'undefined';
}

/** A precise status code (5.1.2 hostunknown) beats a loosely matched phrase of another class. */
function preferStatusOverText(statusReason: BounceReason | undefined, textReason: BounceReason): BounceReason {
  if (statusReason === 'hostunknown' && textReason === 'userunknown') return 'hostunknown';
  if (statusReason === 'userunknown' && (textReason === 'systemerror' || textReason === 'networkerror' || textReason === 'expired')) return 'userunknown';
  return textReason;
}
