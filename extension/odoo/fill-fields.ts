// Writes into Odoo field widgets through the registrar helpers (native setters + input/change/blur), so that OWL's
// field components commit the value exactly as when the admin types it.
import { chooseOption, clickLikeUser, setNativeValue, typeIntoControl } from '../registrars/dom/set-control-value.ts';
import { findFieldControl, findFieldWidget, parseSelectionValue } from './odoo-fields.ts';

/** What a fill did: the fields written (by label), and what could not be done, in words for the admin. */
export type FillOutcome = { filled: string[]; problems: string[] };

export function emptyOutcome(): FillOutcome {
  return { filled: [], problems: [] };
}

/** Types `value` into a char/integer field; a field that already holds it is left alone (and not reported). */
export function fillTextField(
  scope: ParentNode,
  fieldName: string,
  value: string,
  label: string,
  outcome: FillOutcome,
): void {
  const control = findFieldControl(scope, fieldName);
  if (!control || control.tagName === 'SELECT') {
    outcome.problems.push(`${label}: no editable field on this screen`);
    return;
  }
  if (control.value.trim() === value) return;
  typeIntoControl(control, value);
  outcome.filled.push(label);
}

/**
 * Chooses the first of `values` (raw selection values, in order of preference) the field offers: a `<select>`
 * whose options hold JSON values, or a radio group (`widget="radio"`) whose inputs carry `data-value`.
 * Returns the value chosen, or null.
 */
export async function chooseSelection(
  scope: ParentNode,
  fieldName: string,
  values: readonly string[],
): Promise<string | null> {
  const widget = findFieldWidget(scope, fieldName);
  if (!widget) return null;
  const select = widget.querySelector('select');
  if (select) {
    const offered = Array.from(select.options).map((option) => parseSelectionValue(option.value));
    const wanted = values.find((value) => offered.includes(value));
    if (wanted === undefined) return null;
    if (parseSelectionValue(select.value) === wanted) return wanted;
    const chosen = await chooseOption(select, (text) => parseSelectionValue(text) === wanted);
    return chosen ? wanted : null;
  }
  const radios = Array.from(widget.querySelectorAll<HTMLInputElement>('input[type=radio]'));
  for (const value of values) {
    const radio = radios.find((candidate) => (candidate.getAttribute('data-value') ?? candidate.value) === value);
    if (!radio || radio.disabled) continue;
    if (!radio.checked) clickLikeUser(radio);
    return value;
  }
  return null;
}

/**
 * Types into a many2one's autocomplete without leaving it: only an `input` event, no `change`/`blur`, because
 * Odoo's AutoComplete closes its dropdown on blur and would never show the options to choose from.
 */
export function typeIntoAutocomplete(input: HTMLInputElement, value: string): void {
  input.focus();
  setNativeValue(input, value);
  const view = input.ownerDocument.defaultView;
  input.dispatchEvent(new (view?.Event ?? Event)('input', { bubbles: true, cancelable: true }));
}
