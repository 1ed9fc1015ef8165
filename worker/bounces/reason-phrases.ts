// Diagnostic text grouped by bounce reason class: how MTAs and mailbox providers word each cause, in several languages.
import type { BounceReason } from '../../shared/api/bounces.ts';

/**
 * `specific` phrases name one cause unmistakably (a full mailbox, a block list, an unknown host): they outrank a
 * status code that only names the area. `general` phrases are weaker wording that only fills in where the codes are
 * silent or undefined.
 */
export type PhraseStrength = 'specific' | 'general';

export type PhraseClass = { reason: BounceReason; strength: PhraseStrength; pattern: RegExp };

/** One case-insensitive pattern from alternatives (each a regular-expression fragment without capture groups). */
function anyOf(alternatives: string[]): RegExp {
  return new RegExp(alternatives.join('|'), 'i');
}

const phrases = (reason: BounceReason, strength: PhraseStrength, alternatives: string[]): PhraseClass => ({ reason, strength, pattern: anyOf(alternatives) });

/** Checked in this order: a cause is named before the generic wording around it (the message "was rejected"). */
export const PHRASE_CLASSES: readonly PhraseClass[] = [
  // The receiving system itself is out of space: not the recipient's quota.
  phrases('systemfull', 'specific', [
    '(?:disk|file ?system|spool|queue|partition|storage system)(?: is)? full', 'insufficient system (?:storage|resources)',
    'no space left on device', 'out of (?:disk|storage) space', 'insufficient (?:disk|storage) space(?! for)', 'mail system full', 'system storage exceeded',
  ]),
  phrases('mailboxfull', 'specific', [
    'mail ?box (?:is )?(?:full|over ?quota|exceed)', 'mail ?box (?:storage |size )?(?:limit|quota) (?:exceeded|reached)',
    'over (?:the )?(?:disk |storage |mailbox )?quota', 'quota (?:exceeded|exceed|full|violation|limit reached)',
    '(?:exceeded|exceeds|exceeding|over) (?:the |its |their |his |her |your )?(?:disk |storage |mailbox )?(?:quota|storage (?:limit|allocation))',
    '(?:user|recipient|account|mailbox)(?:\'s)? (?:disk |storage |mail ?box )?quota', 'insufficient (?:disk |storage )?(?:space|quota) (?:for|in|on)',
    '(?:inbox|account|mail ?folder|mailfolder|user(?:\'s)? (?:mailbox|disk)) (?:is )?full', 'full mail ?box', 'not enough (?:disk |storage )?space',
    'exceeded storage allocation', 'mailbox size limit', 'too much mail data',
    'postfach (?:ist )?voll', 'speicherplatz', 'bo[iî]te (?:aux lettres )?(?:est )?pleine', 'casella (?:di posta )?piena', 'buz[oó]n (?:est[aá] )?lleno',
    'メールボックスが(?:一杯|いっぱい|満杯)', '容量(?:を)?超過', '邮箱(?:已)?满', '空间不足',
  ]),
  phrases('exceedlimit', 'specific', [
    'exceeds? (?:the )?(?:administrative|per-?(?:mailbox|user|recipient)) (?:size )?limit', 'too large for (?:this|the) (?:recipient|mailbox|user)',
    'message length exceeds administrative limit', 'recipient(?:\'s)? (?:size )?limit',
  ]),
  phrases('mesgtoobig', 'specific', [
    'message (?:size |length )?(?:is )?(?:too (?:big|large|long))', '(?:message|mail|e-?mail) (?:size |length )?exceeds?',
    'size (?:limit )?(?:exceeded|exceeds)', 'exceeds? (?:the )?(?:maximum |fixed |allowed )?(?:message |mail )?size', 'message too large',
    'larger than (?:the )?(?:maximum|allowed|permitted)', '(?:mail|e-?mail|message) is too (?:big|large)', 'size exceeds (?:the )?(?:fixed )?(?:maximum|limit)',
    'nachricht (?:ist )?zu gro(?:ß|ss)', 'taille (?:du message )?.{0,20}(?:trop|d[ée]pass)', 'message trop (?:gros|volumineux)',
  ]),
  phrases('virusdetected', 'specific', [
    'virus', 'malware', 'infected', 'trojan', 'worm detected', 'malicious (?:content|attachment|file|code)',
  ]),
  phrases('spamdetected', 'specific', [
    // Block-list names (Spamhaus, SpamCop) name the connecting host's listing, not the message: see 'blocked'.
    'spam(?!haus|cop)', 'junk (?:mail|e-?mail)', 'unsolicited', 'bulk (?:e-?mail|mail)', 'classified as (?:junk|bulk|suspicious)', '\\buce\\b', 'phish',
    '(?:high|too high|exceeds?) (?:spam |bayes(?:ian)? )?(?:probability|score)', 'score too high', 'suspicious (?:content|message|mail)',
    'message (?:looks|appears|seems) (?:like|to be) (?:unsolicited|spam)', 'content (?:was )?(?:flagged|identified|detected) as',
    // A refusal of the content itself is a content filter's (spam) verdict; malformed content has its own words.
    '(?:message |mail )?content (?:rejected|refused|not accepted|blocked)', 'rejected (?:due to|because of) (?:its |the )?content',
    '迷惑メール', '垃圾邮件',
  ]),
  phrases('notcompliantrfc', 'specific', [
    '(?:not|non-?|isn\'t) ?rfc ?(?:5322|2822|822|5321)? ?(?:compliant|conform)', 'duplicate (?:header|field)', 'multiple (?:from|to|subject|message-id|date) (?:headers?|fields?)', 'multiple (?:addresses|senders|mailboxes) in (?:the )?(?:from|sender|to)',
    'contains (?:more than one|multiple) .{0,20}header', 'missing (?:required )?(?:date|message-id|from) (?:header|field)', 'bare (?:lf|linefeed|cr)',
    'header (?:is )?(?:malformed|invalid|syntax)', 'invalid (?:header|message-id)', '(?:does not|doesn\'t) (?:meet|comply with) .{0,30}(?:rfc|standard)',
  ]),
  phrases('authfailure', 'specific', [
    '\\bspf\\b.{0,40}(?:fail|reject|not pass|did not pass|hard ?fail|soft ?fail|error|check)', '(?:failed|fails|did not pass|does not pass|not pass).{0,30}\\b(?:spf|dkim|dmarc)\\b',
    '\\bdmarc\\b.{0,40}(?:policy|reject|fail|quarantine)', '\\bdkim\\b.{0,30}(?:invalid|fail|required|not pass|signature)',
    'authentication checks? (?:failed|did not pass)', 'unauthenticated (?:e-?mail|mail|message)s? (?:from|is not|are not)',
    'not pass (?:email |e-?mail )?authentication', 'not (?:allowed|permitted|authori[sz]ed) to send .{0,60}\\bspf\\b',
  ]),
  phrases('requireptr', 'specific', [
    '(?:no|missing|invalid|bad|without|lacks?|does not have an?) (?:ptr|reverse dns|rdns|reverse (?:dns )?(?:record|lookup|hostname|name|mapping))',
    'reverse (?:dns|lookup|resolution|name) (?:failed|failure|error|required|mismatch|check)', 'ptr record', 'cannot find your (?:reverse )?hostname',
    'ip name lookup failed', 'hostname does not resolve to (?:your|the) (?:ip|address)', 'fcrdns', '\\breverse dns\\b', 'reverse (?:hostname|address) (?:lookup|mismatch)',
  ]),
  phrases('badreputation', 'specific', [
    '(?:poor|low|bad|negative) (?:ip |sender |domain )?reputation', 'user complaints', '(?:ip|sender|domain|sending) reputation', 'reputation (?:of|for) (?:your|the sending)',
  ]),
  phrases('speeding', 'specific', [
    'rate ?limit', 'too many (?:messages|emails|mails) (?:in|from|sent|per|this|for)', 'sending (?:rate|too fast|limit|quota)', '(?:hourly|daily) (?:sending |message )?(?:limit|quota)',
    'throttl', 'exceeded (?:the |your )?(?:rate|sending|message) (?:limit|rate|quota)', 'too fast', 'slow down',
  ]),
  phrases('toomanyconn', 'specific', [
    'too many (?:connections|concurrent|simultaneous|sessions|smtp sessions|open connections)', 'connection (?:limit|rate limit) (?:exceeded|reached)',
    'max(?:imum)? (?:number of )?(?:connections|concurrent)', 'too many recipients', 'recipient limit (?:exceeded|reached)',
  ]),
  // Refusals that concern the sender (the envelope from address or the author), not the recipient.
  phrases('rejected', 'specific', [
    'sender (?:address )?(?:rejected|denied|refused|blocked|not allowed|unknown|invalid|verify failed|verification failed)',
    '(?:sender|from|envelope[- ]from|return[- ]path|mail from):? (?:domain|address) (?:is )?(?:unknown|invalid|not (?:exist|resolv|valid|allowed)|does not (?:exist|resolve)|must (?:exist|resolve))',
    'domain of sender address', 'invalid sender', 'bad sender', 'address (?:that )?(?:is|has been) (?:black|block) ?listed', 'sender (?:domain|address) .{0,30}not (?:exist|resolve|permitted|allowed)',
    '(?:your|the sender(?:\'s)?) (?:e-?mail )?address (?:is|has been) (?:blocked|black ?listed|banned|rejected)',
    '(?:not (?:a member|subscribed)|non-?members?) .{0,40}(?:post|send|list|group)', '(?:not|no) (?:allowed|permitted|authori[sz]ed|permission) to (?:post|send (?:to|messages to) this (?:list|group))',
    'only (?:members|subscribers) (?:may|can) (?:post|send)', 'address verification failed',
  ]),
  phrases('blocked', 'specific', [
    'block ?list', 'black ?list', 'deny ?list', '\\b(?:rbl|dnsbl|rhsbl|spamhaus|spamcop|sorbs|barracuda(?: ?central)?|surbl|uceprotect|abuseat|cbl)\\b',
    '(?<!not )listed (?:at|in|on|by)', '(?:client|connecting|sending|your) (?:host|ip|server|address|network)\\b.{0,60}(?:rejected|refused|denied|blocked|banned|not allowed|listed)',
    '(?:ip|host)(?: address)? .{0,40}(?:has been|is|was|are) (?:blocked|rejected|listed|banned)', 'blocked (?:by|due to|because|for)', '(?:connection|access) (?:refused|denied|rejected) (?:by|due to|because|from)',
    'not (?:allowed|authori[sz]ed|permitted) to (?:connect|send (?:mail )?from (?:this|your) (?:ip|host|server|network))', 'dynamic (?:ip|address|pool|range)', 'dial-?up', 'residential',
    'helo.{0,40}(?:rejected|invalid|denied|refused)', '(?:ehlo|helo) (?:name|command) rejected', 'banned', 'not accepting (?:mail|messages|connections) from', 'not accepting connections',
    'your (?:ip|server|host|network) (?:address )?(?:is|has been) (?:blocked|banned)', 'host (?:network )?not allowed', 'refused to talk to',
    // Mail from a consumer connection is refused with advice to relay through the provider's own server.
    '(?:smtp|mail|outgoing) server of your (?:isp|internet service provider|provider)', 'contact your (?:isp|internet service provider)',
  ]),
  phrases('norelaying', 'specific', [
    'relay(?:ing)? (?:access )?(?:denied|not permitted|not allowed|prohibited|refused)', '(?:not|no) (?:allowed|permitted|authori[sz]ed) to relay',
    'unable to relay', 'we do not relay', 'no relaying', 'cannot relay', 'not configured to relay', 'relay not (?:permitted|allowed)', 'open relay', 'not a gateway',
  ]),
  phrases('notaccept', 'specific', [
    // A domain that exists without a mail exchanger (RFC 5321 5.1) or with a null MX (RFC 7505) takes no mail.
    'null mx', 'no (?:mx|mail exchanger)s?(?: or a)?(?: records?)? (?:found|for)', '(?:couldn\'t|could not|cannot|can\'t|unable to) find (?:a |the |any )?(?:mail exchanger|mx)', '(?:does not|doesn\'t|do not|will not|cannot) accept (?:any )?(?:e-?)?mail', 'not accepting (?:any )?(?:e-?)?mail', 'no smtp service',
    'does not receive (?:e-?)?mail', 'mail (?:is )?not accepted (?:here|for this domain)', 'no mail ?(?:service|server|host) (?:here|for)',
  ]),
  phrases('hostunknown', 'specific', [
    'host (?:or domain )?(?:name )?(?:not found|unknown|lookup failed|does not exist)', 'unknown (?:host|domain)', 'no such (?:host|domain)',
    'domain (?:name )?(?:not found|does not exist|doesn\'t exist|is unknown|unknown|not (?:exist|resolv)|(?:is )?not (?:registered|valid|hosted))',
    'unrouteable (?:address|(?:mail )?domain)', 'nxdomain', 'name or service not known',
    '(?:couldn\'t|could not|cannot|can\'t|unable to) (?:resolve|locate) (?:a |the )?(?:domain|host|hostname)',
    '(?:recipient|destination) (?:domain|host) (?:not found|unknown|invalid|does not exist)', 'invalid (?:recipient )?domain', 'not a valid domain',
    'domain .{0,60} (?:could not|cannot) be found', 'domain (?:is )?(?:not reachable|unreachable)', 'host name lookup failure',
    // A bare domain name said not to exist (no local part before it).
    '(?<![@\\w.-])[a-z0-9-]+(?:\\.[a-z0-9-]+)+ does not exist', 'dns (?:lookup|query) (?:failed|returned) .{0,40}(?:nxdomain|not found|no such)',
  ]),
  phrases('suspend', 'specific', [
    '(?:account|mailbox|user|address|recipient)(?:\'s)?(?: account)?(?: has been| is| was)? (?:temporarily |permanently )?(?:disabled|suspended|inactive|deactivated|frozen|locked|closed|expired|terminated|on hold)',
    '(?:disabled|suspended|inactive|deactivated|locked) (?:account|mailbox|user)', '(?:temporar(?:y|ily)|permanently) (?:locked|disabled|suspended)', 'mailbox (?:is )?unavailable due to inactivity',
    'konto (?:ist )?(?:gesperrt|deaktiviert)', 'compte .{0,20}(?:d[ée]sactiv[ée]|suspendu|bloqu[ée])',
  ]),
  phrases('hasmoved', 'specific', [
    '(?:has|have) moved', 'address (?:is )?no longer (?:valid|in use|active|available)', 'no longer (?:accepts?|receives?|reads?) (?:e-?mail|mail|messages)',
    'address has changed', 'user not local', 'forwarding address',
  ]),
  phrases('userunknown', 'specific', [
    '(?:user|mailbox|recipient|address|account|addressee|local[- ]?part|e-?mail address|destination address|mail ?box name)(?: name)? (?:is )?(?:unknown|not (?:found|known|exist|listed|valid|recogni[sz]ed)|does(?: ?n[o\']t|not) exist|invalid|non-?existent)',
    'unknown (?:user|recipient|mailbox|local[- ]?(?:part|user)|address|account|e-?mail)', 'no (?:such|valid) (?:user|mailbox|recipient|person|address|account|local user)',
    '(?:user|mailbox|recipient|account)(?:name)? (?:does not|doesn\'t) exist', '(?:no|not) mail ?box (?:here|by that name|found|available)',
    'not (?:a )?(?:valid|known) (?:user|recipient|mailbox|address)', 'invalid (?:recipient|mailbox|user|address|e-?mail address)',
    'recipient (?:not found|unknown)', '(?:address|recipient|mailbox|user) (?:could ?n[o\']t|can ?not|cannot) be found', '(?:user|recipient) (?:doesn\'t|does not) have an? .{0,40}account', 'bad destination (?:mailbox )?address', 'has no (?:mailbox|account)',
    'there is no (?:user|one|account|mailbox) (?:by that name|at this address|with that address)', 'does not have an? (?:account|mailbox)', 'no account (?:by that name|for)',
    '(?:e-?mail )?(?:account|address) (?:that )?you tried to reach does not exist', 'address (?:was ?n[o\'’]t|was not|not) found', '(?:is )?not listed in (?:the |our )?(?:\\w+ )?(?:directory|address book|recipient)', 'user lookup (?:failed|error)',
    'unbekannt', 'existiert nicht', 'utilisateur inconnu', 'destinataire inconnu', "(?:adresse|utilisateur|destinataire).{0,20}(?:invalide|inexistant|n'existe pas)",
    'usuario (?:desconocido|no existe)', 'utente (?:sconosciuto|inesistente)', '宛先(?:が)?(?:不明|見つかりません)', '存在しない', '用户不存在', '收件人不存在',
  ]),
  // The recipient's own rules, or a filter between, refused this message.
  phrases('filtered', 'specific', [
    '(?:rejected|refused|blocked|denied) by (?:the )?(?:recipient|user|addressee)(?!\'?s? (?:domain|server|system|host|mail))', 'recipient(?:\'s)? (?:filter|rules?|settings|preferences)',
    'content filter', 'mail filter', '(?:recipient|user) (?:has )?(?:blocked|refused|rejected) (?:you|your|this|mail|messages)',
    'only accepts? mail from', 'does not (?:wish|want) to receive', 'filtered',
  ]),
  phrases('policyviolation', 'specific', [
    'polic(?:y|ies) (?:violation|reasons|rejection|restriction)', 'violat(?:es|ion of|ed|ing) .{0,30}polic', '(?:local|site|email|mail|security|organi[sz]ation|domain|content) polic(?:y|ies)',
    'prohibited', 'not (?:allowed|permitted) by (?:the |our |local )?polic', 'administrative prohibition', 'transport rule', 'denied by policy',
    '(?:attachment|file) (?:type |extension )?(?:not allowed|rejected|blocked|prohibited)', 'executable (?:attachment|file)',
  ]),
  phrases('contenterror', 'specific', [
    '(?:improper|illegal|invalid|bad) (?:use of )?(?:8-?bit|characters?|mime|encoding)', 'content error', 'mime (?:error|parse|structure)', 'media error',
    'too many (?:"?received"?|hops)', 'line too long', '8-?bit data',
  ]),
  phrases('failedstarttls', 'specific', [
    'starttls', 'requires? (?:tls|ssl|a secure connection|encryption)', '(?:does not|doesn\'t) support (?:tls|ssl|encryption)', '(?:tls|ssl|encryption) (?:is )?(?:required|mandatory|needed)', 'tls (?:handshake|negotiation) failed',
  ]),
  phrases('mailererror', 'specific', [
    'x-unix', 'mailer (?:error|failed|returned|died)', '(?:program|command|pipe|delivery agent)\\b.{0,60}(?:failed|exited|returned|error|died|terminated)',
    'exit (?:status|code) \\d+', 'procmail', 'unknown mailer', 'pipe to \\|', '\\bcommand died\\b',
  ]),
  phrases('networkerror', 'specific', [
    'network (?:unreachable|is unreachable|problem|failure|error)',
    '(?:dns|name) (?:resolution|server|service|lookup|query) (?:failure|failed|error|problem|timeout)', 'dns error', 'temporary (?:dns|lookup|name) (?:failure|error)',
    'malformed or unexpected name server reply', 'routing loop', '(?:mail|message) loop', 'too many hops', 'hop count exceeded',
  ]),
  phrases('expired', 'specific', [
    '(?:retry|delivery|queue|message|envelope) (?:time(?:out)?|period|lifetime|life ?time) (?:exceeded|expired|has expired)', 'retry timeout exceeded',
    'message (?:has )?expired', 'envelope expired', 'delivery (?:time )?expired', 'too long in (?:the )?queue', '(?:been|remained|sitting) in (?:the )?queue (?:too long|for)',
    '(?:could|was|has) not (?:be(?:en)? )?delivered (?:within|after|for) (?:the last )?\\d', 'gave up', 'giving up', 'given up', 'not going to try again',
    'will (?:continue to )?(?:retry|try again|be retried|keep trying)', 'still (?:trying|retrying|being retried)', 'not (?:yet )?been delivered',
    'delivery (?:is |has been )?delayed', 'delayed (?:mail|message|delivery)', 'deferred', 'maximum (?:time|retry)', 'was too old',
  ]),
  // Weaker wording: only where no code and no specific phrase says more.
  phrases('systemerror', 'general', [
    'service (?:is )?(?:currently )?(?:un|not )available', 'transaction failed', 'system (?:error|failure|config|problem)', 'server (?:error|misconfigur|configuration|problem)',
    'internal (?:server )?error', 'local (?:error|configuration error|problem)', 'configuration error', 'temporary (?:local )?(?:failure|problem|error)',
    'try (?:again )?later', 'i/o error', '(?:could not|cannot|unable to) (?:load|read|open|write|lock)\\b', 'database (?:error|is unavailable)', 'resources? (?:temporarily )?unavailable', 'service refused',
  ]),
  // SMTP AUTH demanded of a client that did not authenticate (RFC 4954).
  phrases('securityerror', 'specific', ['unauthenticated senders?', '(?:smtp )?auth(?:entication)? (?:is )?required to (?:send|relay)']),
  phrases('securityerror', 'general', [
    'security (?:policy|error|violation|reasons)', 'authentication (?:required|credentials|failed|needed)', 'must (?:authenticate|be authenticated)',
    'not authori[sz]ed', 'unauthori[sz]ed', 'permission denied', 'access denied', 'certificate',
  ]),
  // Connection failures: how a retried message usually ends, so they say little beyond "expired" when it did.
  phrases('networkerror', 'general', [
    'connection (?:timed out|time-?out|reset|lost|closed|dropped|refused)', 'timed? ?out', '(?:could|can|was)(?: no|\')t (?:able to )?(?:connect|establish)',
    'unable to (?:connect|establish)', '(?:did not|does not|doesn\'t|didn\'t) accept (?:our |the )?(?:requests? to connect|connections?)',
    'connection (?:reset|lost|closed|dropped) (?:by|during|while|after|with)', 'lost connection', 'no route to host', 'host (?:is )?(?:down|unreachable)',
    'no (?:answer|response) from', 'socket error', 'broken pipe',
  ]),
  phrases('syntaxerror', 'general', [
    'syntax error', 'malformed address', 'command (?:not recognized|unrecognized|unknown|not implemented)', 'bad sequence of commands', 'unrecognized command', 'invalid command',
  ]),
  phrases('userunknown', 'general', ['mailbox (?:is )?unavailable', 'requested action not taken: mailbox', 'check (?:if|that|whether) (?:the )?(?:e-?mail )?address is correct']),
  phrases('rejected', 'general', ['not (?:allowed|permitted|authori[sz]ed) to send', 'you are not allowed']),
];

/** The first phrase class of the given strength that the text contains, or null. */
export function findPhraseReason(text: string, strength: PhraseStrength): BounceReason | null {
  for (const phraseClass of PHRASE_CLASSES) {
    if (phraseClass.strength === strength && phraseClass.pattern.test(text)) return phraseClass.reason;
  }
  return null;
}
