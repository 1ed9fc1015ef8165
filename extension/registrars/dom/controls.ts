// Finds a page's form controls the way a person does: by their label, aria attributes, placeholder, then name/id.

/** What counts as a fillable control, native or ARIA (custom dropdowns expose `role="combobox"`). */
const CONTROL_SELECTOR =
  'input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=submit]):not([type=button]), textarea, select, [role=combobox], [contenteditable=true]';

export type FormControl = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | HTMLElement;

/** Visible text of an element with whitespace collapsed and a trailing `*`/`:`/`(required)` dropped. */
export function readLabelText(element: Element): string {
  return (element.textContent ?? '')
    .replace(/\s+/g, ' ')
    .replace(/\(required\)|\(optional\)/gi, '')
    .replace(/[\s*:]+$/, '')
    .trim();
}

/**
 * False inside `hidden`, `aria-hidden`, `inert` or an inline `display: none`: a closed dialog's fields are in the
 * DOM but are not the form the admin sees (computed styles are not consulted: the page's CSS is its own business).
 */
export function isShown(element: Element): boolean {
  for (let node: Element | null = element; node; node = node.parentElement) {
    if (node.hasAttribute('hidden') || node.getAttribute('aria-hidden') === 'true' || node.hasAttribute('inert')) return false;
    if ((node as HTMLElement).style?.display === 'none') return false;
  }
  return true;
}

function isControl(element: Element | null): element is FormControl {
  return element !== null && element.matches(CONTROL_SELECTOR) && isShown(element);
}

function findById(root: ParentNode, id: string): Element | null {
  const owner = 'getElementById' in root ? (root as Document) : (root as Element).ownerDocument;
  return owner?.getElementById(id) ?? root.querySelector(`[id="${id.replace(/["\\]/g, '\\$&')}"]`);
}

function controlOfLabel(root: ParentNode, label: Element): FormControl | null {
  const forId = label.getAttribute('for');
  if (forId) {
    const target = findById(root, forId);
    if (isControl(target)) return target;
    const nested = target?.querySelector(CONTROL_SELECTOR) ?? null;
    if (isControl(nested)) return nested;
  }
  const nested = label.querySelector(CONTROL_SELECTOR);
  return isControl(nested) ? nested : null;
}

/** Text of the label part only (a wrapping `<label>` also contains the control and, for selects, its options). */
function readOwnLabelText(label: Element): string {
  const copy = label.cloneNode(true) as Element;
  for (const control of Array.from(copy.querySelectorAll(`${CONTROL_SELECTOR}, [role=listbox], option`))) control.remove();
  return readLabelText(copy);
}

/**
 * The first control whose accessible name matches `pattern`, searched in order of robustness:
 * `<label>` (for= or wrapping), `aria-labelledby`, `aria-label`, `placeholder`, then `name`/`id`/`data-testid`.
 */
export function findControl(root: ParentNode, pattern: RegExp): FormControl | null {
  for (const label of Array.from(root.querySelectorAll('label'))) {
    if (!pattern.test(readOwnLabelText(label))) continue;
    const control = controlOfLabel(root, label);
    if (control) return control;
  }
  const controls = (Array.from(root.querySelectorAll(CONTROL_SELECTOR)) as FormControl[]).filter(isShown);
  const byLabelledBy = controls.find((control) => {
    const ids = control.getAttribute('aria-labelledby')?.split(/\s+/).filter(Boolean) ?? [];
    const text = ids.map((id) => findById(root, id)).map((el) => (el ? readLabelText(el) : '')).join(' ').trim();
    return text !== '' && pattern.test(text);
  });
  if (byLabelledBy) return byLabelledBy;
  for (const attribute of ['aria-label', 'placeholder', 'name', 'id', 'data-testid']) {
    const found = controls.find((control) => {
      const value = control.getAttribute(attribute);
      return value !== null && pattern.test(value.replace(/[_\-[\]]+/g, ' ').trim());
    });
    if (found) return found;
  }
  return null;
}

/** A button (native or ARIA) whose visible text or aria-label matches, e.g. "Add record". */
export function findButton(root: ParentNode, pattern: RegExp): HTMLElement | null {
  const buttons = Array.from(root.querySelectorAll('button, [role=button], a, input[type=button], input[type=submit]'));
  const found = buttons.filter(isShown).find((button) => {
    const text = readLabelText(button) || button.getAttribute('aria-label') || (button as HTMLInputElement).value || '';
    return pattern.test(text.trim());
  });
  return (found as HTMLElement | undefined) ?? null;
}
