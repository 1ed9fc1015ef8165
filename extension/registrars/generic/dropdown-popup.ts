// Opens a custom dropdown like a person (click, wait for its list to appear), reads the options that appeared and
// clicks one, whatever the UI kit: ARIA listboxes, portals added at the end of the body, menus shown by a class,
// lists revealed by `hidden`, option items with or without roles.
import { clickLikeUser, pressEscape, sleep } from '../dom/set-control-value.ts';
import { readVisibleText } from './describe-control.ts';
import type { PageRoot } from './page-roots.ts';
import { findByIdNear } from './page-roots.ts';
import { isVisible } from './visibility.ts';

/** How long a dropdown may take to render its options (frameworks render on the next frame or later). */
const POPUP_WAIT_MS = 1500;
/** How long a click on an option may take to take effect (the list closes, the choice shows). */
const PICK_WAIT_MS = 400;
const POLL_MS = 20;

export type ChoiceOption = { text: string; element: Element };
export type OpenPopup = { options: ChoiceOption[]; close(): Promise<void> };

const ITEM_ROLES = '[role=option], [role=menuitem], [role=menuitemradio], [role=treeitem]';

/** The elements a click on `trigger` may have revealed: what was added, or shown by an attribute, away from the trigger. */
function watchChanges(roots: readonly PageRoot[], trigger: Element): { changed(): Element[]; stop(): void } {
  const changed = new Set<Element>();
  const observers = roots.map((root) => {
    const view = (root.ownerDocument ?? (root as Document)).defaultView;
    const ObserverClass = view?.MutationObserver ?? globalThis.MutationObserver;
    const observer = new ObserverClass((records) => {
      for (const record of records) {
        const nodes = record.type === 'childList' ? Array.from(record.addedNodes) : [record.target];
        for (const node of nodes) {
          if (node.nodeType !== 1) continue;
          const element = node as Element;
          // The trigger and its own wrappers change too (aria-expanded, an "open" class): they are not the list.
          if (element.contains(trigger) || trigger.contains(element)) continue;
          changed.add(element);
        }
      }
    });
    observer.observe(root, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['class', 'hidden', 'style', 'aria-hidden', 'open'],
    });
    return observer;
  });
  return {
    changed: () => {
      for (const observer of observers)
        for (const record of observer.takeRecords()) {
          const nodes = record.type === 'childList' ? Array.from(record.addedNodes) : [record.target];
          for (const node of nodes)
            if (node.nodeType === 1 && !(node as Element).contains(trigger) && !trigger.contains(node as Element))
              changed.add(node as Element);
        }
      return [...changed].filter((element) => element.isConnected);
    },
    stop: () => observers.forEach((observer) => observer.disconnect()),
  };
}

/** The list a trigger names (aria-controls / aria-owns), when it is in the page. */
function namedLists(trigger: Element): Element[] {
  return `${trigger.getAttribute('aria-controls') ?? ''} ${trigger.getAttribute('aria-owns') ?? ''}`
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => findByIdNear(trigger, id))
    .filter((element): element is Element => element !== null);
}

function withDescendants(elements: readonly Element[]): Element[] {
  const all = new Set<Element>();
  for (const element of elements) {
    all.add(element);
    for (const descendant of Array.from(element.querySelectorAll('*'))) all.add(descendant);
  }
  return [...all];
}

/** The option items among elements: ARIA options first, else list items, else the smallest pieces of text. */
export function pickOptionItems(elements: readonly Element[]): ChoiceOption[] {
  const visible = elements.filter(
    (element) => !['SCRIPT', 'STYLE', 'TEMPLATE'].includes(element.tagName) && isVisible(element),
  );
  const byRole = visible.filter((element) => element.matches(ITEM_ROLES));
  const listItems = visible.filter((element) => element.tagName === 'LI');
  const leaves = visible.filter((element) => {
    const text = readVisibleText(element);
    return (
      text !== '' && text.length <= 80 && !Array.from(element.children).some((child) => readVisibleText(child) !== '')
    );
  });
  const items = byRole.length > 0 ? byRole : listItems.length > 0 ? listItems : leaves;
  // One option per text: a kit may render the same option twice (an accessible copy and the visible item).
  const byText = new Map<string, ChoiceOption>();
  for (const element of items) {
    const text = readVisibleText(element);
    if (text !== '' && !byText.has(text)) byText.set(text, { text, element });
  }
  return [...byText.values()];
}

/** The innermost element carrying the whole text of an item: where a person's click lands (a link inside a li). */
export function clickTargetOf(item: Element): Element {
  let target = item;
  for (;;) {
    const text = readVisibleText(target);
    const inner = Array.from(target.children).filter((child) => isVisible(child) && readVisibleText(child) === text);
    if (inner.length !== 1) return target;
    target = inner[0] as Element;
  }
}

/** Clicks the trigger and waits for options to appear; null when none did. */
export async function openDropdown(trigger: Element, roots: readonly PageRoot[]): Promise<OpenPopup | null> {
  const watch = watchChanges(roots, trigger);
  clickLikeUser(trigger);
  const deadline = Date.now() + POPUP_WAIT_MS;
  let options: ChoiceOption[] = [];
  while (Date.now() < deadline) {
    await sleep(POLL_MS);
    options = pickOptionItems(withDescendants([...namedLists(trigger), ...watch.changed()]));
    if (options.length > 0) break;
  }
  watch.stop();
  if (options.length === 0) return null;
  const anyOption = options[0] as ChoiceOption;
  const isOpen = () => anyOption.element.isConnected && isVisible(anyOption.element);
  return {
    options,
    // Escape inside the list first: pressed on the trigger it would also reach a dialog around the form and close it.
    close: async () => {
      for (const target of [anyOption.element, trigger]) {
        if (!isOpen()) return;
        pressEscape(target);
        await sleep(POLL_MS);
      }
      if (isOpen()) clickLikeUser(trigger);
    },
  };
}

/**
 * Clicks the first option passing `test` and checks that it took (the list closed or the option left the page);
 * tries the next matching option otherwise (`60 min` and `1 hr` both mean 3600 seconds).
 */
export async function pickFromPopup(popup: OpenPopup, test: (text: string) => boolean): Promise<boolean> {
  for (const option of popup.options.filter((candidate) => test(candidate.text))) {
    if (!option.element.isConnected || !isVisible(option.element)) continue;
    clickLikeUser(clickTargetOf(option.element));
    const deadline = Date.now() + PICK_WAIT_MS;
    while (Date.now() < deadline) {
      await sleep(POLL_MS);
      if (!option.element.isConnected || !isVisible(option.element)) return true;
    }
  }
  await popup.close();
  return false;
}
