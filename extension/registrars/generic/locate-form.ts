// Finds the add-record form as a person does: the control whose options are record types (opening dropdowns to
// look when needed), else a section titled with the record type, else the record's type in a list of types (cards,
// a menu, icons) that opens its form, else a button that opens a form or such a list.
import { clickLikeUser, sleep } from '../dom/set-control-value.ts';
import { findScopeOf, listTypableFields, waitForNewFields } from './appearing-fields.ts';
import { findChoiceControls, readShownChoice, type ChoiceControl } from './choice-controls.ts';
import { CONTROL_SELECTOR, readAllLabels, readVisibleText, TYPED_FIELDS } from './describe-control.ts';
import { findRecordTypeWords, isRecordTypeList, readRecordTypeOption } from './dns-type-options.ts';
import { clickTargetOf, openDropdown, pickFromPopup } from './dropdown-popup.ts';
import { isManageButton, readLabelRole, scoreAddButton } from './field-words.ts';
import { listTextFields } from './form-fields.ts';
import { listPageRoots, queryAllDeep, type PageRoot } from './page-roots.ts';
import { readRegionTitle, TITLED_REGIONS } from './region-title.ts';
import { findTypeItem, findTypeItems } from './type-items.ts';
import { isVisible } from './visibility.ts';

/** How long a form may take to appear after its button was clicked. */
const FORM_OPEN_WAIT_MS = 2000;
const POLL_MS = 25;
/** Clicks a person would try before giving up: an add button, then maybe the type in the list it opened. */
const MAX_OPEN_ATTEMPTS = 3;

export type LocatedForm =
  /** A control offering record types; `chosen` when finding it already chose the record's type (an opened dropdown). */
  | { kind: 'type-control'; control: ChoiceControl; chosen: boolean }
  /** A text field labelled as the record type (a free-text combobox): the type is typed into it. */
  | { kind: 'type-field'; field: Element }
  /** A section whose title names the record type: its form needs no type. */
  | { kind: 'typed-region'; region: Element }
  /** The form a click on the record's type (a card, a menu entry, an icon) brought up: choosing it chose the type. */
  | { kind: 'opened-type'; scope: ParentNode }
  | { kind: 'none' };

/** The smallest ancestor holding the control and at least one other field: the record the control belongs to. */
export function findRecordGroup(control: Element): Element {
  let group: Element = control;
  for (let node = control.parentElement; node; node = node.parentElement) {
    group = node;
    const fields = Array.from(node.querySelectorAll(TYPED_FIELDS)).filter((field) => !control.contains(field));
    if (fields.length > 0) return node;
  }
  return group;
}

/**
 * An existing record shown as editable fields: one of several rows of the same shape, its name or value filled in.
 * (A single form with something typed in it is still the form for a new record.)
 */
function belongsToExistingRecord(control: Element): boolean {
  const group = findRecordGroup(control);
  const repeated = Array.from(group.parentElement?.children ?? []).filter(
    (sibling) => sibling !== group && sibling.tagName === group.tagName && sibling.querySelector(TYPED_FIELDS) !== null,
  );
  if (repeated.length === 0) return false;
  return Array.from(group.querySelectorAll(TYPED_FIELDS)).some((field) => {
    const value = ((field as HTMLInputElement).value ?? '').trim();
    return value !== '' && !/^\d+$/.test(value) && !control.contains(field) && isVisible(field);
  });
}

function optionTexts(control: ChoiceControl): string[] {
  return (control.options ?? []).map((option) => option.text);
}

/** Closed dropdowns, the likeliest type chooser first: one showing a record type, then one labelled as a type. */
function rankClosedDropdowns(controls: readonly ChoiceControl[]): ChoiceControl[] {
  const score = (control: ChoiceControl) => {
    if (readRecordTypeOption(readShownChoice(control))) return 2;
    return readAllLabels(control.element).some((label) => readLabelRole(label)?.role === 'type') ? 1 : 0;
  };
  return controls
    .map((control) => ({ control, score: score(control) }))
    .sort((a, b) => b.score - a.score)
    .map((ranked) => ranked.control);
}

async function findTypeControl(roots: readonly PageRoot[], type: string): Promise<LocatedForm | null> {
  const controls = findChoiceControls(roots).filter((control) => !belongsToExistingRecord(control.element));
  const readable = controls.find((control) => control.options && isRecordTypeList(optionTexts(control)));
  if (readable) return { kind: 'type-control', control: readable, chosen: false };
  for (const control of rankClosedDropdowns(controls.filter((candidate) => candidate.options === null))) {
    const popup = await openDropdown(control.element, roots);
    if (!popup) continue;
    if (isRecordTypeList(popup.options.map((option) => option.text))) {
      const chosen = await pickFromPopup(popup, (text) => readRecordTypeOption(text) === type);
      return { kind: 'type-control', control, chosen };
    }
    await popup.close();
  }
  return null;
}

/** A section, fieldset or form whose title names exactly this record type and which holds (maybe hidden) fields. */
function findTypedRegion(roots: readonly PageRoot[], type: string): Element | null {
  const regions = queryAllDeep(roots, TITLED_REGIONS).filter(isVisible);
  const typed = regions.filter((region) => {
    const types = findRecordTypeWords(readRegionTitle(region));
    return types.length === 1 && types[0] === type && region.querySelector(TYPED_FIELDS) !== null;
  });
  // The innermost matching region: the form itself rather than the page section around it.
  return typed.find((region) => !typed.some((other) => other !== region && region.contains(other))) ?? null;
}

async function waitForVisibleFields(region: Element): Promise<boolean> {
  const deadline = Date.now() + FORM_OPEN_WAIT_MS;
  while (Date.now() < deadline) {
    if (Array.from(region.querySelectorAll(TYPED_FIELDS)).some(isVisible)) return true;
    await sleep(POLL_MS);
  }
  return false;
}

