// What a person reads around a form control: its label (wherever the page put it), placeholder, help text and the
// zone suffix written after it.
import { findByIdNear, findLabelsFor } from './page-roots.ts';
import { isVisible } from './visibility.ts';

/** Elements a person types into or chooses with. */
export const CONTROL_SELECTOR =
  'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]), textarea, select, [role=combobox], [role=listbox], [role=radiogroup], [role=tablist], [contenteditable=true]';

export type ControlDescription = {
  /** Label texts, most reliable first (label element, aria, the text of the field's own container). */
  labels: string[];
  /** The column and row headers of the table cell the control sits in (a row of inputs under a header row), else the
   * text right before the control's box (a form table's left column). */
  headers: string[];
  placeholder: string;
  /** `name`, `id` and similar attributes split into words (`recordTtl` → `record ttl`). */
  attributeWords: string;
  /** Help texts: aria-describedby and the short texts written right after the control. */
  hints: string[];
  /** A domain written right after the control (`.example.com`): the name field types the part before it. */
  suffix: string | null;
};

const DOMAIN_SUFFIX = /^\.?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})\.?$/i;

function collapse(text: string | null | undefined): string {
  return (text ?? '').replace(/[\s\u200b]+/g, ' ').trim();
}

/** Visible text of an element, leaving out one subtree (the control itself) and anything hidden or a control. */
export function readVisibleText(element: Element, leaveOut?: Element): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      parts.push(node.textContent ?? '');
      return;
    }
    if (node.nodeType !== 1) return;
    const child = node as Element;
    if (child === leaveOut || ['SCRIPT', 'STYLE', 'TEMPLATE', 'OPTION', 'SELECT', 'TEXTAREA'].includes(child.tagName))
      return;
    if (child.hasAttribute('hidden') || child.getAttribute('aria-hidden') === 'true') return;
    for (const grandchild of Array.from(child.childNodes)) walk(grandchild);
  };
  for (const child of Array.from(element.childNodes)) walk(child);
  return collapse(parts.join(' '));
}

/** Longer texts around a field are help, not its name. */
const MAX_LABEL_LENGTH = 40;

function countControls(element: Element): number {
  return Array.from(element.querySelectorAll(CONTROL_SELECTOR)).filter(
    (control) => !control.closest('template') && isVisible(control),
  ).length;
}

/** The text of the smallest container holding this control and no other one (MUI, mat-form-field, ant-form-item…). */
function readContainerLabel(control: Element): string {
  let container = control.parentElement;
  for (let depth = 0; container && depth < 4; depth += 1, container = container.parentElement) {
    if (countControls(container) > 1) return '';
    const text = readVisibleText(container, control);
    // A sentence is help written beside the field (read as a hint), not its name.
    if (text.length > MAX_LABEL_LENGTH) return '';
    if (text !== '' && !DOMAIN_SUFFIX.test(text))
      return text.replace(/\s*\.?(?:[a-z0-9-]+\.)+[a-z]{2,63}\.?$/i, '').trim();
  }
  return '';
}

function readTableHeaders(control: Element): string[] {
  const cell = control.closest('td, [role=cell], [role=gridcell]');
  const row = cell?.parentElement;
  if (!cell || !row) return [];
  const headers: string[] = [];
  const rowHeader = Array.from(row.children).find((child) => child !== cell && child.matches('th, [role=rowheader]'));
  if (rowHeader) headers.push(readVisibleText(rowHeader));
  const table = row.closest('table, [role=table], [role=grid]');
  const index = Array.from(row.children).indexOf(cell);
  const headerRow = Array.from(table?.querySelectorAll('tr, [role=row]') ?? []).find((candidate) =>
    Array.from(candidate.children).some((child) => child.matches('th, [role=columnheader]')),
  );
  const columnHeader = headerRow && headerRow !== row ? headerRow.children[index] : null;
  if (columnHeader) headers.push(readVisibleText(columnHeader));
  return headers;
}

/** Fields a person types into (not choices, not buttons). */
export const TYPED_FIELDS =
  'input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=submit]):not([type=button]), textarea';

/**
 * The text right before the control's box when nothing else names it: a form table's left cell, a `<dt>`, a caption
 * column. Boxes are climbed only while they hold no other typed field (then the text before them is this one's).
 */
