// Durations as DNS panels write them, in every supported language.
import { describe, expect, it } from 'vitest';
import { isDurationList, parseDuration, parseDurationUnit } from './durations.ts';

describe('parseDuration', () => {
  it.each([
    ['3600', 3600],
    ['1 hr', 3600],
    ['1/2 Hour', 1800],
    ['30 min', 1800],
    ['60 min', 3600],
    ['1 Day', 86400],
    ['10 Minute(s)', 600],
    ['1 Stunde', 3600],
    ['5 Minuten', 300],
    ['1 heure', 3600],
    ['4 heures', 14400],
    ['1 hora', 3600],
    ['24 ore', 86400],
    ['30 minuti', 1800],
    ['1 uur', 3600],
    ['1 dag', 86400],
    ['1 godzina', 3600],
    ['1 dzień', 86400],
    ['1時間', 3600],
    ['5分', 300],
    ['300 seconds', 300],
    ['3600 segundos', 3600],
    ['Default (86400)', 86400],
  ])('reads %j as %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it('gives "auto" for an unnamed default and null for anything else', () => {
    for (const text of [
      'Auto',
      'Automatic',
      'Automatisch',
      'Automatique',
      'Predeterminado',
      'Padrão',
      'Standaard',
      '自動',
    ]) {
      expect(parseDuration(text), text).toBe('auto');
    }
    for (const text of ['', 'Custom', 'TXT', 'Record', 'www', '0']) expect(parseDuration(text), text).toBeNull();
  });

  it('tells a TTL list from other lists, and reads unit words', () => {
    expect(isDurationList(['Auto', '1 min', '2 min', '5 min', '1 hr'])).toBe(true);
    expect(isDurationList(['300 seconds', '3600 seconds', '86400 seconds'])).toBe(true);
    expect(isDurationList(['A', 'AAAA', 'CNAME', 'MX', 'TXT'])).toBe(false);
    expect(isDurationList(['Simple routing'])).toBe(false);
    expect(['seconds', 'minutes', 'hours', 'days', 'Stunden', 'giorni'].map(parseDurationUnit)).toEqual([
      1, 60, 3600, 86400, 3600, 86400,
    ]);
    expect(parseDurationUnit('TXT')).toBeNull();
  });
});
