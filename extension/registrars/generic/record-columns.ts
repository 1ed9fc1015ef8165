// The column headings of records lists, in the languages the extension supports.
import type { ColumnPatterns } from '../dom/read-table.ts';

/** Column headings of records lists, in the languages the extension supports. */
export const RECORD_LIST_COLUMNS: ColumnPatterns = {
  type: /^((record|resource record) ?type|type|typ|tipo|rodzaj|soort|record kind|種類|種別|タイプ)$/i,
  name: /^(name|sub-?name|host( ?name)?|host record|record name|dns name|sub-?domain|domain|owner|präfix|prefix|nom|sous-domaine|nombre|nome|entrada dns|naam|nazwa|ホスト名)$/i,
  value:
    /^(value|content|data|answer|target|points? to|record data|record value|routing data|rdata|destination|text|record$|wert|inhalt|ziel|valeur|cible|valor|dados|valore|waarde|wartość|値|内容)/i,
  ttl: /^ttl\b|time to live|lifetime/i,
  priority:
    /^(priority|preference|prio|pref|distance|priorität|priorité|prioridad|prioridade|priorità|prioriteit|priorytet|優先)$/i,
};
