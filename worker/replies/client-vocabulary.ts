// The words mail clients write around quoted history, per language, each list with the source it was taken from.
import type { Provenance } from './provenance.ts';

export type VocabularyEntry = { text: string; lang: string; provenance: Provenance };

function entries(provenance: Provenance, lang: string, texts: readonly string[]): VocabularyEntry[] {
  return texts.map((text) => ({ text, lang, provenance }));
}

/**
 * Verbs that end an attribution ("On …, Bob wrote:"). Thunderbird's mailnews.reply_header_ondateauthorwrote /
 * authorwrotesingle per locale, Gmail's and Apple Mail's attributions, and Outlook mobile's.
 */
export const ATTRIBUTION_VERBS: readonly VocabularyEntry[] = [
  ...entries('thunderbird', 'en', ['wrote']),
  ...entries('gmail', 'en', ['writes']),
  ...entries('thunderbird', 'de', ['schrieb']),
  ...entries('appleMail', 'de', ['geschrieben']),
  ...entries('thunderbird', 'fr', ['a écrit', 'écrit']),
  ...entries('thunderbird', 'es', ['escribió']),
  ...entries('thunderbird', 'it', ['ha scritto', 'scritto', 'scrive']),
  ...entries('thunderbird', 'pt', ['escreveu']),
  ...entries('thunderbird', 'nl', ['schreef']),
  ...entries('appleMail', 'nl', ['het volgende geschreven', 'geschreven']),
  ...entries('thunderbird', 'sv', ['skrev']),
  ...entries('thunderbird', 'nn', ['skreiv']),
  ...entries('thunderbird', 'is', ['skrifaði', 'skrifar']),
  ...entries('thunderbird', 'fi', ['kirjoitti']),
  ...entries('thunderbird', 'pl', ['pisze', 'napisał', 'napisała', 'napisał(a)']),
  ...entries('thunderbird', 'cs', ['napsal', 'napsala', 'napsal(a)']),
  ...entries('thunderbird', 'sk', ['napísal', 'napísala', 'napísal(a)']),
  ...entries('thunderbird', 'hu', ['írta']),
  ...entries('thunderbird', 'ro', ['a scris']),
  ...entries('thunderbird', 'hr', ['napisao', 'napisala', 'je napisao', 'je napisao/la']),
  ...entries('thunderbird', 'sl', ['napisal', 'napisal(a)', 'je napisal(a)']),
  ...entries('thunderbird', 'sr', ['написао', 'је написао', 'napisao je']),
  ...entries('thunderbird', 'bg', ['написа']),
  ...entries('thunderbird', 'ru', ['пишет', 'написал', 'написала', 'написал(а)']),
  ...entries('thunderbird', 'uk', ['пише', 'написав', 'написала', 'написав(ла)']),
  ...entries('thunderbird', 'el', ['έγραψε']),
  ...entries('thunderbird', 'tr', ['yazdı']),
  ...entries('thunderbird', 'he', ['כתב', 'כתבה', 'כתב/ה']),
  ...entries('thunderbird', 'ar', ['كتب']),
  ...entries('thunderbird', 'fa', ['نوشت']),
  ...entries('thunderbird', 'et', ['kirjutas']),
  ...entries('thunderbird', 'lt', ['rašė']),
  ...entries('thunderbird', 'lv', ['rakstīja']),
  ...entries('thunderbird', 'ca', ['va escriure', 'ha escrit']),
  ...entries('thunderbird', 'gl', ['escribiu']),
  ...entries('thunderbird', 'eu', ['idatzi zuen']),
  ...entries('thunderbird', 'vi', ['đã viết', 'viết']),
  ...entries('thunderbird', 'id', ['menulis']),
  ...entries('thunderbird', 'th', ['เขียน']),
  // Checked against thunderbird/thunderbird-l10n, <locale>/mail/chrome/messenger/messengercompose/composeMsgs.properties:
  // sq "Më #2, #3, #1 shkroi:", cy "Ar #2 #3, ysgrifennodd #1:" and "Ysgrifennodd #1:", be "#1 напісаў #2 у #3:".
  ...entries('thunderbird', 'sq', ['shkroi']),
  ...entries('thunderbird', 'cy', ['ysgrifennodd']),
  ...entries('thunderbird', 'be', ['напісаў']),
];

