// Whether a person can see an element: attributes and styles up the composed tree (through shadow hosts and frames).
import { composedParent } from './page-roots.ts';

function hidesItself(element: Element): boolean {
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true' || element.hasAttribute('inert'))
    return true;
  const style = (element as HTMLElement).style;
  if (style?.display === 'none' || style?.visibility === 'hidden') return true;
  // A zero-size box that clips its content (Ant Design's accessibility listbox) shows nothing.
  if (style?.overflow === 'hidden' && (style.height === '0px' || style.width === '0px')) return true;
  if (element.tagName === 'DETAILS' && !element.hasAttribute('open')) return true;
  return false;
}

function insideClosedDetails(element: Element, ancestor: Element): boolean {
  return (
    ancestor.tagName === 'DETAILS' &&
    !ancestor.hasAttribute('open') &&
    element.tagName !== 'SUMMARY' &&
    element.parentElement?.tagName !== 'SUMMARY'
  );
}

/**
 * True when nothing hides the element: no `hidden`/`aria-hidden`/`inert` ancestor, no inline `display: none`, and,
 * where the browser computes styles (`checkVisibility`), no stylesheet hiding it either (a closed dropdown menu).
 */
export function isVisible(element: Element): boolean {
  for (let node: Element | null = element; node; node = composedParent(node)) {
    if (node !== element && node.tagName === 'DETAILS') {
      if (insideClosedDetails(element, node)) return false;
      continue;
    }
    if (hidesItself(node) && !(node === element && node.tagName === 'DETAILS')) return false;
  }
  const check = (element as Element & { checkVisibility?: (options?: object) => boolean }).checkVisibility;
  if (typeof check === 'function' && element.ownerDocument?.defaultView && element.isConnected) {
    return check.call(element, { visibilityProperty: true });
  }
  return true;
}
