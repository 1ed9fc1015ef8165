// What counts as a form control, and whether the admin can see an element (shared with the Odoo overlay).

export type FormControl = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | HTMLElement;

/**
 * False inside `hidden`, `aria-hidden`, `inert` or an inline `display: none`: a closed dialog's fields are in the
 * DOM but are not the form the admin sees (computed styles are not consulted: the page's CSS is its own business).
 * The registrar filler uses the stricter generic/visibility.ts, which also crosses shadow roots and frames.
 */
export function isShown(element: Element): boolean {
  for (let node: Element | null = element; node; node = node.parentElement) {
    if (node.hasAttribute('hidden') || node.getAttribute('aria-hidden') === 'true' || node.hasAttribute('inert'))
      return false;
    if ((node as HTMLElement).style?.display === 'none') return false;
  }
  return true;
}