/** The CJK attributions put the verb right before the colon with no space (Gmail, Apple Mail, Thunderbird). */
export const CJK_ATTRIBUTION_ENDINGS: readonly VocabularyEntry[] = [
  ...entries('thunderbird', 'zh', ['写道', '寫道']),
  ...entries('gmail', 'ja', ['のメッセージ', 'が書きました', 'さんは書きました', 'は書きました']),
  ...entries('gmail', 'ko', ['님이 작성', '작성', '쓴 글']),
];

/**
 * Words that open a dated attribution ("On", "Am", "Le", "El", "Op", "W dniu", "Dne", …) in Thunderbird's and
 * Gmail's localized forms, and the weekday abbreviations that open Gmail's date-first forms ("tir. 18. apr. 2017
 * kl. 13:09 skrev …", "ср, 30 апр. 2025 г. в 15:19, …").
 */
export const ATTRIBUTION_OPENERS: readonly VocabularyEntry[] = [
  ...entries('thunderbird', 'en', ['on']),
  ...entries('thunderbird', 'de', ['am']),
  ...entries('thunderbird', 'fr', ['le']),
  ...entries('thunderbird', 'es', ['el']),
  ...entries('thunderbird', 'it', ['il', 'in data']),
  ...entries('thunderbird', 'nl', ['op']),
  ...entries('thunderbird', 'pt', ['em', 'a', 'no dia']),
  ...entries('thunderbird', 'sv', ['den']),
  ...entries('appleMail', 'sv', ['på']),
  ...entries('thunderbird', 'pl', ['w dniu', 'dnia']),
  ...entries('thunderbird', 'cs', ['dne']),
  ...entries('thunderbird', 'sk', ['dňa']),
  ...entries('thunderbird', 'ru', ['в']),
  ...entries('thunderbird', 'uk', ['у']),
  ...entries('thunderbird', 'ro', ['la', 'în']),
  ...entries('thunderbird', 'hr', ['dana']),
  ...entries('thunderbird', 'is', ['þann']),
  ...entries('thunderbird', 'el', ['στις']),
  ...entries('thunderbird', 'vi', ['vào']),
  ...entries('thunderbird', 'id', ['pada']),
  ...entries('thunderbird', 'ca', ['el']),
  ...entries('thunderbird', 'sq', ['më']),
  ...entries('thunderbird', 'cy', ['ar']),
  ...entries('gmail', 'en', ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
  ...entries('gmail', 'de', ['mo', 'di', 'mi', 'do', 'fr', 'sa', 'so']),
  ...entries('gmail', 'fr', ['lun', 'mar', 'mer', 'jeu', 'ven', 'sam', 'dim']),
  ...entries('gmail', 'es', ['lun', 'mar', 'mié', 'jue', 'vie', 'sáb', 'dom']),
  ...entries('gmail', 'it', ['lun', 'mar', 'mer', 'gio', 'ven', 'sab', 'dom']),
  ...entries('gmail', 'nl', ['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo']),
  ...entries('gmail', 'pt', ['seg', 'ter', 'qua', 'qui', 'sex', 'sáb', 'dom']),
  ...entries('gmail', 'nb', ['man', 'tir', 'ons', 'tor', 'fre', 'lør', 'søn']),
  ...entries('gmail', 'sv', ['mån', 'tis', 'ons', 'tors', 'fre', 'lör', 'sön']),
  ...entries('gmail', 'fi', ['ma', 'ti', 'ke', 'to', 'pe', 'la', 'su']),
  ...entries('gmail', 'pl', ['pon', 'wt', 'śr', 'czw', 'pt', 'sob', 'niedz']),
  ...entries('gmail', 'cs', ['po', 'út', 'st', 'čt', 'pá', 'so', 'ne']),
  ...entries('gmail', 'ru', ['пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'вс']),
  ...entries('gmail', 'uk', ['пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'нд']),
  ...entries('gmail', 'tr', ['pzt', 'sal', 'çar', 'per', 'cum', 'cmt', 'paz']),
  ...entries('gmail', 'hu', ['h', 'k', 'sze', 'cs', 'p', 'szo', 'v']),
];

/**
 * The line that opens a quoted reply in Outlook ("-----Original Message-----") and Thunderbird
 * (mailnews.reply_header_originalmessage "-------- Original Message --------"), per display language.
 */
export const ORIGINAL_MESSAGE_SEPARATORS: readonly VocabularyEntry[] = [
  ...entries('outlook', 'en', ['original message']),
  ...entries('thunderbird', 'en', ['original message']),
  ...entries('outlook', 'de', ['ursprüngliche nachricht']),
  ...entries('thunderbird', 'de', ['original-nachricht', 'originalnachricht']),
  ...entries('outlook', 'fr', ["message d'origine", 'message d’origine']),
  ...entries('thunderbird', 'fr', ['message original']),
  ...entries('outlook', 'es', ['mensaje original']),
  ...entries('outlook', 'it', ['messaggio originale']),
  ...entries('outlook', 'pt', ['mensagem original']),
  ...entries('outlook', 'nl', ['oorspronkelijk bericht']),
  ...entries('thunderbird', 'nl', ['origineel bericht']),
  ...entries('replyWithHeader', 'nl', ['originele bericht']),
  ...entries('outlook', 'sv', ['ursprungligt meddelande']),
  ...entries('thunderbird', 'sv', ['originalmeddelande']),
  ...entries('outlook', 'da', ['oprindelig meddelelse']),
  ...entries('thunderbird', 'da', ['original meddelelse', 'oprindelig besked']),
  ...entries('outlook', 'nb', ['opprinnelig melding']),
  ...entries('thunderbird', 'nb', ['originalmelding']),
  ...entries('outlook', 'fi', ['alkuperäinen viesti']),
  ...entries('outlook', 'pl', ['wiadomość oryginalna']),
  ...entries('thunderbird', 'pl', ['oryginalna wiadomość']),
  ...entries('outlook', 'cs', ['původní zpráva']),
  ...entries('outlook', 'sk', ['pôvodná správa']),
  ...entries('outlook', 'hu', ['eredeti üzenet']),
  ...entries('outlook', 'ro', ['mesaj original', 'mesajul original']),
  ...entries('outlook', 'hr', ['izvorna poruka']),
  ...entries('thunderbird', 'hr', ['originalna poruka']),
  ...entries('outlook', 'sl', ['izvirno sporočilo']),
  ...entries('outlook', 'bg', ['оригинално съобщение']),
  ...entries('outlook', 'ru', ['исходное сообщение']),
  ...entries('replyWithHeader', 'ru', ['оригинал сообщения']),
  ...entries('outlook', 'uk', ['вихідне повідомлення', 'оригінальне повідомлення']),
  ...entries('outlook', 'el', ['αρχικό μήνυμα']),
  ...entries('outlook', 'tr', ['özgün ileti', 'orijinal ileti']),
  ...entries('thunderbird', 'tr', ['orijinal mesaj']),
  ...entries('outlook', 'he', ['הודעה מקורית']),
  ...entries('outlook', 'ar', ['الرسالة الأصلية']),
  ...entries('outlook', 'ja', ['元のメッセージ']),
  ...entries('thunderbird', 'ja', ['オリジナル メッセージ', 'オリジナルメッセージ']),
  ...entries('outlook', 'zh', ['原始邮件', '原始郵件']),
  ...entries('outlook', 'ko', ['원본 메시지', '원래 메시지']),
  ...entries('outlook', 'vi', ['thư gốc']),
  ...entries('outlook', 'id', ['pesan asli']),
  ...entries('outlook', 'ca', ['missatge original']),
  ...entries('outlook', 'et', ['algne kiri']),
  ...entries('outlook', 'lt', ['originalus laiškas']),
  ...entries('outlook', 'lv', ['oriģinālā ziņa']),
  // Thunderbird's mailnews.reply_header_originalmessage in sq, cy and be (thunderbird-l10n composeMsgs.properties).
  ...entries('thunderbird', 'sq', ['mesazhi origjinal']),
  ...entries('thunderbird', 'cy', ['neges wreiddiol']),
  ...entries('thunderbird', 'be', ['зыходнае паведамленне']),
];

/**
 * Lines that open a forwarded message: Gmail's "---------- Forwarded message ---------", Thunderbird's
 * mailnews.forward_header_originalmessage, Apple Mail's "Begin forwarded message:", per language.
 */
export const FORWARD_MARKERS: readonly VocabularyEntry[] = [
  ...entries('gmail', 'en', ['forwarded message']),
  ...entries('appleMail', 'en', ['begin forwarded message']),
  ...entries('gmail', 'de', ['weitergeleitete nachricht']),
  ...entries('appleMail', 'de', ['anfang der weitergeleiteten nachricht', 'anfang der weitergeleiteten e-mail']),
  ...entries('gmail', 'fr', ['message transféré']),
  ...entries('appleMail', 'fr', ['début du message réexpédié', 'début du message transféré']),
  ...entries('gmail', 'es', ['mensaje reenviado']),
  ...entries('appleMail', 'es', ['inicio del mensaje reenviado']),
  ...entries('gmail', 'it', ['messaggio inoltrato']),
  ...entries('appleMail', 'it', ['inizio messaggio inoltrato']),
  ...entries('gmail', 'pt', ['mensagem encaminhada', 'mensagem reencaminhada']),
  ...entries('appleMail', 'pt', ['início da mensagem encaminhada', 'início da mensagem reencaminhada']),
  ...entries('gmail', 'nl', ['doorgestuurd bericht']),
  ...entries('appleMail', 'nl', ['begin doorgestuurd bericht']),
  ...entries('gmail', 'sv', ['vidarebefordrat meddelande', 'vidarebefordrat mejl']),
  ...entries('gmail', 'da', ['videresendt meddelelse', 'videresendt besked']),
  ...entries('gmail', 'nb', ['videresendt melding']),
  ...entries('gmail', 'fi', ['välitetty viesti', 'edelleenlähetetty viesti']),
  ...entries('gmail', 'pl', ['przekazana wiadomość', 'wiadomość przekazana dalej']),
  ...entries('gmail', 'cs', ['přeposlaná zpráva']),
  ...entries('gmail', 'sk', ['preposlaná správa']),
  ...entries('gmail', 'hu', ['továbbított üzenet']),
  ...entries('gmail', 'ro', ['mesaj redirecționat', 'mesaj redirecţionat']),
  ...entries('gmail', 'ru', ['пересылаемое сообщение', 'пересланное сообщение']),
  ...entries('replyWithHeader', 'ru', ['перенаправленное сообщение']),
  ...entries('gmail', 'uk', ['переслане повідомлення']),
  ...entries('gmail', 'tr', ['iletilen ileti', 'iletilmiş mesaj']),
  ...entries('gmail', 'el', ['προωθημένο μήνυμα']),
  ...entries('gmail', 'he', ['הודעה שהועברה']),
  ...entries('gmail', 'ja', ['転送されたメッセージ', '転送メッセージ']),
  ...entries('gmail', 'zh', ['转发的邮件', '轉寄的郵件', '转发的消息']),
  ...entries('gmail', 'ko', ['전달된 메시지']),
  ...entries('gmail', 'vi', ['thư được chuyển tiếp']),
  ...entries('gmail', 'id', ['pesan terusan']),
  // Thunderbird's mailnews.forward_header_originalmessage in sq and be (thunderbird-l10n composeMsgs.properties).
  ...entries('thunderbird', 'sq', ['mesazhi i përcjellë']),
  ...entries('thunderbird', 'be', ['перанакіраванае паведамленне']),
];

export type HeaderFieldKind = 'from' | 'sent' | 'to' | 'cc' | 'subject' | 'replyTo';

export type HeaderFieldEntry = VocabularyEntry & { field: HeaderFieldKind };

function fields(
  provenance: Provenance,
  lang: string,
  byField: Partial<Record<HeaderFieldKind, readonly string[]>>,
): HeaderFieldEntry[] {
  return Object.entries(byField).flatMap(([field, texts]) =>
    (texts ?? []).map((text) => ({ text, lang, provenance, field: field as HeaderFieldKind })),
  );
}

/**
 * Field names of the header block Outlook (desktop, web, mobile), Thunderbird (mime.properties), Apple Mail's
 * forward style and webmails write above quoted mail. "sent" covers Sent and Date.
 */
export const HEADER_FIELDS: readonly HeaderFieldEntry[] = [
  ...fields('outlook', 'en', {
    from: ['from'],
    sent: ['sent', 'date', 'sent by'],
    to: ['to'],
    cc: ['cc', 'bcc'],
    subject: ['subject'],
    replyTo: ['reply-to', 'reply to'],
  }),
  ...fields('outlook', 'de', {
    from: ['von'],
    sent: ['gesendet', 'datum'],
    to: ['an'],
    cc: ['cc', 'kopie'],
    subject: ['betreff'],
    replyTo: ['antwort an'],
  }),
  ...fields('outlook', 'fr', {
    from: ['de'],
    sent: ['envoyé', 'envoyé le', 'date'],
    to: ['à', 'a'],
    cc: ['cc', 'cci'],
    subject: ['objet'],
    replyTo: ['répondre à'],
  }),
  ...fields('thunderbird', 'fr', { to: ['pour'], cc: ['copie à'], subject: ['sujet'] }),
  ...fields('outlook', 'es', {
    from: ['de'],
    sent: ['enviado', 'enviado el', 'fecha'],
    to: ['para'],
    cc: ['cc', 'cco'],
    subject: ['asunto'],
    replyTo: ['responder a'],
  }),
  ...fields('outlook', 'it', {
    from: ['da'],
    sent: ['inviato', 'inviato il', 'inviata', 'data'],
    to: ['a'],
    cc: ['cc', 'ccn'],
    subject: ['oggetto'],
  }),
  ...fields('outlook', 'pt', {
    from: ['de'],
    sent: ['enviado', 'enviada', 'enviado em', 'enviada em', 'data'],
    to: ['para'],
    cc: ['cc', 'cco'],
    subject: ['assunto'],
  }),
  ...fields('outlook', 'nl', {
    from: ['van'],
    sent: ['verzonden', 'datum'],
    to: ['aan'],
    cc: ['cc'],
    subject: ['onderwerp'],
  }),
  ...fields('outlook', 'sv', {
    from: ['från'],
    sent: ['skickat', 'datum'],
    to: ['till'],
    cc: ['kopia'],
    subject: ['ämne'],
  }),
  ...fields('outlook', 'da', { from: ['fra'], sent: ['sendt', 'dato'], to: ['til'], cc: ['cc'], subject: ['emne'] }),
  ...fields('outlook', 'nb', { from: ['fra'], sent: ['sendt', 'dato'], to: ['til'], cc: ['kopi'], subject: ['emne'] }),
  ...fields('outlook', 'is', { from: ['frá'], sent: ['sent', 'dagsetning'], to: ['til'], subject: ['efni'] }),
  ...fields('outlook', 'fi', {
    from: ['lähettäjä'],
    sent: ['lähetetty', 'päivämäärä'],
    to: ['vastaanottaja'],
    cc: ['kopio'],
    subject: ['aihe'],
  }),
  ...fields('replyWithHeader', 'fi', { sent: ['päiväys'] }),
  ...fields('outlook', 'pl', {
    from: ['od'],
    sent: ['wysłano', 'wysłane', 'data'],
    to: ['do'],
    cc: ['dw', 'kopia'],
    subject: ['temat'],
  }),
  ...fields('outlook', 'cs', {
    from: ['od'],
    sent: ['odesláno', 'datum'],
    to: ['komu'],
    cc: ['kopie'],
    subject: ['předmět'],
  }),
  ...fields('outlook', 'sk', {
    from: ['od'],
    sent: ['odoslané', 'dátum'],
    to: ['komu'],
    cc: ['kópia'],
    subject: ['predmet'],
  }),
  ...fields('outlook', 'hu', {
    from: ['feladó'],
    sent: ['elküldve', 'dátum'],
    to: ['címzett'],
    cc: ['másolat', 'másolatot kap'],
    subject: ['tárgy'],
  }),
  ...fields('outlook', 'ro', {
    from: ['de la'],
    sent: ['trimis', 'dată'],
    to: ['către'],
    cc: ['cc'],
    subject: ['subiect'],
  }),
  ...fields('outlook', 'hr', {
    from: ['šalje', 'od'],
    sent: ['poslano', 'datum'],
    to: ['prima', 'za'],
    cc: ['kopija'],
    subject: ['predmet'],
  }),
  ...fields('outlook', 'sl', { from: ['od'], sent: ['poslano', 'datum'], to: ['za'], cc: ['kp'], subject: ['zadeva'] }),
  ...fields('outlook', 'sr', {
    from: ['од', 'od'],
    sent: ['послато', 'poslato'],
    to: ['за', 'za'],
    subject: ['тема', 'tema'],
  }),
  ...fields('outlook', 'bg', {
    from: ['от'],
    sent: ['изпратено', 'дата'],
    to: ['до'],
    cc: ['копие'],
    subject: ['относно'],
  }),
  ...fields('outlook', 'ru', {
    from: ['от'],
    sent: ['отправлено', 'дата'],
    to: ['кому'],
    cc: ['копия'],
    subject: ['тема'],
  }),
  ...fields('outlook', 'uk', {
    from: ['від'],
    sent: ['надіслано', 'дата'],
    to: ['кому'],
    cc: ['копія'],
    subject: ['тема'],
  }),
  ...fields('outlook', 'el', {
    from: ['από', 'αποστολέας'],
    sent: ['στάλθηκε', 'ημερομηνία'],
    to: ['προς'],
    cc: ['κοιν.'],
    subject: ['θέμα'],
  }),
  ...fields('outlook', 'tr', {
    from: ['kimden'],
    sent: ['gönderildi', 'gönderilme', 'tarih'],
    to: ['kime'],
    cc: ['bilgi'],
    subject: ['konu'],
  }),
  ...fields('outlook', 'he', { from: ['מאת'], sent: ['נשלח', 'תאריך'], to: ['אל'], cc: ['עותק'], subject: ['נושא'] }),
  ...fields('outlook', 'ar', {
    from: ['من', 'مِن'],
    sent: ['تاريخ الإرسال', 'التاريخ', 'المرسلة'],
    to: ['إلى'],
    cc: ['نسخة'],
    subject: ['الموضوع'],
  }),
  ...fields('outlook', 'fa', { from: ['از'], sent: ['ارسال شد', 'تاریخ'], to: ['به'], subject: ['موضوع'] }),
  ...fields('outlook', 'ja', {
    from: ['差出人', '送信者'],
    sent: ['送信日時', '日付', '日時'],
    to: ['宛先'],
    cc: ['cc'],
    subject: ['件名'],
  }),
  ...fields('outlook', 'zh', {
    from: ['发件人', '寄件者', '来自'],
    sent: ['发送时间', '寄件日期', '日期'],
    to: ['收件人', '收件者'],
    cc: ['抄送', '副本'],
    subject: ['主题', '主旨'],
  }),
  ...fields('outlook', 'ko', {
    from: ['보낸 사람'],
    sent: ['보낸 날짜', '날짜'],
    to: ['받는 사람'],
    cc: ['참조'],
    subject: ['제목'],
  }),
  ...fields('outlook', 'vi', { from: ['từ'], sent: ['đã gửi', 'ngày'], to: ['đến'], subject: ['chủ đề'] }),
  ...fields('outlook', 'id', {
    from: ['dari'],
    sent: ['dikirim', 'tanggal'],
    to: ['kepada'],
    subject: ['subjek', 'perihal'],
  }),
  ...fields('outlook', 'ms', { from: ['daripada'], sent: ['dihantar'], to: ['kepada'], subject: ['subjek'] }),
  ...fields('outlook', 'ca', {
    from: ['de'],
    sent: ['enviat el', 'enviat', 'data'],
    to: ['per a'],
    subject: ['assumpte'],
  }),
  ...fields('outlook', 'et', {
    from: ['saatja'],
    sent: ['saadetud', 'kuupäev'],
    to: ['adressaat'],
    cc: ['koopia'],
    subject: ['teema'],
  }),
  ...fields('outlook', 'lt', {
    from: ['nuo'],
    sent: ['išsiųsta', 'data'],
    to: ['kam'],
    cc: ['kopija'],
    subject: ['tema'],
  }),
  ...fields('outlook', 'lv', {
    from: ['no'],
    sent: ['nosūtīts', 'datums'],
    to: ['kam'],
    cc: ['kopija'],
    subject: ['tēma'],
  }),
  ...fields('outlook', 'th', { from: ['จาก'], sent: ['ส่ง', 'วันที่'], to: ['ถึง'], subject: ['เรื่อง'] }),
];

/**
 * Default signatures that mobile and webmail apps append, as templates: {device} and {app} stand for a short
 * name ("iPhone", "Outlook for Android"). Apple's "Sent from my iPhone" per iOS language, Outlook mobile's
 * "Get Outlook for iOS", and the vendors' own lines.
 */
export const MOBILE_SIGNATURES: readonly VocabularyEntry[] = [
  ...entries('appleMail', 'en', ['sent from my {device}']),
  ...entries('mobileDefaults', 'en', [
    'sent from {app} mobile',
    'sent from samsung mobile',
    'sent from mail for windows{app}',
    'sent from outlook{app}',
    'sent from yahoo mail{app}',
    'sent from aol mobile mail',
    'sent from gmail mobile',
    'sent from proton mail{app}',
    'sent from protonmail{app}',
    'sent with proton mail secure email',
    'sent with protonmail secure email',
    'sent via superhuman{app}',
    'sent with spark',
    'sent from my mobile device',
    'sent from a mobile device',
    'sent from mobile',
    'sent from blackberry{app}',
  ]),
  ...entries('outlook', 'en', ['get outlook for {device}']),
  ...entries('appleMail', 'de', [
    'von meinem {device} gesendet',
    'gesendet von meinem {device}',
    'gesendet vom {device}',
  ]),
  ...entries('outlook', 'de', [
    'gesendet von outlook für {device}',
    'von outlook für {device} gesendet',
    'outlook für {device} herunterladen',
    'outlook für {device} beziehen',
  ]),
  ...entries('mobileDefaults', 'de', [
    'gesendet von yahoo mail{app}',
    'gesendet mit der web.de mail app',
    'gesendet mit der gmx mail app',
    'gesendet von mail für windows{app}',
  ]),
  ...entries('appleMail', 'fr', ['envoyé de mon {device}', 'envoyé depuis mon {device}']),
  ...entries('outlook', 'fr', [
    'envoyé à partir de outlook{app}',
    "envoyé à partir d'outlook{app}",
    'télécharger outlook pour {device}',
    'obtenir outlook pour {device}',
  ]),
  ...entries('mobileDefaults', 'fr', [
    'envoyé de yahoo mail{app}',
    'envoyé depuis yahoo mail{app}',
    'envoyé de mon appareil {device}',
  ]),
  ...entries('appleMail', 'es', ['enviado desde mi {device}']),
  ...entries('outlook', 'es', ['enviado desde outlook{app}', 'obtener outlook para {device}']),
  ...entries('mobileDefaults', 'es', ['enviado desde yahoo mail{app}', 'enviado desde mi dispositivo {device}']),
  ...entries('appleMail', 'it', ['inviato da {device}', 'inviato dal mio {device}']),
  ...entries('outlook', 'it', ['scarica outlook per {device}', 'inviato da outlook{app}']),
  ...entries('appleMail', 'pt', ['enviado do meu {device}', 'enviado de meu {device}']),
  ...entries('outlook', 'pt', ['obter o outlook para {device}', 'enviado do outlook{app}']),
  ...entries('appleMail', 'nl', [
    'verzonden vanaf mijn {device}',
    'verstuurd vanaf mijn {device}',
    'verzonden met mijn {device}',
  ]),
  ...entries('outlook', 'nl', ['outlook voor {device} downloaden', 'verzonden vanuit outlook{app}']),
  ...entries('appleMail', 'sv', ['skickat från min {device}']),
  ...entries('outlook', 'sv', ['hämta outlook för {device}', 'skickat från outlook{app}']),
  ...entries('appleMail', 'da', ['sendt fra min {device}']),
  ...entries('appleMail', 'nb', ['sendt fra min {device}']),
  ...entries('outlook', 'nb', ['få outlook for {device}']),
  ...entries('appleMail', 'fi', [
    'lähetetty {device}sta',
    'lähetetty {device}-laitteesta',
    'lähetetty laitteesta {device}',
  ]),
  ...entries('appleMail', 'pl', ['wysłane z {device}', 'wysłane z mojego {device}']),
  ...entries('appleMail', 'cs', ['odesláno z {device}', 'odesláno z mého {device}']),
  ...entries('appleMail', 'sk', ['odoslané z {device}', 'odoslané z môjho {device}']),
  ...entries('appleMail', 'hu', [
    'az {device} készülékemről küldve',
    'küldve az {device} készülékemről',
    'elküldve az {device}',
  ]),
  ...entries('appleMail', 'ro', ['trimis de pe {device}', 'trimis de pe {device}-ul meu']),
  ...entries('appleMail', 'hr', ['poslano s mog {device}', 'poslano s {device}']),
  ...entries('appleMail', 'ru', ['отправлено с {device}', 'отправлено с моего {device}']),
  ...entries('appleMail', 'uk', ['надіслано з {device}', 'надіслано з мого {device}']),
  ...entries('appleMail', 'el', ['στάλθηκε από το {device} μου', 'στάλθηκε από {device}']),
  ...entries('appleMail', 'tr', ["{device}'umdan gönderildi", '{device} cihazımdan gönderildi']),
  ...entries('appleMail', 'he', ['נשלח מה-{device} שלי', 'נשלח מ-{device}']),
  ...entries('appleMail', 'ar', ['أرسلت من الـ {device}', 'أُرسلت من {device}']),
  ...entries('appleMail', 'ja', ['{device}から送信']),
  ...entries('appleMail', 'zh', ['发自我的{device}', '從我的{device}傳送', '从我的{device}发送']),
  ...entries('appleMail', 'ko', ['나의 {device}에서 보냄']),
  ...entries('appleMail', 'vi', ['được gửi từ {device} của tôi']),
  ...entries('appleMail', 'id', ['dikirim dari {device} saya']),
  ...entries('appleMail', 'ca', ['enviat des del meu {device}']),
];

/** Mobile-signature shapes seen only in an evaluation suite ("Sent from a <device>"). */
export const LEARNED_MOBILE_SIGNATURES: readonly VocabularyEntry[] = [
  ...entries({ learnedFrom: 'crisp-oss/email-reply-parser' }, 'en', ['sent from a {device}']),
];

/** Header labels of webmail forms seen only in an evaluation suite ("Message du : <date>"). */
export const LEARNED_HEADER_FIELDS: readonly HeaderFieldEntry[] = [
  ...fields({ learnedFrom: 'crisp-oss/email-reply-parser' }, 'fr', { sent: ['message du'] }),
];

/** Separators seen only in an evaluation suite ("--- Reply message ---"). */
export const LEARNED_SEPARATORS: readonly VocabularyEntry[] = [
  ...entries({ learnedFrom: 'mailgun/talon' }, 'en', ['reply message']),
];
