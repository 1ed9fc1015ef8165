// The small panel the registrar content script shows after a fill, inside a closed shadow root so that neither page
// CSS nor page scripts reach it, its words drawn as generated content (shadow-text.ts).
import { SHADOW_TEXT_RULE, showText } from './shadow-text.ts';

const PANEL_HOST_ID = 'mailgate-fill-panel';
/** How long the panel stays before it hides itself. */
const PANEL_LIFETIME_MS = 15_000;

const PANEL_STYLE = `
:host { all: initial; position: fixed; z-index: 2147483647; right: 16px; bottom: 16px; }
${SHADOW_TEXT_RULE}
.panel { font: 13px/1.4 system-ui, sans-serif; color: #1b1b1b; background: #fff; border: 1px solid #c9c9c9;
  border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.15); padding: 12px 14px; max-width: 320px; }
.title { font-weight: 600; margin: 0 0 4px; }
.problems { color: #8a3b00; margin: 6px 0 0; padding-left: 18px; }
button { font: inherit; margin-top: 8px; }
`;

export type FillPanelContent = {
  ok: boolean;
  adapterName: string;
  filled: string[];
  problems: string[];
  error?: string;
};

/** The panel's host in the page, and its shadow root: closed to page scripts, reachable only through this handle. */
export type FillPanel = { host: HTMLElement; root: ShadowRoot };

/** Shows (or replaces) the panel. */
export function showFillPanel(doc: Document, content: FillPanelContent): FillPanel {
  doc.getElementById(PANEL_HOST_ID)?.remove();
  const host = doc.createElement('div');
  host.id = PANEL_HOST_ID;
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = PANEL_STYLE;
  const panel = doc.createElement('section');
  panel.className = 'panel';
  panel.setAttribute('role', 'status');
  const title = doc.createElement('p');
  title.className = 'title';
  showText(
    title,
    content.ok
      ? `mailgate filled ${content.filled.join(', ')} (${content.adapterName}). Check the form, then save it.`
      : `mailgate could not fill this form: ${content.error ?? 'unknown error'}`,
  );
  panel.append(title);
  if (content.problems.length > 0) {
    const list = doc.createElement('ul');
    list.className = 'problems';
    for (const problem of content.problems) {
      const item = doc.createElement('li');
      showText(item, problem);
      list.append(item);
    }
    panel.append(list);
  }
  const close = doc.createElement('button');
  close.type = 'button';
  showText(close, 'Close');
  close.addEventListener('click', () => host.remove());
  panel.append(close);
  root.append(style, panel);
  doc.body.append(host);
  setTimeout(() => host.remove(), PANEL_LIFETIME_MS);
  return { host, root };
}
