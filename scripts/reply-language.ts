// Labels a reply case with the language of its quote header and text, for the per-language figures of eval:replies.
import type { MailBody } from '../worker/replies/strip.ts';

/** Scripts that name their language outright. */
const SCRIPTS: readonly [string, RegExp][] = [
  ['ja', /[\u3040-\u30ff]/u],
  ['ko', /[\uac00-\ud7af]/u],
  ['zh', /[\u4e00-\u9fff]/u],
  ['ru/uk', /[\u0400-\u04ff]/u],
  ['el', /[\u0370-\u03ff]/u],
  ['he', /[\u0590-\u05ff]/u],
  ['ar', /[\u0600-\u06ff]/u],
];

/**
 * Common words per Latin-script language (function words and the words of mail headers). This labels cases for
 * reporting only; extraction never reads it.
 */
const WORDS: Record<string, readonly string[]> = {
  en: ['the', 'and', 'you', 'wrote', 'from', 'sent', 'subject', 'thanks', 'this', 'is', 'on', 'to', 'reply', 'message'],
  de: [
    'und',
    'der',
    'die',
    'das',
    'nicht',
    'schrieb',
    'von',
    'gesendet',
    'betreff',
    'mit',
    'ich',
    'am',
    'um',
    'nachricht',
  ],
  fr: [
    'le',
    'les',
    'écrit',
    'objet',
    'envoyé',
    'merci',
    'bonjour',
    'est',
    'pour',
    'à',
    'sujet',
    'message',
    'vous',
    'je',
  ],
  es: ['el', 'los', 'que', 'escribió', 'para', 'asunto', 'enviado', 'gracias', 'por', 'mensaje', 'hola'],
  it: ['il', 'che', 'di', 'scritto', 'oggetto', 'inviato', 'grazie', 'da', 'ciao', 'per', 'messaggio', 'ha'],
  nl: ['het', 'een', 'van', 'schreef', 'onderwerp', 'verzonden', 'aan', 'op', 'bericht', 'geschreven', 'heeft'],
  pt: ['em', 'escreveu', 'assunto', 'enviado', 'obrigado', 'não', 'uma', 'às', 'mensagem', 'de'],
  sv: ['och', 'skrev', 'från', 'skickat', 'till', 'ämne', 'på', 'meddelande'],
  'da/no': ['og', 'skrev', 'fra', 'sendt', 'til', 'emne', 'kl', 'dato', 'besked', 'melding', 'oprindelig'],
  fi: ['ja', 'kirjoitti', 'klo', 'viesti', 'lähettäjä', 'lokakuuta'],
  pl: ['dniu', 'napisał', 'użytkownik', 'temat', 'się', 'wiadomość'],
  hu: ['írta', 'és', 'keltezéssel'],
};

/** Placeholder Latin (lorem ipsum) fills many cases around a localized header: its lines say nothing. */
const PLACEHOLDER_LATIN =
  /\b(?:lorem|ipsum|fusce|nulla|etiam|duis|vestibulum|pellentesque|maecenas|praesent|aenean|curabitur|proin|suspendisse|donec|integer|consectetur)\b/i;

/** The most likely language of a case: a script, else the language whose common words occur most (English on ties). */
export function guessLanguage(body: MailBody): string {
  const text = (body.text?.trim() ? body.text : (body.html ?? '').replace(/<[^>]*>/g, ' ')) ?? '';
  const lines = text.split('\n').filter((line) => !PLACEHOLDER_LATIN.test(line));
  const sample = lines.join('\n').slice(0, 20_000);
  for (const [language, script] of SCRIPTS) if (script.test(sample)) return language;
  const counts = new Map<string, number>();
  for (const token of sample.toLowerCase().match(/\p{L}+/gu) ?? []) {
    for (const [language, words] of Object.entries(WORDS)) {
      if (words.includes(token)) counts.set(language, (counts.get(language) ?? 0) + 1);
    }
  }
  const english = counts.get('en') ?? 0;
  let best = 'en';
  let bestCount = english;
  for (const [language, count] of counts) if (count > bestCount) [best, bestCount] = [language, count];
  return best;
}
