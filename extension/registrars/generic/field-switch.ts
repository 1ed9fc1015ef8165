// The radio a person turns on before typing into a field: `(•) Default ( ) [____] seconds` — the field's own option.
import { CONTROL_SELECTOR } from './describe-control.ts';

/** The radio in the same label as the field, or right before it with nothing but text between them; null if none. */
export function findSwitchOf(field: Element): HTMLInputElement | null {
  const inLabel = field.closest('label')?.querySelector('input[type=radio]');
  if (inLabel) return inLabel as HTMLInputElement;
  for (let node = field.previousElementSibling; node; node = node.previousElementSibling) {
    if (node.matches('input[type=radio]')) return node as HTMLInputElement;
    const radio = node.matches('label') ? node.querySelector('input[type=radio]') : null;
    if (radio) return radio as HTMLInputElement;
    if (node.matches(CONTROL_SELECTOR) || node.querySelector(CONTROL_SELECTOR)) return null;
  }
  return null;
}
