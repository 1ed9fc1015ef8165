// Test helper: the text a panel shows, as the admin reads it: generated content (`data-text`) and real text nodes
// (an option's label), in document order, one line each; style sheets left out.

export function readPanelText(root: ParentNode): string {
  const lines: string[] = [];
  const visit = (node: Node) => {
    if (node.nodeType === node.TEXT_NODE) {
      const text = node.textContent?.trim();
      if (text) lines.push(text);
      return;
    }
    if (node.nodeType !== node.ELEMENT_NODE && node.nodeType !== node.DOCUMENT_FRAGMENT_NODE) return;
    const element = node as Element;
    if (element.tagName === 'STYLE') return;
    const shown = element.getAttribute?.('data-text');
    if (shown) lines.push(shown);
    for (const child of Array.from(node.childNodes)) visit(child);
  };
  visit(root as Node);
  return lines.join('\n');
}
