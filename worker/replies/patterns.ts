// The words and line shapes mail clients use to introduce quoted history and signatures, in many languages.

/** Verbs that end an attribution line ("On … wrote:", "Am … schrieb …:", "Le … a écrit :", …). */
const ATTRIBUTION_VERBS = [
  'wrote', 'writes', 'has written', // en
  'schrieb', 'geschrieben', // de ("hat … geschrieben")
  'a écrit', 'a ecrit', 'écrit', // fr
  'escribió', 'escribio', 'ha escrito', // es
  'ha scritto', 'scritto', 'scrive', // it
  'schreef', 'het volgende geschreven', 'geschreven', // nl
  'escreveu', 'escrito', // pt
  'skrev', 'skreiv', 'skrifaði', // sv, da, no, is
  'kirjoitti', // fi
  'napisał', 'napisała', 'napisał\\(a\\)', 'napisal', // pl
  'napsal', 'napsala', 'napsal\\(a\\)', // cs
  'написал', 'написала', 'написал\\(а\\)', 'пишет', 'написав', 'написала\\(а\\)', // ru, uk
  'írta', // hu
  'yazdı', // tr
  'έγραψε', // el
  'a scris', // ro
  'kirjutas', 'rašė', 'rakstīja', 'napísal', 'napisao', 'napisala', // et, lt, lv, sk, hr
  'כתב', 'كتب', // he, ar
];
const VERB_ALTERNATION = ATTRIBUTION_VERBS.join('|');

/** An attribution ending in one of the verbs, then an optional colon and optional dashes. */
export const ATTRIBUTION_ENDING = new RegExp(`(?:^|[\\s,.)>"'\\]])(?:${VERB_ALTERNATION})\\s*[:：]?\\s*-*\\s*$`, 'iu');

/** The CJK forms, which put the verb right before a full-width or ASCII colon with no word boundary. */
export const CJK_ATTRIBUTION_ENDING = /(?:写道|寫道|のメッセージ|が書きました|より|작성|님이 작성)\s*[:：]\s*$/u;

/** Words that open an attribution in the languages whose clients start with a preposition or date phrase. */
export const ATTRIBUTION_OPENER = new RegExp(
  '^(?:' +
    [
      'on', 'am', 'le', 'el', 'il', 'op', 'em', 'den', 'på', 'w dniu', 'dnia', 'dne', 'dňa', 'в', 'у', 'da', 'in data',
      // Weekday abbreviations that start Gmail's date-first attributions (no, da, sv, nl, de, fr, es, fi, ru).
      'man', 'tir', 'ons', 'tor', 'fre', 'lør', 'søn', 'mån', 'tis', 'tors', 'lör', 'sön', 'ma', 'di', 'wo', 'do',
      'vr', 'za', 'zo', 'mo', 'mi', 'fr', 'sa', 'so', 'lun', 'mar', 'mer', 'jeu', 'ven', 'sam', 'dim', 'mié', 'jue',
      'vie', 'sáb', 'dom', 'pe', 'ti', 'ke', 'to', 'la', 'su', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'вс',
      'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun',
    ].join('|') +
    ')(?=[\\s.,])',
  'iu',
);

/** "-----Original Message-----" and its translations, with or without the dashes. */
export const ORIGINAL_MESSAGE_SEPARATOR = new RegExp(
  '^[\\s>*_=-]*(?:' +
    [
      'original message', 'original e-?mail', 'original', 'reply message', 'ursprüngliche nachricht',
      'originalnachricht', 'ursprungliche nachricht', "message d['’]origine", 'message original', 'mensaje original',
      'messaggio originale', 'oorspronkelijk bericht', 'origineel bericht', 'ursprungligt meddelande',
      'originalmeddelande', 'opprinnelig melding', 'oprindelig meddelelse', 'oprindelig besked', 'original meddelelse',
      'alkuperäinen viesti', 'mensagem original', 'исходное сообщение', 'пересылаемое сообщение',
      'původní zpráva', 'pôvodná správa', 'oryginalna wiadomość', 'wiadomość oryginalna', 'eredeti üzenet',
      'orijinal mesaj', 'αρχικό μήνυμα', 'mesaj original', 'original-nachricht', '原始邮件', '原始郵件',
      'オリジナル メッセージ', '元のメッセージ', '원본 메시지',
    ].join('|') +
    ')[\\s*_=-]*$',
  'iu',
);
/** The original-message separators only count with dashes around them, except the long explicit forms. */
export const DASHED_LINE = /^[\s>]*[-_=*]{2,}/;

