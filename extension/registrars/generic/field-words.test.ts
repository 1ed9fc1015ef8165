// Field labels in the nine supported languages, and the buttons that open an add-record form.
import { describe, expect, it } from 'vitest';
import { readLabelRole, scoreAddButton } from './field-words.ts';

const role = (label: string) => readLabelRole(label)?.role ?? null;

describe('readLabelRole', () => {
  it.each([
    ['Name (required)', 'name'], ['Host', 'name'], ['Präfix', 'name'], ['Sous-domaine', 'name'], ['Nombre', 'name'],
    ['Entrada DNS', 'name'], ['Nome host', 'name'], ['Naam', 'name'], ['Nazwa', 'name'], ['ホスト名', 'name'],
    ['Record name', 'name'], ['DNS name', 'name'],
    ['Content (required)', 'value'], ['Points to', 'value'], ['Wert', 'value'], ['Cible', 'value'], ['Valor', 'value'],
    ['Dados', 'value'], ['Valore', 'value'], ['Waarde', 'value'], ['Wartość', 'value'], ['VALUE', 'value'], ['Data', 'value'],
    ['Record', 'value'], ['Target Hostname', 'value'], ['Server di posta', 'value'],
    ['TTL (seconds)', 'ttl'], ['Lifetime', 'ttl'], ['Gültigkeit', 'ttl'], ['Durée de vie', 'ttl'], ['Duración', 'ttl'],
    ['Validade', 'ttl'], ['Durata', 'ttl'], ['Levensduur', 'ttl'], ['Czas życia', 'ttl'], ['有効期間', 'ttl'],
    ['Priority', 'priority'], ['Distance', 'priority'], ['Priorität', 'priority'], ['Priorité', 'priority'],
    ['Prioridad', 'priority'], ['Prioridade', 'priority'], ['Priorità', 'priority'], ['Prioriteit', 'priority'],
    ['Priorytet', 'priority'], ['優先', 'priority'], ['Mail exchanger priority', 'priority'],
    ['Record type', 'type'], ['Record kind', 'type'], ['Typ', 'type'], ['Tipo', 'type'], ['種類', 'type'],
  ])('reads %j as %s', (label, expected) => {
    expect(role(label)).toBe(expected);
  });

  it('reads a label that joins priority and server as a value carrying the priority', () => {
    expect(readLabelRole('Preference and mail server 1')).toEqual({ role: 'value', priorityInside: true });
    expect(readLabelRole('Comment')).toBeNull();
  });
});

describe('scoreAddButton', () => {
  it('knows "add record" in every language, and a short bare verb less surely', () => {
    for (const text of ['Add record', '+ Add record', 'Weiteren Record hinzufügen', 'Créer un enregistrement DNS', 'Agregar registro', 'Nova entrada', 'Aggiungi record', 'Record toevoegen', 'Dodaj rekord', 'レコード追加']) {
      expect(scoreAddButton(text), text).toBe(2);
    }
    expect(scoreAddButton('Add standard')).toBe(1);
    expect(scoreAddButton('Save')).toBe(0);
    expect(scoreAddButton('Delete')).toBe(0);
  });
});
