// The words of attribution lines ("On <date>, <name> wrote:") per language, each list with its source.
import { entries, type VocabularyEntry } from './entries.ts';

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