function readPrecedingText(control: Element): string {
  let node: Element | null = control;
  for (let depth = 0; node && depth < 3; depth += 1, node = node.parentElement) {
    const previous = node.previousElementSibling;
    if (previous && countControls(previous) === 0) {
      if (previous.matches('h1, h2, h3, h4, h5, h6, legend, [role=heading], button, a')) return '';
      const text = readVisibleText(previous);
      if (text !== '') return text.length <= MAX_LABEL_LENGTH ? text : '';
    }
    const parent: Element | null = node.parentElement;
    const typed = parent
      ? Array.from(parent.querySelectorAll(TYPED_FIELDS)).filter((field) => field !== control && isVisible(field))
      : [];
    if (typed.length > 0) return '';
  }
  return '';
}

function readLabelElements(control: Element): string[] {
  const texts: string[] = [];
  for (const label of findLabelsFor(control)) texts.push(readVisibleText(label, control));
  const wrapping = control.closest('label');
  if (wrapping) texts.push(readVisibleText(wrapping, control));
  const labelledBy = (control.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
  const labelledText = labelledBy
    .map((labelId) => findByIdNear(control, labelId))
    .filter((element): element is Element => element !== null && !element.contains(control) && element !== control)
    .map((element) => readVisibleText(element))
    .join(' ');
  if (labelledText) texts.push(labelledText);
  const ariaLabel = control.getAttribute('aria-label');
  if (ariaLabel) texts.push(ariaLabel);
  return texts;
}

/** A short text written right after the control, in its parent or as the next sibling. */
function readFollowingTexts(control: Element): string[] {
  const texts: string[] = [];
  for (let node = control.nextSibling; node && texts.length < 3; node = node.nextSibling) {
    // The next field's label or the next field itself ends what belongs to this one.
    if (node.nodeType === 1 && (node as Element).matches(`${CONTROL_SELECTOR}, label`)) break;
    if (node.nodeType === 1 && countControls(node as Element) > 0) break;
    const text =
      node.nodeType === 3 ? collapse(node.textContent) : node.nodeType === 1 ? readVisibleText(node as Element) : '';
    if (text) texts.push(text);
  }
  if (texts.length === 0 && control.parentElement && countControls(control.parentElement) === 1) {
    for (let node = control.parentElement.nextSibling; node && texts.length < 2; node = node.nextSibling) {
      if (node.nodeType === 1 && countControls(node as Element) > 0) break;
      const text =
        node.nodeType === 3 ? collapse(node.textContent) : node.nodeType === 1 ? readVisibleText(node as Element) : '';
      if (text) texts.push(text);
    }
  }
  return texts;
}

function splitAttributeWords(control: Element): string {
  return ['name', 'id', 'data-testid', 'formcontrolname']
    .map((attribute) => control.getAttribute(attribute) ?? '')
    .join(' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_\-[\].0-9]+/g, ' ')
    .toLowerCase()
    .trim();
}

/** Every text that names a control: its labels, then the headers of its table cell. */
export function readAllLabels(control: Element): string[] {
  const description = describeControl(control);
  return [...description.labels, ...description.headers];
}

export function describeControl(control: Element): ControlDescription {
  const following = readFollowingTexts(control);
  const suffix = following.find((text) => DOMAIN_SUFFIX.test(text)) ?? null;
  const describedBy = (control.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => findByIdNear(control, id))
    .filter((element): element is Element => element !== null)
    .map((element) => readVisibleText(element));
  const labels = [...readLabelElements(control), readContainerLabel(control)]
    .map(collapse)
    .filter((text) => text !== '');
  return {
    labels,
    headers: (readTableHeaders(control).length > 0 ? readTableHeaders(control) : [readPrecedingText(control)])
      .map(collapse)
      .filter((text) => text !== ''),
    placeholder: collapse(control.getAttribute('placeholder')),
    attributeWords: splitAttributeWords(control),
    hints: [
      ...describedBy,
      ...following.filter((text) => text !== suffix),
      collapse(control.getAttribute('title')),
    ].filter(Boolean),
    suffix: suffix ? (DOMAIN_SUFFIX.exec(suffix)?.[1] ?? null) : null,
  };
}
