// Writes into form controls so that the page's framework (React, Angular, Vue…) notices the change.

import { isShown, type FormControl } from './controls.ts';

/** How long a custom dropdown may take to render its options after being opened (frameworks render async). */
const OPTION_WAIT_MS = 1500;
/** Polling step while waiting for a dropdown's options. */
const POLL_STEP_MS = 25;

function dispatch(element: Element, type: string): void {
  const view = element.ownerDocument?.defaultView;
  const init = { bubbles: true, cancelable: true, composed: true };
  if (type.startsWith('pointer')) {
    // Radix and other pointer-first widgets open on a mouse pointerdown and pick on pointerup.
    const PointerEventClass = view?.PointerEvent ?? globalThis.PointerEvent;
    if (PointerEventClass)
      element.dispatchEvent(
        new PointerEventClass(type, { ...init, pointerType: 'mouse', button: 0, isPrimary: true, pointerId: 1 }),
      );
    return;
  }
  const EventClass =
    type.startsWith('mouse') || type === 'click' ? (view?.MouseEvent ?? MouseEvent) : (view?.Event ?? Event);
  element.dispatchEvent(new EventClass(type, { ...init, button: 0 } as EventInit));
}

/**
 * Sets `value` through the setter of the element's prototype, not the instance: React (and others) shadow the
 * instance property to track the last value they rendered, and ignore an `input` event whose value they already know.
 */
export function setNativeValue(
  element: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement,
  value: string,
): void {
  const prototypeSetter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(element), 'value')?.set;
  if (prototypeSetter) prototypeSetter.call(element, value);
  else element.value = value;
}

/** Types `value` into a text input/textarea/contenteditable and fires the events frameworks listen to. */
export function typeIntoControl(control: FormControl, value: string): void {
  control.focus?.();
  if (!('value' in control)) {
    control.textContent = value;
  } else {
    setNativeValue(control as HTMLInputElement, value);
  }
  dispatch(control, 'input');
  dispatch(control, 'change');
  dispatch(control, 'blur');
}

/**
 * Clicks like a user does, with every event a real click fires in order: Radix opens on `pointerdown`, MUI and
 * react-select on `mousedown`, most others on `click`.
 */
export function clickLikeUser(element: Element): void {
  dispatch(element, 'pointerdown');
  dispatch(element, 'mousedown');
  dispatch(element, 'pointerup');
  dispatch(element, 'mouseup');
  dispatch(element, 'click');
}

/** Presses Escape on an element (dropdowns of every UI kit close on it). */
export function pressEscape(element: Element): void {
  const view = element.ownerDocument?.defaultView;
  const KeyboardEventClass = view?.KeyboardEvent ?? globalThis.KeyboardEvent;
  if (!KeyboardEventClass) return;
  for (const type of ['keydown', 'keyup']) {
    element.dispatchEvent(
      new KeyboardEventClass(type, { key: 'Escape', code: 'Escape', bubbles: true, cancelable: true, composed: true }),
    );
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `find` until it returns something or the time is up (the page renders asynchronously). */
export async function waitForElement<T>(find: () => T | null, timeoutMs = OPTION_WAIT_MS): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() >= deadline) return null;
    await sleep(POLL_STEP_MS);
  }
}

function optionText(option: Element): string {
  return (option.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The option elements a custom combobox controls (via aria-controls/aria-owns), else every visible option. */
function listOptions(combobox: Element): Element[] {
  const doc = combobox.ownerDocument;
  const ids = `${combobox.getAttribute('aria-controls') ?? ''} ${combobox.getAttribute('aria-owns') ?? ''}`
    .split(/\s+/)
    .filter(Boolean);
  const listboxes = ids.map((id) => doc.getElementById(id)).filter((el): el is HTMLElement => el !== null);
  const scopes: ParentNode[] = listboxes.length > 0 ? listboxes : [doc];
  return scopes.flatMap((scope) => Array.from(scope.querySelectorAll('[role=option]'))).filter(isShown);
}

/** Which option to choose: a pattern over its text, or a predicate. */
export type OptionMatcher = RegExp | ((text: string) => boolean);

/**
 * Chooses the option whose text matches, in a native `<select>` or a custom ARIA combobox
 * (opened, optionally typed into when it is an autocomplete input, then the option clicked).
 * Returns false when no option matched.
 */
export async function chooseOption(control: FormControl, matcher: OptionMatcher): Promise<boolean> {
  const test = typeof matcher === 'function' ? matcher : (text: string) => matcher.test(text);
  if (control.tagName === 'SELECT') {
    const select = control as HTMLSelectElement;
    const option = Array.from(select.options).find((o) => test(optionText(o)) || test(o.value));
    if (!option) return false;
    select.focus();
    setNativeValue(select, option.value);
    dispatch(select, 'input');
    dispatch(select, 'change');
    return true;
  }
  clickLikeUser(control);
  const option = await waitForElement(() => listOptions(control).find((o) => test(optionText(o))) ?? null);
  if (!option) return false;
  clickLikeUser(option);
  return true;
}
