// Test helper: what a person does on a page — presses on things, types into fields, picks options — as the events a
// browser sends, so that a fixture can be filled without any adapter (the proof that a page and its answer key agree).
import type { PersonStep } from './held-out-people.ts';

function viewOf(element: Element): Window & typeof globalThis {
  return element.ownerDocument.defaultView as Window & typeof globalThis;
}

/** A press of the primary button on an element: pointer and mouse down/up, then the click (which also checks a radio). */
function press(element: Element): void {
  const view = viewOf(element);
  const init = { bubbles: true, cancelable: true, composed: true, button: 0, view };
  element.dispatchEvent(new view.PointerEvent('pointerdown', { ...init, pointerType: 'mouse' }));
  element.dispatchEvent(new view.MouseEvent('mousedown', init));
  element.dispatchEvent(new view.PointerEvent('pointerup', { ...init, pointerType: 'mouse' }));
  element.dispatchEvent(new view.MouseEvent('mouseup', init));
  (element as HTMLElement).click();
}

/** The value as the browser sets it while a person types: through the element's own setter, then an input event. */
function setAsTyped(control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(control), 'value')?.set;
  if (!setter) throw new Error(`no value setter on ${control.tagName}`);
  setter.call(control, value);
}

/** Replaces a field's text as a person does (select all, type), ending with the change a blur would send. */
function typeInto(control: Element, text: string): void {
  const field = control as HTMLInputElement | HTMLTextAreaElement;
  const view = viewOf(field);
  field.focus();
  setAsTyped(field, text);
  field.dispatchEvent(
    new view.InputEvent('input', { bubbles: true, composed: true, data: text, inputType: 'insertText' }),
  );
  field.dispatchEvent(new view.Event('change', { bubbles: true }));
}

/** Picks the option of a native select whose value is given. */
function pickOption(select: Element, value: string): void {
  const control = select as HTMLSelectElement;
  if (!Array.from(control.options).some((option) => option.value === value)) throw new Error(`no option ${value}`);
  const view = viewOf(control);
  control.focus();
  setAsTyped(control, value);
  control.dispatchEvent(new view.Event('input', { bubbles: true }));
  control.dispatchEvent(new view.Event('change', { bubbles: true }));
}

/** A key pressed while the element has the focus. */
function pressKey(element: Element, key: string): void {
  const view = viewOf(element);
  element.dispatchEvent(new view.KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  element.dispatchEvent(new view.KeyboardEvent('keyup', { key, bubbles: true, cancelable: true }));
}

/** The one element a selector names, or an error saying which is missing (a person cannot press what is not there). */
function find(scope: ParentNode, selector: string): Element {
  const element = scope.querySelector(selector);
  if (!element) throw new Error(`nothing matches ${selector}`);
  return element;
}

/** The element of a kind whose own text starts with the given words (a person reads the label on it). */
function findByText(scope: ParentNode, selector: string, text: string): Element {
  const element = Array.from(scope.querySelectorAll(selector)).find((candidate) =>
    (candidate.textContent ?? '').trim().startsWith(text),
  );
  if (!element) throw new Error(`no ${selector} reads "${text}"`);
  return element;
}

/** Replays a person's steps on a page (and on the same-origin frames they name) with the events a browser sends. */
export function replaySteps(doc: Document, steps: readonly PersonStep[]): void {
  for (const step of steps) {
    const scope = step.frame ? ((find(doc, step.frame) as HTMLIFrameElement).contentDocument as Document) : doc;
    if ('press' in step)
      press(step.text === undefined ? find(scope, step.press) : findByText(scope, step.press, step.text));
    else if ('type' in step) typeInto(find(scope, step.type), step.text);
    else if ('pick' in step) pickOption(find(scope, step.pick), step.value);
    else pressKey(find(scope, step.in), step.key);
  }
}
