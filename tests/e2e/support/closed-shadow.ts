// What the admin sees and clicks inside a closed shadow root (mailgate's panels), reached through the DevTools
// protocol: page scripts have no such handle. Chromium only. Every call reads the live DOM again, because DevTools'
// node ids do not outlive a change of the document.
import type { CDPSession, Page } from 'playwright-core';

type DomNode = {
  nodeId: number;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  shadowRootType?: string;
};

export type ClosedShadow = {
  /** `closed` for mailgate's panels (`open` would let the page read them). */
  rootType(): Promise<string>;
  exists(selector: string): Promise<boolean>;
  waitFor(selector: string, timeoutMs?: number): Promise<void>;
  /** The text the panel shows (generated content and real text), one line per piece; of `selector` when given. */
  text(selector?: string): Promise<string>;
  attribute(selector: string, name: string): Promise<string | null>;
  /** A real mouse click at the element's centre, as the admin clicks (a trusted event). */
  click(selector: string): Promise<void>;
  /** Picks an option of a `<select>`: the value set and `change` fired, as after the admin's choice. */
  select(selector: string, value: string): Promise<void>;
};

/** Reads the shown text of a node: `data-text` (CSS generated content) and text nodes, style sheets left out. */
const READ_SHOWN_TEXT = `function () {
  const lines = [];
  const walker = document.createTreeWalker(this, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let node = walker.currentNode; node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      if (node.parentElement && node.parentElement.tagName !== 'STYLE' && node.textContent.trim()) lines.push(node.textContent.trim());
    } else if (node.getAttribute && node.getAttribute('data-text')) {
      lines.push(node.getAttribute('data-text'));
    }
  }
  return lines.join('\\n');
}`;

function findHost(node: DomNode, hostId: string): DomNode | null {
  const attributes = node.attributes ?? [];
  for (let index = 0; index < attributes.length; index += 2) {
    if (attributes[index] === 'id' && attributes[index + 1] === hostId) return node;
  }
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const found = findHost(child, hostId);
    if (found) return found;
  }
  return null;
}

export async function openClosedShadow(page: Page, hostId: string): Promise<ClosedShadow> {
  const cdp: CDPSession = await page.context().newCDPSession(page);

  async function shadowRoot(): Promise<DomNode> {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const host = findHost(root, hostId);
    const shadow = host?.shadowRoots?.[0];
    if (!shadow) throw new Error(`#${hostId} has no shadow root on ${page.url()}`);
    return shadow;
  }

  async function nodeOf(selector?: string): Promise<number> {
    const root = await shadowRoot();
    if (selector === undefined) return root.nodeId;
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    if (!nodeId) throw new Error(`nothing matches ${selector} in #${hostId}`);
    return nodeId;
  }

  async function callOn<T>(nodeId: number, functionDeclaration: string, args: unknown[] = []): Promise<T> {
    const { object } = await cdp.send('DOM.resolveNode', { nodeId });
    try {
      const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId!,
        functionDeclaration,
        arguments: args.map((value) => ({ value })),
        returnByValue: true,
        awaitPromise: true,
      });
      if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
      return result.value as T;
    } finally {
      await cdp.send('Runtime.releaseObject', { objectId: object.objectId! });
    }
  }

  const exists = async (selector: string) => {
    const root = await shadowRoot();
    return (await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector })).nodeId !== 0;
  };

  return {
    rootType: async () => (await shadowRoot()).shadowRootType ?? 'unknown',
    exists,
    async waitFor(selector, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!(await exists(selector).catch(() => false))) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${selector} in #${hostId}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    text: async (selector) => callOn<string>(await nodeOf(selector), READ_SHOWN_TEXT),
    attribute: async (selector, name) =>
      callOn<string | null>(await nodeOf(selector), 'function (name) { return this.getAttribute(name); }', [name]),
    async click(selector) {
      const nodeId = await nodeOf(selector);
      await cdp.send('DOM.scrollIntoViewIfNeeded', { nodeId });
      const { quads } = await cdp.send('DOM.getContentQuads', { nodeId });
      const quad = quads[0];
      if (!quad) throw new Error(`${selector} in #${hostId} is not rendered`);
      const x = (quad[0]! + quad[2]! + quad[4]! + quad[6]!) / 4;
      const y = (quad[1]! + quad[3]! + quad[5]! + quad[7]!) / 4;
      await page.mouse.click(x, y);
    },
    async select(selector, value) {
      await callOn(
        await nodeOf(selector),
        'function (value) { this.value = value; this.dispatchEvent(new Event("change", { bubbles: true })); }',
        [value],
      );
    },
  };
}
