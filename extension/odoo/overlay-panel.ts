// The Odoo overlay's panel: one host element with a closed shadow root, so that neither Odoo's CSS nor its scripts
// reach what mailgate shows (the gateway's origin, domains and DNS status); its text is generated content
// (content/shadow-text.ts), which a page can neither search nor select.
import { SHADOW_TEXT_RULE, showText } from '../content/shadow-text.ts';

export const OVERLAY_HOST_ID = 'mailgate-odoo-overlay';

// Generic font families only: a page's @font-face cannot stand in for them (a per-glyph font load would tell the
// page which characters the panel draws).
const OVERLAY_STYLE = `
:host { all: initial; position: fixed; z-index: 2147483647; right: 16px; bottom: 16px; }
${SHADOW_TEXT_RULE}
.panel { font: 13px/1.45 system-ui, sans-serif; color: #1f2937; background: #fff;
  border: 1px solid #c9c9c9; border-top: 4px solid #714b67; border-radius: 8px; box-shadow: 0 6px 20px rgba(0,0,0,.18);
  padding: 12px 14px; width: 340px; max-height: 70vh; overflow: auto; box-sizing: border-box; }
.header { display: flex; justify-content: space-between; align-items: baseline; gap: 8px; margin: 0 0 6px; }
.title { font-weight: 600; font-size: 14px; margin: 0; }
.close { border: none; background: none; font-size: 18px; line-height: 1; cursor: pointer; color: #6b7280; padding: 0 2px; }
[hidden] { display: none !important; }
p { margin: 6px 0; }
.muted { color: #6b7280; }
.status { border-radius: 6px; padding: 6px 8px; margin: 8px 0; background: #f3f4f6; }
.status[data-tone="ok"] { background: #ecfdf5; color: #065f46; }
.status[data-tone="warn"] { background: #fffbeb; color: #92400e; }
.status[data-tone="fail"] { background: #fef2f2; color: #991b1b; }
ul { margin: 6px 0; padding-left: 18px; }
.warnings li { color: #92400e; }
.problems li { color: #991b1b; }
label { display: block; margin: 8px 0 2px; font-weight: 600; }
select, input { font: inherit; width: 100%; box-sizing: border-box; padding: 4px 6px; border: 1px solid #c9c9c9; border-radius: 4px; }
.primary { font: inherit; margin-top: 10px; background: #714b67; color: #fff; border: none; border-radius: 4px; padding: 6px 12px; cursor: pointer; }
.primary:disabled { opacity: .6; cursor: default; }
code { font-family: ui-monospace, monospace; font-size: 12px; background: #f3f4f6; padding: 0 3px; border-radius: 3px; }
`;

export type OverlayPanel = {
  host: HTMLElement;
  /** The closed shadow root: reachable only through this handle, which never leaves the content script. */
  root: ShadowRoot;
  /** Where a screen's view renders its content (below the title bar). */
  body: HTMLElement;
  remove(): void;
};

/**
 * Creates an element showing `text` (showText). An `<option>` keeps real text: a select shows nothing else, and the
 * options of a closed root's select are not searchable either.
 */
export function element<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const created = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) created.setAttribute(name, value);
  if (text !== undefined) {
    if (tag === 'option') created.textContent = text;
    else showText(created, text);
  }
  return created;
}

/** Shows (or replaces) the panel for `screen`; `onClose` runs when the admin closes it. */
export function mountOverlayPanel(doc: Document, screen: string, title: string, onClose: () => void): OverlayPanel {
  doc.getElementById(OVERLAY_HOST_ID)?.remove();
  const host = element(doc, 'div', { id: OVERLAY_HOST_ID, 'data-mailgate-screen': screen });
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = OVERLAY_STYLE;
  const panel = element(doc, 'section', { class: 'panel', role: 'complementary', 'aria-label': title });
  const header = element(doc, 'div', { class: 'header' });
  const close = element(doc, 'button', { type: 'button', class: 'close', 'aria-label': 'Close', title: 'Close' }, '×');
  close.addEventListener('click', () => {
    host.remove();
    onClose();
  });
  header.append(element(doc, 'p', { class: 'title' }, title), close);
  const body = element(doc, 'div', { class: 'body' });
  panel.append(header, body);
  root.append(style, panel);
  doc.body.append(host);
  return { host, root, body, remove: () => host.remove() };
}

/** Renders a fill's outcome: what was written, then what the admin must still do. */
export function renderOutcome(
  doc: Document,
  into: HTMLElement,
  filled: string[],
  problems: string[],
  nextStep: string,
): void {
  into.replaceChildren();
  into.setAttribute('data-mailgate-result', problems.length === 0 ? 'ok' : 'partial');
  into.append(
    element(
      doc,
      'p',
      {},
      filled.length > 0 ? `Filled: ${filled.join(', ')}. ${nextStep}` : `Nothing to change. ${nextStep}`,
    ),
  );
  if (problems.length > 0) {
    const list = element(doc, 'ul', { class: 'problems' });
    for (const problem of problems) list.append(element(doc, 'li', {}, problem));
    into.append(list);
  }
}
