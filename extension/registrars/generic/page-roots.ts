// The parts of a page a person sees as one page: the document, its open shadow roots and its same-origin frames.

/** A document or a shadow root: somewhere `querySelectorAll` can look. */
export type PageRoot = Document | ShadowRoot;

function frameDocument(frame: Element): Document | null {
  try {
    // A cross-origin frame throws (or gives null): it is not ours to read.
    return (frame as HTMLIFrameElement).contentDocument ?? null;
  } catch {
    return null;
  }
}

/** Every root of the page, the document first, then shadow roots and frames in document order, recursively. */
export function listPageRoots(doc: Document): PageRoot[] {
  const roots: PageRoot[] = [];
  const visit = (root: PageRoot) => {
    roots.push(root);
    for (const element of Array.from(root.querySelectorAll('*'))) {
      if (element.shadowRoot) visit(element.shadowRoot);
      if (element.tagName === 'IFRAME' || element.tagName === 'FRAME') {
        const inner = frameDocument(element);
        if (inner?.documentElement) visit(inner);
      }
    }
  };
  visit(doc);
  return roots;
}

/** `querySelectorAll` over every root of the page. */
export function queryAllDeep(roots: readonly PageRoot[], selector: string): Element[] {
  return roots.flatMap((root) => Array.from(root.querySelectorAll(selector)));
}

/** The parent in the composed tree: the shadow host above a shadow root, the frame element above a frame's document. */
export function composedParent(node: Element): Element | null {
  if (node.parentElement) return node.parentElement;
  const root = node.getRootNode?.();
  if (root && 'host' in root && (root as ShadowRoot).host) return (root as ShadowRoot).host;
  const frame = node.ownerDocument?.defaultView?.frameElement ?? null;
  return node === node.ownerDocument?.documentElement ? frame : null;
}

/** The root (document or shadow root) an element belongs to. */
export function rootOf(element: Element): PageRoot {
  const root = element.getRootNode?.();
  return root && 'querySelectorAll' in root ? (root as PageRoot) : (element.ownerDocument as Document);
}

/** A value inside a quoted attribute selector (CSS.escape does not exist outside browsers). */
function quoteAttributeValue(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** The element with this id in the same root as `element` (ids are scoped to their document or shadow root). */
export function findByIdNear(element: Element, id: string): Element | null {
  return rootOf(element).querySelector(`[id=${quoteAttributeValue(id)}]`);
}

/** The `<label for=…>` elements naming a control, in its own root. */
export function findLabelsFor(control: Element): Element[] {
  const id = control.getAttribute('id');
  return id ? Array.from(rootOf(control).querySelectorAll(`label[for=${quoteAttributeValue(id)}]`)) : [];
}
