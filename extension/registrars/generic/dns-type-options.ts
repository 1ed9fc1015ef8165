// Recognises the options of a record-type chooser: `TXT`, `TXT Record`, `TXT - Text record`, `MX – Specifies mail
// servers`, `TXT (SPF, DKIM…)`. The list is every resource record type a panel offers, so that a chooser is known by
// what it contains whatever it is called.

const RECORD_TYPE_TOKENS = new Set([
  'A',
  'AAAA',
  'AFSDB',
  'ALIAS',
  'ANAME',
  'APL',
  'CAA',
  'CDNSKEY',
  'CDS',
  'CERT',
  'CNAME',
  'CSYNC',
  'DHCID',
  'DKIM',
  'DLV',
  'DMARC',
  'DNAME',
  'DNSKEY',
  'DS',
  'EUI48',
  'EUI64',
  'FWD',
  'HINFO',
  'HIP',
  'HTTPS',
  'IPSECKEY',
  'KEY',
  'KX',
  'LOC',
  'MX',
  'NAPTR',
  'NS',
  'NSEC',
  'NSEC3',
  'OPENPGPKEY',
  'PTR',
  'RP',
  'SMIMEA',
  'SOA',
  'SPF',
  'SRV',
  'SSHFP',
  'SVCB',
  'TLSA',
  'TXT',
  'URI',
  'URL',
  'ZONEMD',
]);

/** The record type an option or tile names (its first word, in capitals as every panel writes it), or null. */
export function readRecordTypeOption(text: string): string | null {
  const match = /^\s*([A-Za-z][A-Za-z0-9]*)(?=$|[\s\-–—:(/.,])/.exec(text);
  const token = match?.[1];
  if (!token || token !== token.toUpperCase()) return null;
  return RECORD_TYPE_TOKENS.has(token) ? token : null;
}

/** True when the options are record types: two or more, and most of the list (a placeholder may come first). */
export function isRecordTypeList(texts: readonly string[]): boolean {
  const meaningful = texts.filter((text) => text.trim() !== '');
  const types = new Set(meaningful.map(readRecordTypeOption).filter((type): type is string => type !== null));
  return types.size >= 2 && types.size >= meaningful.length * 0.6;
}

/** The record types named as whole words in a heading or title (`Aggiungi Record TXT`, `TXT- und CNAME-Records`). */
export function findRecordTypeWords(text: string): string[] {
  const words = text.match(/\b[A-Z][A-Z0-9]{0,9}\b/g) ?? [];
  return [...new Set(words.filter((word) => RECORD_TYPE_TOKENS.has(word) && word !== 'A'))];
}

/**
 * What panels that list record types in words call them (icons captioned "Mail Server", menus reading "Text"), in
 * the supported languages. Only read on a group of items that together name several types, never on a lone word.
 */
const TYPE_NAMES: ReadonlyArray<readonly [string, readonly string[]]> = [
  [
    'A',
    [
      'address',
      'adresse',
      'adres',
      'indirizzo',
      'dirección',
      'endereço',
      'ipv4 address',
      'host address',
      'adresse ipv4',
      'ipv4-adresse',
      'dirección ipv4',
      'endereço ipv4',
      'indirizzo ipv4',
      'ipv4-adres',
      'adres ipv4',
      'адрес',
      'адрес ipv4',
      'ipv4-адрес',
      'ipv4アドレス',
    ],
  ],
  [
    'AAAA',
    [
      'ipv6 address',
      'ipv6 adresse',
      'adresse ipv6',
      'ipv6-adresse',
      'dirección ipv6',
      'endereço ipv6',
      'indirizzo ipv6',
      'ipv6-adres',
      'adres ipv6',
      'адрес ipv6',
      'ipv6-адрес',
      'ipv6アドレス',
    ],
  ],
  [
    'CNAME',
    [
      'alias',
      'name alias',
      'namens alias',
      'namensalias',
      'alias name',
      'aliasname',
      'canonical name',
      "nom d'alias",
      'nom canonique',
      'alias de nombre',
      'nome canonico',
      'nome canônico',
      'псевдоним',
      'каноническое имя',
      '別名',
    ],
  ],
  [
    'MX',
    [
      'mail server',
      'e mail server',
      'mail exchanger',
      'mail exchange',
      'mailserver',
      'serveur de courrier',
      'serveur de messagerie',
      'serveur mail',
      'servidor de correo',
      'servidor de e-mail',
      'servidor de correio',
      'server di posta',
      'serwer poczty',
      'почтовый сервер',
      'почтовый обменник',
      'メールサーバー',
      'メールサーバ',
    ],
  ],
  ['TXT', ['text', 'texte', 'texto', 'testo', 'tekst', 'текст', 'текстовая запись', 'テキスト']],
  [
    'NS',
    [
      'name server',
      'nameserver',
      'namensserver',
      'naamserver',
      'serwer nazw',
      'serveur de noms',
      'servidor de nombres',
      'servidor de nomes',
      'server dei nomi',
      'сервер имён',
      'сервер имен',
      'ネームサーバー',
    ],
  ],
  [
    'SRV',
    [
      'service',
      'service address',
      'dienstadresse',
      'adresse de service',
      'dirección de servicio',
      'endereço de serviço',
      'indirizzo del servizio',
      'adres usługi',
      'servicio',
      'serviço',
      'servizio',
      'dienst',
      'usługa',
      'сервис',
      'служба',
      'サービス',
    ],
  ],
  [
    'PTR',
    [
      'pointer',
      'reverse address',
      'reverse adresse',
      'reverse',
      'adresse inverse',
      'dirección inversa',
      'pointeur',
      'puntero',
      'ponteiro',
      'puntatore',
      'указатель',
      'обратная запись',
    ],
  ],
];

const RECORD_WORDS =
  /(?<![\p{L}\p{N}])(records?|entry|eintrag|enregistrement|registro|rekord|запись|записи)(?![\p{L}\p{N}])|レコード/giu;

/**
 * The record type an item of a type chooser names: a type token first (`TXT`, `TXT record`), a token in parentheses
 * (`Text (TXT)`), or the type's name in words (`Mail Server`, `Texte`), a count after it tolerated (`Text (2)`).
 */
export function readRecordTypeName(text: string): string | null {
  const token = readRecordTypeOption(text);
  if (token) return token;
  const inParentheses = /\(([A-Z][A-Z0-9]{0,9})\)/.exec(text)?.[1];
  if (inParentheses && RECORD_TYPE_TOKENS.has(inParentheses)) return inParentheses;
  const words = text
    .toLowerCase()
    .replace(/\(\s*\d+\s*\)|\d+$/g, ' ')
    .replace(RECORD_WORDS, ' ')
    .replace(/[\s:·•–-]+/g, ' ')
    .trim();
  if (words === '') return null;
  return TYPE_NAMES.find(([, names]) => names.includes(words))?.[0] ?? null;
}
