// Reads durations the way DNS panels write them, in the languages the extension supports: `3600`, `1 hr`,
// `1/2 Hour`, `30 min`, `1 Stunde`, `1 heure`, `24 ore`, `1 uur`, `1 godzina`, `1時間`, `Default (86400)`, `Auto`.

const SECONDS_BY_UNIT: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(s|secs?|seconds?|sek(unden?)?|secondes?|segundos?|second[oi]|seconden|sekund[ay]?|秒)$/, 1],
  [/^(m|mins?|minutes?|minuten?|minutos?|minut[oi]|minuut|minut[ay]?|分)$/, 60],
  [/^(h|hrs?|hours?|std|stunden?|heures?|horas?|or[ae]|uur|godzin[ay]?|時間)$/, 3600],
  [/^(d|days?|tage?n?|jours?|d[ií]as?|giorn[oi]|dag(en)?|dni|dzień|日)$/, 86400],
  [/^(w|weeks?|wochen?|semaines?|semanas?|settiman[ae]|weken|tygodni[ea]?|tydzień|週間?)$/, 604800],
];

/** Words for "let the provider decide": the registrar's own default, unknown in seconds without more knowledge. */
const AUTOMATIC =
  /^(auto(matic|matisch|matique|mático|matico|matyczny)?|default|standard|par défaut|predeterminad[oa]|padrão|predefinito|standaard|domyślny|自動|デフォルト|既定)(?![\p{L}\p{N}])/iu;

const FRACTIONS: Record<string, number> = { '½': 0.5, '¼': 0.25, '¾': 0.75 };

function unitFactor(word: string): number | null {
  if (word === '') return 1;
  for (const [pattern, factor] of SECONDS_BY_UNIT) if (pattern.test(word)) return factor;
  return null;
}

/**
 * Seconds a duration text stands for; `'auto'` for the provider's unnamed default; null when the text is no duration.
 * A default that names its value (`Default (86400)`) gives that value.
 */
export function parseDuration(text: string | null | undefined): number | 'auto' | null {
  const trimmed = (text ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  if (trimmed === '') return null;
  if (AUTOMATIC.test(trimmed)) {
    const named = /\((\d+)\s*([^\d)]*)\)/.exec(trimmed);
    return named?.[1] ? (parseDuration(`${named[1]} ${named[2] ?? ''}`) ?? 'auto') : 'auto';
  }
  const match = /^(\d+(?:[.,]\d+)?(?:\/\d+)?|[½¼¾])\s*([^\d\s().,]*)\.?(?:\s*\(.*\))?$/u.exec(trimmed);
  if (!match?.[1]) return null;
  const [numerator, denominator] = match[1].replace(',', '.').split('/').map(Number);
  const amount = FRACTIONS[match[1]] ?? (denominator ? (numerator ?? 0) / denominator : (numerator ?? 0));
  const factor = unitFactor(match[2] ?? '');
  return factor && amount > 0 ? Math.round(amount * factor) : null;
}

/** True when most option texts of a list are durations: a TTL chooser. */
export function isDurationList(texts: readonly string[]): boolean {
  const meaningful = texts.filter((text) => text.trim() !== '');
  const durations = meaningful.filter((text) => parseDuration(text) !== null);
  return durations.length >= 2 && durations.length >= meaningful.length * 0.6;
}

/** The unit words of a TTL unit chooser (`seconds`, `minutes`, …), as seconds per unit; null for anything else. */
export function parseDurationUnit(text: string): number | null {
  const word = text
    .trim()
    .toLowerCase()
    .replace(/\(.*\)$/, '')
    .trim();
  return word === '' ? null : unitFactor(word);
}
