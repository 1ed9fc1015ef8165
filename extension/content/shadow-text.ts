// Text in mailgate's in-page panels, drawn as CSS generated content. A closed shadow root keeps page scripts out of
// the panel's DOM, but not out of its rendered text: `window.find()` searches it, and in Chromium a selection then
// grows around the match to the whole panel. Generated content can be neither found nor selected.

/** The rule every panel's style sheet carries. */
export const SHADOW_TEXT_RULE = '[data-text]::before { content: attr(data-text); }';

/** Shows `text` in `target`; nothing from the page, a message or the gateway is ever parsed as HTML. */
export function showText(target: Element, text: string): void {
  target.setAttribute('data-text', text);
}
