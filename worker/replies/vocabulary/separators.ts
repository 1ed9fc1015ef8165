// The lines that open quoted or forwarded mail ("-----Original Message-----", "Begin forwarded message:") per language.
import { entries, type VocabularyEntry } from './entries.ts';

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

/** Separators seen only in an evaluation suite ("--- Reply message ---"). */
export const LEARNED_SEPARATORS: readonly VocabularyEntry[] = [
  ...entries({ learnedFrom: 'mailgun/talon' }, 'en', ['reply message']),
];
