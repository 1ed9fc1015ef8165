// The words DNS forms use for their fields and buttons, in English, German, French, Spanish, Portuguese, Italian,
// Dutch, Polish, Russian, Ukrainian, Japanese, Chinese (simplified and traditional) and Korean. Only used to tell fields
// apart once the form is found by what its controls contain.
// Sources of the translations beyond the words panels print in English: the Microsoft Terminology Collection (the public
// glossary behind Windows' localized DNS Manager: "canonical name" → de "kanonischer Name", zh-CN "规范名称"; "host" →
// zh-CN "主机", zh-TW "主機"; "priority" → zh-CN "优先级", zh-TW "優先順序"; "add" → zh-CN "添加", zh-TW "新增", ko
// "추가"; "record" → zh-CN "记录", zh-TW "記錄", ko "레코드"), and BIND's own zone-file vocabulary as German front-ends
// translate it ("real name" of an alias → "wirklicher Name", "domain name" → "Domainname"/"Domänenname").

/** What a field of an add-record form is for. */
export type FieldRole = 'type' | 'name' | 'value' | 'ttl' | 'priority';

const PHRASES: Record<FieldRole, readonly string[]> = {
  type: [
    'type',
    'record type',
    'type of record',
    'rr type',
    'dns type',
    'resource record type',
    'record set type',
    'recordset type',
    'kind',
    'record kind',
    'typ',
    'eintragstyp',
    'record-typ',
    "type d'enregistrement",
    'tipo',
    'tipo de registro',
    'tipo di record',
    'soort',
    'recordtype',
    'rodzaj',
    'typ rekordu',
    'тип',
    'тип записи',
    '種類',
    '種別',
    'タイプ',
    '记录类型',
    '記錄類型',
    '레코드 유형',
    'レコードタイプ',
  ],
  name: [
    'name',
    'host',
    'hostname',
    'host name',
    'host record',
    'record name',
    'dns name',
    'subdomain',
    'sub-domain',
    'subname',
    'domain',
    'domain name',
    'prefix',
    'label',
    'owner',
    'entry',
    'präfix',
    'praefix',
    'subdomäne',
    'nom',
    'hôte',
    'sous-domaine',
    'source',
    "nom d'hôte",
    'nombre',
    'subdominio',
    'dominio',
    'nombre de host',
    'nome',
    'entrada',
    'entrada dns',
    'subdomínio',
    'domínio',
    'nome host',
    "nome dell'host",
    'sottodominio',
    'naam',
    'hostnaam',
    'subdomein',
    'domein',
    'nazwa',
    'subdomena',
    'domena',
    'nazwa hosta',
    'имя',
    'имя хоста',
    'имя записи',
    'хост',
    'поддомен',
    'субдомен',
    'домен',
    "ім'я",
    'піддомен',
    'ホスト名',
    'ホスト',
    '名前',
    'サブドメイン',
    'レコード名',
    'domainname',
    'domänenname',
    '主机记录',
    '主机名',
    '主机',
    '主機記錄',
    '主機名稱',
    '主機',
    '호스트',
    '호스트 이름',
  ],
  value: [
    'value',
    'content',
    'data',
    'answer',
    'target',
    'target host',
    'target hostname',
    'points to',
    'destination',
    'address',
    'ip address',
    'ipv4 address',
    'ipv6 address',
    'mail server',
    'mail exchanger',
    'exchange',
    'text',
    'txt value',
    'txt data',
    'text value',
    'record',
    'record value',
    'record data',
    'rdata',
    'routing data',
    'canonical name',
    'real name',
    'nombre real',
    'nom réel',
    'echter name',
    'nome reale',
    'nome real',
    'will direct to',
    'is an alias of',
    'alias of',
    'wert',
    'inhalt',
    'ziel',
    'daten',
    'adresse',
    'zeigt auf',
    'mailserver',
    'valeur',
    'cible',
    'contenu',
    'données',
    'pointe vers',
    'serveur de messagerie',
    'texte',
    'valor',
    'contenido',
    'destino',
    'datos',
    'apunta a',
    'dirección',
    'dirección ipv4',
    'servidor de correo',
    'texto',
    'dados',
    'conteúdo',
    'aponta para',
    'endereço',
    'servidor de e-mail',
    'valore',
    'contenuto',
    'destinazione',
    'dati',
    'indirizzo',
    'indirizzo ipv4',
    'punta a',
    'server di posta',
    'alias di',
    'testo',
    'waarde',
    'inhoud',
    'doel',
    'verwijst naar',
    'tekst',
    'wartość',
    'zawartość',
    'cel',
    'dane',
    'adres',
    'wskazuje na',
    'serwer poczty',
    'значение',
    'содержимое',
    'данные',
    'текст',
    'адрес',
    'почтовый сервер',
    'сервер',
    'указывает на',
    'каноническое имя',
    'значення',
    'вміст',
    'поштовий сервер',
    '値',
    '内容',
    'データ',
    '宛先',
    'コンテンツ',
    '参照先',
    'アドレス',
    'kanonischer name',
    'wirklicher name',
    '规范名称',
    '记录值',
    '記錄值',
    '值',
    '레코드 값',
    '값',
  ],
  ttl: [
    'ttl',
    'time to live',
    'time-to-live',
    'lifetime',
    'life time',
    'validity',
    'gültigkeit',
    'lebensdauer',
    'durée de vie',
    'durée',
    'duración',
    'tiempo de vida',
    'validade',
    'tempo de vida',
    'duração',
    'durata',
    'tempo di vita',
    'levensduur',
    'geldigheid',
    'czas życia',
    'czas ważności',
    'ważność',
    'время жизни',
    'час життя',
    '有効期間',
    '生存時間',
    'キャッシュ時間',
  ],
  priority: [
    'priority',
    'prio',
    'pref',
    'preference',
    'distance',
    'mx priority',
    'mx preference',
    'priorität',
    'vorrang',
    'priorité',
    'préférence',
    'prioridad',
    'preferencia',
    'prioridade',
    'preferência',
    'priorità',
    'preferenza',
    'prioriteit',
    'voorkeur',
    'priorytet',
    'preferencja',
    'приоритет',
    'пріоритет',
    '優先',
    '優先度',
    '優先順位',
    'プライオリティ',
    '优先级',
    '優先順序',
    '優先級',
    '우선순위',
  ],
};

