// Field labels in the supported languages, and the buttons that open an add-record form.
import { describe, expect, it } from 'vitest';
import {
  mentionsRole,
  NEGATION_BEFORE,
  readLabelRole,
  scoreAddButton,
  SUBDOMAIN_WORDS,
  TRAILING_DOT_HINT,
} from './field-words.ts';

const role = (label: string) => readLabelRole(label)?.role ?? null;

describe('readLabelRole', () => {
  it.each([
    ['Name (required)', 'name'],
    ['Host', 'name'],
    ['Präfix', 'name'],
    ['Sous-domaine', 'name'],
    ['Nombre', 'name'],
    ['Entrada DNS', 'name'],
    ['Nome host', 'name'],
    ['Naam', 'name'],
    ['Nazwa', 'name'],
    ['ホスト名', 'name'],
    ['Record name', 'name'],
    ['DNS name', 'name'],
    ['Content (required)', 'value'],
    ['Points to', 'value'],
    ['Wert', 'value'],
    ['Cible', 'value'],
    ['Valor', 'value'],
    ['Dados', 'value'],
    ['Valore', 'value'],
    ['Waarde', 'value'],
    ['Wartość', 'value'],
    ['VALUE', 'value'],
    ['Data', 'value'],
    ['Record', 'value'],
    ['Target Hostname', 'value'],
    ['Server di posta', 'value'],
    ['TTL (seconds)', 'ttl'],
    ['Lifetime', 'ttl'],
    ['Gültigkeit', 'ttl'],
    ['Durée de vie', 'ttl'],
    ['Duración', 'ttl'],
    ['Validade', 'ttl'],
    ['Durata', 'ttl'],
    ['Levensduur', 'ttl'],
    ['Czas życia', 'ttl'],
    ['有効期間', 'ttl'],
    ['Priority', 'priority'],
    ['Distance', 'priority'],
    ['Priorität', 'priority'],
    ['Priorité', 'priority'],
    ['Prioridad', 'priority'],
    ['Prioridade', 'priority'],
    ['Priorità', 'priority'],
    ['Prioriteit', 'priority'],
    ['Priorytet', 'priority'],
    ['優先', 'priority'],
    ['Mail exchanger priority', 'priority'],
    ['Record type', 'type'],
    ['Record kind', 'type'],
    ['Typ', 'type'],
    ['Tipo', 'type'],
    ['種類', 'type'],
    ['Поддомен', 'name'],
    ['Имя хоста', 'name'],
    ['Значение', 'value'],
    ['Почтовый сервер', 'value'],
    ['Приоритет', 'priority'],
    ['Время жизни', 'ttl'],
    ['Тип записи', 'type'],
    ['Time-To-Live', 'ttl'],
    ['Nombre real', 'value'],
    ['Real Name', 'value'],
    ['Record Set Type', 'type'],
    ['Subname', 'name'],
    ['Domainname', 'name'],
    ['Kanonischer Name', 'value'],
    ['Wirklicher Name', 'value'],
    ['主机记录', 'name'],
    ['记录值', 'value'],
    ['记录类型', 'type'],
    ['MX优先级', 'priority'],
    ['TTL（秒）', 'ttl'],
    ['主機名稱', 'name'],
    ['우선순위', 'priority'],
  ])('reads %j as %s', (label, expected) => {
    expect(role(label)).toBe(expected);
  });

  it('reads a label that joins priority and server as a value carrying the priority', () => {
    expect(readLabelRole('Preference and mail server 1')).toEqual({ role: 'value', priorityInside: true });
    expect(readLabelRole('Comment')).toBeNull();
  });

  it('hears a role named anywhere in a sentence, head word or not', () => {
    expect(mentionsRole('Geben Sie die Priorität des Mail-Exchange-Servers an', 'priority')).toBe(true);
    expect(mentionsRole('Mail server', 'priority')).toBe(false);
  });
});

describe('scoreAddButton', () => {
  it('knows "add record" in every language, and a short bare verb less surely', () => {
    for (const text of [
      'Add record',
      '+ Add record',
      'Weiteren Record hinzufügen',
      'Créer un enregistrement DNS',
      'Agregar registro',
      'Nova entrada',
      'Aggiungi record',
      'Record toevoegen',
      'Dodaj rekord',
      'レコード追加',
      '添加记录',
      '新增記錄',
      '레코드 추가',
    ]) {
      expect(scoreAddButton(text), text).toBe(2);
    }
    expect(scoreAddButton('+ Добавить запись')).toBe(2);
    expect(scoreAddButton('Add standard')).toBe(1);
    expect(scoreAddButton('Save')).toBe(0);
    expect(scoreAddButton('Delete')).toBe(0);
  });
});

describe('hints about names and targets', () => {
  it('hears a request for the final dot, and its negation', () => {
    const asks = (hint: string) => {
      const match = TRAILING_DOT_HINT.exec(hint);
      return match !== null && !NEGATION_BEFORE.test(hint.slice(0, match.index));
    };
    expect(asks('Names outside the zone need a trailing dot')).toBe(true);
    expect(asks('Un nombre fuera de la zona termina con un punto final')).toBe(true);
    expect(asks('Полное имя с точкой в конце')).toBe(true);
    expect(asks('Inserire il nome host completo, senza punto finale.')).toBe(false);
    expect(asks('without a trailing dot')).toBe(false);
    expect(asks('Enter the target host')).toBe(false);
  });

  it('knows a field that asks for the sub-domain only', () => {
    for (const text of ['Subdomain', 'sous-domaine', 'Поддомен', 'Subdomäne', 'サブドメイン', 'Subname'])
      expect(SUBDOMAIN_WORDS.test(text), text).toBe(true);
    expect(SUBDOMAIN_WORDS.test('Hostname')).toBe(false);
  });
});
