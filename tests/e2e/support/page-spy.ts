// A hostile page script, for the tests that prove mailgate's panels give a page nothing: installed in the page's own
// world before the page loads, it listens to every event and DOM change, then (probePage) reads the document every
// way a script can — shadowRoot, a walk of every node and attribute, serializations, window.find and selections.
import type { Page } from 'playwright-core';

export type PageProbe = {
  /** `host.shadowRoot` as the page sees it: null for a closed root. */
  hostShadowRoot: 'null' | 'present' | 'no host';
  /** Which of the secrets appeared anywhere the page could read them. */
  leaked: string[];
  /** Which of the secrets `window.find` found in the rendered page (each could be read out by selecting). */
  found: string[];
  /** Page text `window.find` did find (proves the search works at all). */
  controlFound: boolean;
  /** How many events and DOM changes the spy saw (proves it listened). */
  eventsSeen: number;
  mutationsSeen: number;
};

/** Installs the spy; call before `page.goto`. */
export async function installPageSpy(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const spy = { events: [] as string[], mutations: [] as string[] };
    (window as unknown as { __mailgateSpy: typeof spy }).__mailgateSpy = spy;
    const describe = (target: unknown) =>
      target instanceof Element ? target.outerHTML.slice(0, 2000) : String(target);
    const types = [
      'click',
      'pointerdown',
      'pointerup',
      'mousedown',
      'mouseup',
      'focusin',
      'focusout',
      'keydown',
      'keyup',
      'beforeinput',
      'input',
      'change',
      'submit',
      'copy',
      'selectionchange',
      'message',
      'animationstart',
      'transitionend',
    ];
    for (const type of types) {
      window.addEventListener(
        type,
        (event) => {
          const detail =
            (event as Event & { data?: unknown; detail?: unknown }).data ?? (event as CustomEvent).detail ?? null;
          spy.events.push(
            `${event.type} ${describe(event.target)} path=${event.composedPath().map(describe).join(' > ')} data=${JSON.stringify(detail)}`,
          );
        },
        true,
      );
    }
    new MutationObserver((records) => {
      for (const record of records) {
        spy.mutations.push(
          `${record.type} ${describe(record.target)} ${record.attributeName ?? ''} ${Array.from(record.addedNodes).map(describe).join(' ')}`,
        );
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

/** Reads the page as its own scripts can; `control` is text the page does show (a check that the search works). */
export function probePage(page: Page, hostId: string, secrets: string[], control: string): Promise<PageProbe> {
  return page.evaluate(
    ({ hostId, secrets, control }) => {
      const host = document.getElementById(hostId);
      const seen: string[] = [];
      const walk = (node: Node) => {
        seen.push(node.nodeValue ?? '');
        if (node instanceof Element) {
          for (const attribute of Array.from(node.attributes)) seen.push(attribute.value);
          if (node.shadowRoot) walk(node.shadowRoot);
        }
        for (const child of Array.from(node.childNodes)) walk(child);
      };
      walk(document);
      const root = document.documentElement as HTMLElement & { getHTML?(options: object): string };
      seen.push(root.outerHTML, document.body.innerText, root.getHTML?.({ serializableShadowRoots: true }) ?? '');
      if (host) {
        const box = host.getBoundingClientRect();
        seen.push(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)?.outerHTML ?? '');
      }
      const spy = (window as unknown as { __mailgateSpy: { events: string[]; mutations: string[] } }).__mailgateSpy;
      seen.push(...spy.events, ...spy.mutations);
      const search = (text: string) => {
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        // window.find(text, caseSensitive, backwards, wrapAround): not in TypeScript's DOM types, in every browser.
        const hit = (
          window as unknown as {
            find(text: string, caseSensitive: boolean, backwards: boolean, wrap: boolean): boolean;
          }
        ).find(text, false, false, true);
        seen.push(String(selection));
        // A match inside a shadow tree would let the page select everything around it.
        document.execCommand('selectAll');
        seen.push(String(selection));
        selection.removeAllRanges();
        return hit;
      };
      const found = secrets.filter(search);
      const controlFound = search(control);
      const haystack = seen.join('\n');
      return {
        hostShadowRoot: host ? (host.shadowRoot === null ? 'null' : 'present') : 'no host',
        leaked: secrets.filter((secret) => haystack.includes(secret)),
        found,
        controlFound,
        eventsSeen: spy.events.length,
        mutationsSeen: spy.mutations.length,
      } as const;
    },
    { hostId, secrets, control },
  );
}
