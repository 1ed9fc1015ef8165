// Finds Odoo field widgets by their field name (`<div name="smtp_host" class="o_field_widget">`), the one thing every
// Odoo 17/18/19 view (and forks that keep the OWL web client) renders the same way, whatever the language of labels.
import { isShown } from '../registrars/dom/controls.ts';

/** The visible field widget of `fieldName` (an Odoo field name, `[a-z0-9_]`) under `scope`; a hidden one is skipped. */
export function findFieldWidget(scope: ParentNode, fieldName: string): HTMLElement | null {
  const widgets = Array.from(scope.querySelectorAll<HTMLElement>(`.o_field_widget[name="${fieldName}"]`));
  return widgets.find(isShown) ?? null;
}

/** The editable control inside a field widget: its text input, select or textarea (null when read-only). */
export function findFieldControl(
  scope: ParentNode,
  fieldName: string,
): HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null {
  const widget = findFieldWidget(scope, fieldName);
  const control = widget?.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
    'input:not([type=checkbox]):not([type=radio]), select, textarea',
  );
  return control && !control.disabled && !('readOnly' in control && control.readOnly) ? control : null;
}

/** Odoo's selection widget stores each option as JSON (`"starttls"`, `false`): the raw value it stands for. */
export function parseSelectionValue(optionValue: string): string | null {
  try {
    const parsed: unknown = JSON.parse(optionValue);
    return typeof parsed === 'string' ? parsed : null;
  } catch {
    return optionValue; // a fork or an older client that writes plain values
  }
}

/**
 * The current value of a field as the admin sees it: a text/number input's value, a selection's raw value, a radio
 * group's chosen `data-value`, a checkbox's state as "true"/"false", or a read-only field's text. Null when absent.
 */
export function readFieldValue(scope: ParentNode, fieldName: string): string | null {
  const widget = findFieldWidget(scope, fieldName);
  if (!widget) return null;
  const checkbox = widget.querySelector<HTMLInputElement>('input[type=checkbox]');
  if (checkbox) return String(checkbox.checked);
  const radios = Array.from(widget.querySelectorAll<HTMLInputElement>('input[type=radio]'));
  if (radios.length > 0) {
    const chosen = radios.find((radio) => radio.checked);
    return chosen ? (chosen.getAttribute('data-value') ?? chosen.value) : null;
  }
  const select = widget.querySelector('select');
  if (select) return parseSelectionValue(select.value);
  const input = widget.querySelector<HTMLInputElement | HTMLTextAreaElement>('input, textarea');
  if (input) return input.value.trim();
  const text = (widget.textContent ?? '').replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}
