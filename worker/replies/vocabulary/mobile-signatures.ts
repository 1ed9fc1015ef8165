// The default signatures mobile and webmail apps append ("Sent from my iPhone") per language, as templates.
import { entries, type VocabularyEntry } from './entries.ts';

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
