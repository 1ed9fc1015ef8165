// Finds a record-type chooser made of plain things to click — cards, menu entries, links, captioned icons, with or
// without roles — the way a person spots "the list of record types" by what it says, whatever its markup.
import { readVisibleText } from './describe-control.ts';
import { readRecordTypeName } from './dns-type-options.ts';
import type { ChoiceOption } from './dropdown-popup.ts';
import { queryAllDeep, type PageRoot } from './page-roots.ts';
import { isVisible } from './visibility.ts';

/** One item per record type, side by side under one parent. */
export type TypeItems = { container: Element; items: ChoiceOption[] };

/** At least this many different types: fewer is a sentence mentioning two types, not a chooser. */
const MIN_TYPES = 3;
/** Longer texts are paragraphs, not items (a card's type and one line of description fit). */
const MAX_ITEM_TEXT = 90;
/** Parents whose children are never a chooser: the rows of a records list, selects (read as selects elsewhere). */
const NOT_CHOOSERS =
  'table, thead, tbody, tfoot, [role=table], [role=grid], [role=treegrid], [role=rowgroup], select, datalist, optgroup, svg';
const FORM_FIELDS = 'input:not([type=hidden]), textarea, select';

function readItem(element: Element): ChoiceOption | null {
  if (element.matches(`${FORM_FIELDS}, [role=row]`) || element.querySelector(FORM_FIELDS) || !isVisible(element))
    return null;
  // An icon without a caption is read by its name, as a screen reader would read it.
  const icon = element.querySelector('img[alt], [aria-label]');
  const text =
    readVisibleText(element) ||
    (
      element.getAttribute('aria-label') ??
      element.getAttribute('title') ??
      icon?.getAttribute('alt') ??
      icon?.getAttribute('aria-label') ??
      ''
    ).trim();
  if (text === '' || text.length > MAX_ITEM_TEXT) return null;
  return { text, element };
}

/** Groups of sibling items that are mostly record types (three or more different ones), in document order. */
export function findTypeItems(roots: readonly PageRoot[]): TypeItems[] {
  const found: TypeItems[] = [];
  for (const container of queryAllDeep(roots, '*')) {
    if (container.children.length < MIN_TYPES || container.matches(NOT_CHOOSERS) || !isVisible(container)) continue;
    const items = Array.from(container.children)
      .map(readItem)
      .filter((item): item is ChoiceOption => item !== null);
    const types = items.map((item) => readRecordTypeName(item.text));
    const named = new Set(types.filter((type): type is string => type !== null));
    if (named.size < MIN_TYPES || named.size < items.length * 0.6) continue;
    found.push({ container, items: items.filter((_item, index) => types[index] !== null) });
  }
  return found;
}

/** The item of a group naming `type`, or null. */
export function findTypeItem(group: TypeItems, type: string): ChoiceOption | null {
  return group.items.find((item) => readRecordTypeName(item.text) === type) ?? null;
}