/** Conjunctions that join two things in one label ("Preference and mail server": the priority inside the value). */
const JOINED = /\s(and|und|et|y|e|en|i|&|\+)\s|および|・/;

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[_[\]]+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/[\s*:：]+$/, '')
    .trim();
}

/** Each role's phrases as whole-word patterns (CJK phrases have no word boundaries), compiled once. */
const PHRASE_PATTERNS = Object.fromEntries(
  (Object.keys(PHRASES) as FieldRole[]).map((role) => [
    role,
    PHRASES[role].map((phrase) => ({
      length: phrase.length,
      // Japanese and Chinese run words together: their phrases match anywhere; every other script by whole words.
      pattern: /[\u3040-\u30ff\u3400-\u9fff]/.test(phrase)
        ? new RegExp(phrase, 'u')
        : new RegExp(`(?<![\\p{L}\\p{N}])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u'),
    })),
  ]),
) as Record<FieldRole, { length: number; pattern: RegExp }[]>;

/** Where, in the text, the longest phrase of a role occurs as whole words (-1 when none does), and its length. */
function findPhrase(text: string, role: FieldRole): { index: number; length: number } {
  let best = { index: -1, length: 0 };
  for (const { length, pattern } of PHRASE_PATTERNS[role]) {
    const match = pattern.exec(text);
    if (match && length > best.length) best = { index: match.index, length };
  }
  return best;
}

export type LabelReading = { role: FieldRole; priorityInside: boolean };

/** True when a text names the role anywhere, head word or not ("Geben Sie die Priorität … an" names a priority). */
export function mentionsRole(text: string, role: FieldRole): boolean {
  return findPhrase(normalize(text), role).index >= 0;
}

/**
 * The role a label names. When it names several, the longest phrase wins ("Record name" is a name, not a record),
 * and between a value and a priority the head word, the last one, wins ("Mail exchanger priority"), unless the
 * label joins them ("Preference and mail server": a value that carries the priority).
 */
export function readLabelRole(label: string): LabelReading | null {
  const text = normalize(label);
  if (text === '') return null;
  const found = (Object.keys(PHRASES) as FieldRole[])
    .map((role) => ({ role, ...findPhrase(text, role) }))
    .filter((hit) => hit.index >= 0);
  if (found.length === 0) return null;
  const value = found.find((hit) => hit.role === 'value');
  const priority = found.find((hit) => hit.role === 'priority');
  if (value && priority) {
    if (JOINED.test(text)) return { role: 'value', priorityInside: true };
    return { role: value.index > priority.index ? 'value' : 'priority', priorityInside: false };
  }
  found.sort((a, b) => b.length - a.length || a.index - b.index);
  return { role: (found[0] as { role: FieldRole }).role, priorityInside: false };
}

/** "Add record" and its translations: a verb of adding with a record noun, or the verb alone on a short button. */
const ADD_VERB =
  /(^|[^\p{L}])(add|new|create|hinzufügen|neu|neuer|neuen|anlegen|erstellen|ajouter|créer|nouvel|nouvelle|nouveau|añadir|agregar|crear|nuevo|nueva|adicionar|criar|nova|novo|aggiungi|nuovo|crea|toevoegen|nieuw|nieuwe|aanmaken|dodaj|nowy|nowa|utwórz|добавить|создать|новая|новый|додати|створити)($|[^\p{L}])|^\+|追加|新規|作成|添加|新增|新建|추가/iu;
const RECORD_NOUN =
  /(record|entry|eintrag|enregistrement|entrée|registro|entrada|rekord|wpis|voce|item|dns|запись|записи|запис|レコード|记录|記錄|레코드)/iu;
const MANAGE_VERB =
  /(^|[^\p{L}])(manage|edit|gestisci|modifica|verwalten|bearbeiten|gérer|modifier|gestionar|editar|gerenciar|beheren|bewerken|zarządzaj|edytuj)($|[^\p{L}])|管理|編集/iu;

/** How strongly a button's text asks to open an add-record form: 2 with a record noun, 1 for a short bare verb. */
export function scoreAddButton(text: string): number {
  const trimmed = text.trim();
  if (!ADD_VERB.test(trimmed)) return 0;
  if (RECORD_NOUN.test(trimmed)) return 2;
  return trimmed.split(/\s+/).length <= 3 ? 1 : 0;
}

/** A button that opens the management area of a section ("Gestisci", "Verwalten", "Manage"). */
export function isManageButton(text: string): boolean {
  return MANAGE_VERB.test(text.trim()) && text.trim().split(/\s+/).length <= 3;
}

/** Hints that the apex is written `@`, left blank, or that names are written in full. */
export const AT_SIGN_HINT = /(^|[\s(«"“'])@($|[\s)»"”',.:;])/;
export const BLANK_HINT =
  /\b(blank|empty|leer|vide|vacío|vacio|blanco|vazio|branco|vuoto|leeg|puste|pusty)\b|пуст|порожн|空欄|空白/iu;
/** Help saying a host name ends with a dot ("with a trailing dot", "point final", "Punkt am Ende", "точкой в конце"). */
export const TRAILING_DOT_HINT =
  /(trailing|final|ending|terminating|closing) (dot|period|full stop)|(dot|period) at the end|point final|point à la fin|punkt am ende|abschließende[nm]? punkt|punto final|ponto final|punto finale|punt aan het einde?|kropk[aąę] na końcu|точк(ой|у|а) в конце|末尾に(ドット|ピリオド)/iu;
/** Words that turn such help around ("without a trailing dot", "senza punto finale", "ohne Punkt am Ende"). */
export const NEGATION_BEFORE =
  /(?<![\p{L}])(without|no|not|ohne|kein(en)?|sans|pas de|sin|sem|senza|zonder|geen|bez|без|не)(?![\p{L}])[^.;:]{0,12}$/iu;
/** Words saying a field takes the part of the name before the zone. */
export const SUBDOMAIN_WORDS =
  /sub-?domain|sub-?name|sous-domaine|subdominio|subdomínio|sottodominio|subdomein|subdomen[ay]?|subdomäne|präfix|préfixe|prefix|поддомен|субдомен|піддомен|サブドメイン/iu;
export const QUOTES_HINT =
  /\b(quotes?|quotation marks?|anführungszeichen|guillemets|comillas|aspas|virgolette|aanhalingstekens|cudzysłowie?|cudzysłów)\b|引用符|ダブルクォート/iu;