/** Opens a typed region's form: the button inside it that adds or manages, or its only button. */
async function openRegion(region: Element): Promise<boolean> {
  if (Array.from(region.querySelectorAll(TYPED_FIELDS)).some(isVisible)) return true;
  const buttons = Array.from(region.querySelectorAll('button, [role=button], a')).filter(isVisible);
  const opener =
    buttons.find((button) => scoreAddButton(readVisibleText(button)) > 0 || isManageButton(readVisibleText(button))) ??
    (buttons.length === 1 ? buttons[0] : undefined);
  if (!opener) return false;
  clickLikeUser(opener);
  return waitForVisibleFields(region);
}

/** Things a person clicks: buttons and links of every kind, toolbar and menu commands. */
const CLICKABLES = 'button, [role=button], a, input[type=button], [role=menuitem], [role=link]';
/** An icon that reads "add" (`+` drawn as an icon: its class, name or alt says add/plus/new). */
const ADD_ICON = 'svg, i, img, span:empty, [class*=icon], [data-icon], [data-icon-name]';
const ADD_ICON_WORDS = /(^|[^a-z])(add|plus|new|create)([^a-z]|$)/i;

/** What a button says, its "+" icon read as a "+" (Azure-style "[+] Record set" command buttons). */
function readButtonText(button: Element): string {
  const text = readVisibleText(button) || button.getAttribute('aria-label') || (button as HTMLInputElement).value || '';
  const icon = Array.from(button.querySelectorAll(ADD_ICON)).find((candidate) =>
    ADD_ICON_WORDS.test(
      ['class', 'data-icon', 'data-icon-name', 'alt', 'aria-label']
        .map((name) => candidate.getAttribute(name) ?? '')
        .join(' '),
    ),
  );
  return icon && !text.trim().startsWith('+') ? `+ ${text}` : text;
}

/**
 * How an add button's text fits the record's type: a button per type ("Add a TXT Record", "Add an MX Record") opens
 * only its own type's form, so one naming other types is no way to this record (-1), one naming this type the best
 * (1); a button naming no type fits any (0).
 */
function fitsRecordType(text: string, type: string): number {
  const types = findRecordTypeWords(text);
  if (types.length === 0) return 0;
  return types.includes(type) ? 1 : -1;
}

/** The button that most clearly opens an add-record form for `type`, outside any form that already has fields. */
function findAddButton(roots: readonly PageRoot[], tried: ReadonlySet<Element>, type: string): Element | null {
  const candidates = queryAllDeep(roots, CLICKABLES)
    .filter((button) => isVisible(button) && !tried.has(button) && button.getAttribute('type') !== 'submit')
    .map((button) => {
      const text = readButtonText(button);
      const fit = fitsRecordType(text, type);
      return { button, score: fit < 0 ? 0 : scoreAddButton(text) + 2 * fit };
    })
    .filter((candidate) => candidate.score > 0);
  candidates.sort((a, b) => b.score - a.score);
  return candidates[0]?.button ?? null;
}

function countVisibleControls(roots: readonly PageRoot[]): number {
  return queryAllDeep(roots, CONTROL_SELECTOR).filter(isVisible).length;
}

/** Waits for a click's effect: more controls, or a list of record types to choose from (a menu, cards). */
async function waitForMoreControls(doc: Document, before: number): Promise<void> {
  const deadline = Date.now() + FORM_OPEN_WAIT_MS;
  while (Date.now() < deadline) {
    await sleep(POLL_MS);
    const roots = listPageRoots(doc);
    if (countVisibleControls(roots) > before || findTypeItems(roots).length > 0) return;
  }
}

/** Clicks the record's type in a list of types and takes the form that came up; null when none did. */
async function openTypeItem(
  doc: Document,
  roots: readonly PageRoot[],
  type: string,
  tried: Set<Element>,
): Promise<LocatedForm | null> {
  for (const group of findTypeItems(roots)) {
    const item = findTypeItem(group, type);
    if (!item || tried.has(item.element)) continue;
    tried.add(item.element);
    const before = new Set(listTypableFields(doc));
    clickLikeUser(clickTargetOf(item.element));
    const scope = findScopeOf(await waitForNewFields(doc, before));
    if (scope) return { kind: 'opened-type', scope };
  }
  return null;
}

/** A text field whose label or placeholder names it the record type, in a form for a new record. */
function findTypeField(roots: readonly PageRoot[]): Element | null {
  const typed = listTextFields(roots, null).find(
    (field) => field.reading?.role === 'type' && field.strength >= 2 && !belongsToExistingRecord(field.element),
  );
  return typed?.element ?? null;
}

/** Finds (opening it when needed) the form for a record of `type`. */
export async function locateForm(doc: Document, type: string): Promise<LocatedForm> {
  const tried = new Set<Element>();
  for (let attempt = 0; attempt <= MAX_OPEN_ATTEMPTS; attempt += 1) {
    const roots = listPageRoots(doc);
    const typeControl = await findTypeControl(roots, type);
    if (typeControl) return typeControl;
    const typeField = findTypeField(roots);
    if (typeField) return { kind: 'type-field', field: typeField };
    const region = findTypedRegion(roots, type);
    if (region && (await openRegion(region))) return { kind: 'typed-region', region };
    const opened = await openTypeItem(doc, roots, type, tried);
    if (opened) return opened;
    const button = findAddButton(roots, tried, type);
    if (!button) break;
    tried.add(button);
    const before = countVisibleControls(roots);
    clickLikeUser(button);
    await waitForMoreControls(doc, before);
  }
  return { kind: 'none' };
}