/** "---------- Forwarded message ----------", "Begin forwarded message:" and translations. */
export const FORWARD_MARKER = new RegExp(
  '^[\\s>*_=-]*(?:' +
    [
      'forwarded message', 'begin forwarded message', 'forwarded e-?mail', 'weitergeleitete nachricht',
      'anfang der weitergeleiteten nachricht', 'message transféré', 'début du message réexpédié',
      'début du message transféré', 'mensaje reenviado', 'messaggio inoltrato', 'inizio messaggio inoltrato',
      'doorgestuurd bericht', 'begin doorgestuurd bericht', 'vidarebefordrat meddelande', 'videresendt melding',
      'videresendt meddelelse', 'mensagem encaminhada', 'início da mensagem encaminhada', 'пересылаемое сообщение',
      'přeposlaná zpráva', 'przekazana wiadomość', 'välitetty viesti', '转发的邮件', '転送されたメッセージ',
    ].join('|') +
    ')\\s*[:：]?[\\s*_=-]*$',
  'iu',
);

/** Header names of the From field in the header block Outlook and webmails write above quoted mail. */
const FROM_FIELD_NAMES = [
  'from', 'von', 'de', 'da', 'fra', 'från', 'van', 'od', 'от', 'від', 'lähettäjä', 'feladó', 'kimden',
  'afzender', 'remetente', 'remitente', 'mittente', 'expéditeur', 'avsender', 'afsender', 'nadawca',
  'odesílatel', 'αποστολέας', 'frá', '发件人', '寄件者', '差出人', '보낸 사람', 'message du',
];
/** Header names of the other fields of such a block (Sent, Date, To, Cc, Subject, …). */
const OTHER_FIELD_NAMES = [
  'sent', 'date', 'to', 'cc', 'bcc', 'subject', 'reply-to', 'sent by', 'importance',
  'gesendet', 'datum', 'an', 'betreff', 'kopie', 'antwort an',
  'envoyé', 'envoyé le', 'date d\'envoi', 'à', 'a', 'objet', 'copie à', 'cci', 'répondre à',
  'enviado', 'enviado el', 'enviada', 'enviada em', 'enviado em', 'fecha', 'para', 'asunto', 'assunto', 'cco',
  'inviato', 'inviato il', 'data', 'oggetto', 'ccn',
  'sendt', 'til', 'emne', 'dato', 'kopi',
  'skickat', 'till', 'ämne', 'kopia',
  'verzonden', 'aan', 'onderwerp', 'verstuurd',
  'wysłane', 'wysłano', 'do', 'temat', 'dw',
  'отправлено', 'дата', 'кому', 'тема', 'копия', 'надіслано', 'тема',
  'lähetetty', 'päivämäärä', 'vastaanottaja', 'aihe', 'kopio',
  'elküldve', 'dátum', 'címzett', 'tárgy', 'másolat',
  'tarih', 'kime', 'konu', 'bilgi',
  'odesláno', 'komu', 'předmět', 'kopie',
  'ημερομηνία', 'προς', 'θέμα', 'sendt:',
  '发送时间', '日期', '收件人', '抄送', '主题', '寄件日期', '收件者', '主旨', '送信日時', '宛先', '件名', '日付',
  '보낸 날짜', '받는 사람', '제목',
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const fieldLine = (names: readonly string[]): RegExp =>
  new RegExp(`^[\\s>]*\\*?\\s*(?:${names.map(escapeRegExp).join('|')})\\s*\\*?\\s*[:：]`, 'iu');

/** A line starting with a From field name and a colon ("From:", "*De :*", "Von:"). */
export const FROM_FIELD_LINE = fieldLine(FROM_FIELD_NAMES);
/** A line starting with another header field name and a colon. */
export const OTHER_FIELD_LINE = fieldLine(OTHER_FIELD_NAMES);
/** Another header field later on the same line ("From: bob@example.com Date: Thu, 24 Mar 2016"). */
export const INLINE_OTHER_FIELD = new RegExp(
  `\\s\\*?(?:${OTHER_FIELD_NAMES.filter((name) => name.length > 2).map(escapeRegExp).join('|')})\\s*\\*?\\s*[:：]`,
  'iu',
);

/** Signatures that mobile and webmail clients append ("Sent from my iPhone", "Gesendet von Outlook für Android"). */
export const MOBILE_SIGNATURE = new RegExp(
  '^[\\s>]*(?:' +
    [
      'sent from my \\S', 'sent from \\S+(?: \\S+){0,4} mobile', 'sent from (?:mail|outlook|yahoo mail|aol|gmail|samsung|proton ?mail|my mobile|an? )',
      'sent via \\S', 'sent with \\S', 'sent using \\S', 'sent on (?:my )?\\S', 'get outlook for \\S',
      'envoyé (?:de|depuis) (?:mon|l\'|outlook|yahoo)', 'envoyé à partir de', 'télécharger outlook pour',
      'gesendet (?:von|mit|vom|über) (?:meinem|meiner|outlook|mail|yahoo|gmail|samsung|aol|\\S+ für)',
      'von meinem \\S+ gesendet', 'outlook für (?:ios|android) herunterladen',
      'enviado (?:desde|de|do) (?:mi|meu|o|outlook|yahoo|gmail|samsung|el)', 'obtener outlook para',
      'inviato da (?:iphone|ipad|il mio|outlook|yahoo|samsung|libero|gmail)', 'scarica outlook per',
      'verzonden (?:vanaf|met|van) (?:mijn|outlook|yahoo|samsung)', 'verstuurd vanaf (?:mijn|outlook)',
      'skickat från (?:min|outlook|yahoo|e-post)', 'sendt fra (?:min|outlook|yahoo|samsung)',
      'wysłane z (?:mojego|mojej|aplikacji|outlook|iphone|telefonu)', 'отправлено с (?:iphone|ipad|моего|мобильного|android)',
      'lähetetty (?:iphonesta|ipadista|android|outlook|puhelimesta)', 'elküldve az iphone',
      'iphone\'umdan gönderildi', 'odesláno z (?:iphone|mého)', 'enviado do meu', 'saatu iphonesta',
      '从我的iphone发送', '发自我的iphone', '発信元', 'iphoneから送信',
    ].join('|') +
    ')',
  'iu',
);

/** The sig-dash line of RFC 3676 §4.3 ("-- "); many clients lose the trailing space. */
export const SIGNATURE_DELIMITER = /^-- ?$/;

/** A one-line dash sign-off ("-Abhishek Kona", "- Bob"). */
export const DASH_SIGN_OFF = /^-\s?\p{Lu}[\p{L}.'’-]*(?: \p{L}[\p{L}.'’-]*){0,3}$/u;

/** Lines made of underscores or equals signs only, which open mailing-list footers and disclaimers. */
export const RULE_LINE = /^\s*(?:_{2,}|={4,})\s*$/;

/** Separator lines that may stand above a cut-off quote and would be left dangling. */
export const DANGLING_SEPARATOR = /^\s*[-_=*—–~]{2,}\s*$/;

/** An email address (the strongest sign that a line names a sender). */
export const EMAIL_ADDRESS = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/u;

/** A clock time (14:41, 17.50 with "klo", 3:46 PM) or a four-digit year: a date phrase. */
export const DATE_OR_TIME = /(?:\b\d{1,2}[:.]\d{2}\b|\b(?:19|20)\d{2}\b)/;
