// Finds the controls that offer a choice and works them like a person: native selects, radio groups, tab lists,
// rows of buttons and dropdowns of every kind (ARIA comboboxes, UI-kit selects that render options only while open,
// Bootstrap menus, hand-made lists, read-only inputs that open a menu).
import { chooseOption, clickLikeUser, sleep } from '../dom/set-control-value.ts';
import { readVisibleText } from './describe-control.ts';
import { readRecordTypeOption } from './dns-type-options.ts';
import { openDropdown, pickFromPopup, pickOptionItems, type ChoiceOption } from './dropdown-popup.ts';
import { findByIdNear, findLabelsFor, queryAllDeep, type PageRoot } from './page-roots.ts';
import { isVisible } from './visibility.ts';

export type ChoiceKind = 'select' | 'radios' | 'group' | 'dropdown';

export type ChoiceControl = {
  kind: ChoiceKind;
  /** The select, the group's container, or the element a person clicks to open the dropdown. */
  element: Element;
  /** The options, when a person can read them without touching the page (null: the dropdown must be opened). */
  options: ChoiceOption[] | null;
};

/** Time for a framework to re-render after a choice (forms show the fields of the chosen record type). */
const RERENDER_MS = 60;

/** The bare text written right after a radio, up to the next element (`<input type=radio> Default`). */
function readTextAfter(radio: Element): string {
  const parts: string[] = [];
  for (let node = radio.nextSibling; node && node.nodeType === 3; node = node.nextSibling)
    parts.push(node.textContent ?? '');
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

function radioText(radio: Element): string {
  const wrapping = radio.closest('label');
  if (wrapping) return readVisibleText(wrapping);
  const forLabel = findLabelsFor(radio)[0];
  if (forLabel) return readVisibleText(forLabel);
  return readTextAfter(radio) || (radio.getAttribute('value') ?? '');
}

function findSelects(roots: readonly PageRoot[]): ChoiceControl[] {
  return queryAllDeep(roots, 'select')
    .filter(isVisible)
    .map((select) => ({
      kind: 'select' as const,
      element: select,
      options: Array.from((select as HTMLSelectElement).options).map((option) => ({
        text: readVisibleText(option) || option.value,
        element: option,
      })),
    }));
}

function findRadioGroups(roots: readonly PageRoot[]): ChoiceControl[] {
  const groups = new Map<string, Element[]>();
  for (const radio of queryAllDeep(roots, 'input[type=radio]')) {
    if (!isVisible(radio) && !isVisible(radio.closest('label') ?? radio)) continue;
    const key = `${radio.getAttribute('name') ?? ''}@${radio.closest('form, fieldset, [role=dialog]')?.getAttribute('id') ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), radio]);
  }
  return [...groups.values()]
    .filter((radios) => radios.length >= 2)
    .map((radios) => ({
      kind: 'radios' as const,
      element:
        radios[0]?.closest('fieldset, [role=radiogroup]') ??
        (radios[0] as Element).parentElement ??
        (radios[0] as Element),
      options: radios.map((radio) => ({ text: radioText(radio), element: radio })),
    }));
}

const GROUP_ITEMS: ReadonlyArray<readonly [string, string]> = [
  ['[role=radiogroup]', '[role=radio]'],
  ['[role=tablist]', '[role=tab]'],
  ['[role=group], [role=toolbar]', 'button:not([role=combobox]):not([type=submit]), [role=button]'],
];

function findGroups(roots: readonly PageRoot[]): ChoiceControl[] {
  const found: ChoiceControl[] = [];
  const containers = new Set<Element>();
  for (const [containerSelector, itemSelector] of GROUP_ITEMS) {
    for (const container of queryAllDeep(roots, containerSelector).filter(isVisible)) {
      const items = Array.from(container.querySelectorAll(itemSelector)).filter(isVisible);
      if (items.length < 2) continue;
      containers.add(container);
      found.push({
        kind: 'group',
        element: container,
        options: items.map((item) => ({ text: readVisibleText(item), element: item })),
      });
    }
  }
  // Rows of plain buttons, no role at all: siblings under one parent.
  const byParent = new Map<Element, Element[]>();
  for (const button of queryAllDeep(roots, 'button:not([role]):not([type=submit])').filter(isVisible)) {
    const parent = button.parentElement;
    if (!parent || containers.has(parent)) continue;
    byParent.set(parent, [...(byParent.get(parent) ?? []), button]);
  }
  for (const [parent, buttons] of byParent) {
    if (buttons.length >= 2)
      found.push({
        kind: 'group',
        element: parent,
        options: buttons.map((button) => ({ text: readVisibleText(button), element: button })),
      });
  }
  return found;
}

/** A hidden list right next to a trigger (Bootstrap's `.dropdown-menu`, hand-made `<ul hidden>`): its items. */
function siblingListOptions(trigger: Element): ChoiceOption[] | null {
  const parent = trigger.parentElement;
  if (!parent) return null;
  const list = Array.from(parent.children).find(
    (child) => child !== trigger && child.matches('ul, ol, [role=listbox], [role=menu]') && !isVisible(child),
  );
  if (!list) return null;
  const items = Array.from(list.querySelectorAll('li, [role=option], [role=menuitem]'));
  const options = items.map((item) => ({
    text: readVisibleText(item) || (item.textContent ?? '').trim(),
    element: item,
  }));
  return options.length > 0 ? options : null;
}

/** Options of a combobox's own listbox, present in the page while closed (ARIA combobox pattern). */
function namedListOptions(trigger: Element): ChoiceOption[] | null {
  const id = trigger.getAttribute('aria-controls') ?? trigger.getAttribute('aria-owns');
  if (!id) return null;
  const list = findByIdNear(trigger, id);
  const items = list ? Array.from(list.querySelectorAll('[role=option]')) : [];
  if (items.length === 0) return null;
  return items.map((item) => ({ text: (item.textContent ?? '').replace(/\s+/g, ' ').trim(), element: item }));
}

const DROPDOWN_TRIGGERS = [
  '[role=combobox]:not(select)',
  '[aria-haspopup=listbox]',
  '[aria-haspopup=menu]',
  '[aria-haspopup=true]',
  'input[readonly]:not([type=checkbox]):not([type=radio]):not([type=hidden])',
  '[tabindex]:not(input):not(textarea):not(select)',
  'button[aria-expanded]',
].join(', ');

function findDropdowns(roots: readonly PageRoot[]): ChoiceControl[] {
  const found: ChoiceControl[] = [];
  for (const trigger of queryAllDeep(roots, DROPDOWN_TRIGGERS)) {
    if (
      !isVisible(trigger) ||
      trigger.matches('[role=option], [role=tab], [role=radio], [role=listbox], [role=menuitem]')
    )
      continue;
    const options = namedListOptions(trigger) ?? siblingListOptions(trigger);
    const announcesPopup = trigger.matches('[role=combobox], [aria-haspopup], input[readonly], button[aria-expanded]');
    // A focusable element counts only when a list sits next to it (a hand-made dropdown), or when all it shows is a
    // record type: a closed type chooser whose list is rendered on click (a row of a record has no focusable cells).
    const showsRecordType = readRecordTypeOption(readVisibleText(trigger)) === readVisibleText(trigger).trim();
    if (!announcesPopup && !options && !showsRecordType) continue;
    // Inner parts of an already found trigger (an input inside a combobox wrapper) are the same control.
    if (found.some((other) => other.element.contains(trigger) || trigger.contains(other.element))) continue;
    found.push({ kind: 'dropdown', element: trigger, options });
  }
  return found;
}

/** Every choice control a person sees on the page, in document order within each kind. */
export function findChoiceControls(roots: readonly PageRoot[]): ChoiceControl[] {
  return [...findSelects(roots), ...findRadioGroups(roots), ...findGroups(roots), ...findDropdowns(roots)];
}

/** The options of a control, opening (and closing again) a dropdown that renders them only while open. */
export async function readChoiceOptions(control: ChoiceControl, roots: readonly PageRoot[]): Promise<ChoiceOption[]> {
  if (control.options) return control.options;
  const popup = await openDropdown(control.element, roots);
  if (!popup) return [];
  const options = popup.options;
  await popup.close();
  return options;
}

/** Chooses the option whose text passes `test`; false when there is none or the choice did not take. */
export async function chooseChoice(
  control: ChoiceControl,
  roots: readonly PageRoot[],
  test: (text: string) => boolean,
): Promise<boolean> {
  let chosen = false;
  if (control.kind === 'select') {
    chosen = await chooseOption(control.element as HTMLSelectElement, test);
  } else if (control.kind === 'radios' || control.kind === 'group') {
    const option = control.options?.find((candidate) => test(candidate.text));
    if (option) {
      clickLikeUser(option.element);
      chosen = true;
    }
  } else {
    const popup = await openDropdown(control.element, roots);
    chosen = popup !== null && (await pickFromPopup(popup, test));
  }
  if (chosen) await sleep(RERENDER_MS);
  return chosen;
}

/** What a dropdown shows as chosen right now (its own text, its value, or the text beside it in its wrapper). */
export function readShownChoice(control: ChoiceControl): string {
  const element = control.element;
  if (control.kind === 'select') {
    const select = element as HTMLSelectElement;
    return readVisibleText(select.options[select.selectedIndex] ?? select) || select.value;
  }
  const own = readVisibleText(element) || ((element as HTMLInputElement).value ?? '');
  if (own) return own;
  const wrapper = element.parentElement?.parentElement ?? element.parentElement;
  return wrapper
    ? pickOptionItems([wrapper])
        .map((option) => option.text)
        .join(' ')
    : '';
}
