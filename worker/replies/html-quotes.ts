// Finds the quote containers mail clients put around quoted history in HTML and replaces them with a placeholder.
import { type HtmlElement, type HtmlNode, hasClass } from '../html/tree.ts';
import { QUOTE_PLACEHOLDER_TAG } from '../html/to-text.ts';
import { FORWARD_MARKER } from './patterns.ts';

/** Containers that hold quoted history; the text after them (an interleaved answer, a disclaimer) stays. */
const QUOTE_CONTAINER_CLASSES = [
  'gmail_quote', // Gmail
  'gmail_quote_container', // Gmail since 2024
  'moz-cite-prefix', // Thunderbird's "On … wrote:" line
  'yahoo_quoted', // Yahoo Mail
  'protonmail_quote', // Proton Mail
  'zmail_extra', // Zoho Mail
  'tutanota_quote', // Tuta
  'ms-outlook-mobile-reference-message', // Outlook for iOS/Android
];
const QUOTE_CONTAINER_IDS = ['olk_src_body_section', 'yahoo_quoted', 'isforwardcontent'];

/** Signature containers that clients mark as such. */
const SIGNATURE_CLASSES = ['gmail_signature', 'moz-signature', 'ms-outlook-mobile-signature', 'signature'];
const SIGNATURE_IDS = ['signature', 'applemailsignature', 'ms-outlook-mobile-signature', 'mailsignature'];

/** Markers after which everything in document order is the quoted message (Outlook, Hotmail). */
const CUT_FROM_IDS = ['divrplyfwdmsg', 'appendonsend', 'stopspelling', 'mail-editor-reference-message-container'];

/** Outlook desktop puts the quoted header block in a div with a top border (and no other mark). */
const OUTLOOK_HEADER_BORDER = /border-top\s*:\s*solid\s+#(?:e1e1e1|b5c4df)/i;
const HEADER_FIELD_START = /^\s*(?:from|de|von|da|van|fra|från|od|от|lähettäjä|feladó|kimden|发件人|寄件者|差出人)\s*[:：]/i;

/** Outlook on the web prefixes the classes and ids of the quoted message with "x_". */
function normalizeName(name: string): string {
  return name.toLowerCase().replace(/^(?:x_)+/, '');
}

function hasAnyClass(element: HtmlElement, names: readonly string[]): boolean {
  const classes = element.attributes['class'];
  if (!classes) return false;
  return classes.split(/\s+/).some((name) => names.includes(normalizeName(name)));
}

function hasAnyId(element: HtmlElement, ids: readonly string[]): boolean {
  const id = element.attributes['id'];
  if (!id) return false;
  const normalized = normalizeName(id);
  return ids.some((candidate) => normalized === candidate || normalized.startsWith(`${candidate}_`));
}

/** The first characters of an element's text, for a cheap look at how it starts. */
function readLeadingText(node: HtmlNode, limit = 200): string {
  let text = '';
  const visit = (current: HtmlNode): void => {
    if (text.length >= limit) return;
    if (current.kind === 'text') {
      text += current.text;
      return;
    }
    if (current.tag === 'style' || current.tag === 'script' || current.tag === 'head') return;
    if (current.tag === 'br' || current.tag === 'div' || current.tag === 'p') text += '\n';
    for (const child of current.children) visit(child);
  };
  visit(node);
  return text.trimStart().slice(0, limit);
}

/** A forwarded message is the content, not history: Gmail wraps it in the same gmail_quote container. */
function isForwardContainer(element: HtmlElement): boolean {
  return hasClass(element, 'moz-forward-container') || FORWARD_MARKER.test(readLeadingText(element).split('\n')[0] ?? '');
}

/** Gmail's "indent" button makes a blockquote with no border: that is the sender's own text. */
function isIndentBlockquote(element: HtmlElement): boolean {
  const style = (element.attributes['style'] ?? '').toLowerCase().replace(/\s+/g, '');
  return (
    element.attributes['type'] !== 'cite' &&
    !element.attributes['class'] &&
    style.includes('border:none') &&
    /margin:0(px)?0(px)?0(px)?40px/.test(style)
  );
}

function isQuoteContainer(element: HtmlElement): boolean {
  if (element.tag === 'blockquote') return !isIndentBlockquote(element);
  if (hasAnyClass(element, QUOTE_CONTAINER_CLASSES) || hasAnyId(element, QUOTE_CONTAINER_IDS)) {
    return !isForwardContainer(element);
  }
  return false;
}

function isSignatureContainer(element: HtmlElement): boolean {
  if (element.attributes['data-smartmail'] === 'gmail_signature') return true;
  return hasAnyClass(element, SIGNATURE_CLASSES) || hasAnyId(element, SIGNATURE_IDS);
}

function isCutMarker(element: HtmlElement): boolean {
  if (hasAnyId(element, CUT_FROM_IDS)) return true;
  if (hasAnyClass(element, ['outlookmessageheader'])) return true;
  const style = element.attributes['style'];
  return (
    style !== undefined &&
    OUTLOOK_HEADER_BORDER.test(style) &&
    HEADER_FIELD_START.test(readLeadingText(element).replace(/\*/g, ''))
  );
}

const placeholder = (): HtmlElement => ({ kind: 'element', tag: QUOTE_PLACEHOLDER_TAG, attributes: {}, children: [] });

/**
 * Returns a copy of the tree with quote containers replaced by a placeholder, signature containers dropped,
 * and everything from an Outlook-style cut marker on removed.
 */
export function removeHtmlQuotes(root: HtmlElement): HtmlElement {
  return rebuild(root).element;
}

function rebuild(element: HtmlElement): { element: HtmlElement; cut: boolean } {
  const children: HtmlNode[] = [];
  let cut = false;
  for (const child of element.children) {
    if (child.kind === 'text') {
      children.push(child);
      continue;
    }
    if (isCutMarker(child)) {
      children.push(placeholder());
      cut = true;
      break;
    }
    if (isQuoteContainer(child)) {
      children.push(placeholder());
      continue;
    }
    if (isSignatureContainer(child)) continue;
    const rebuilt = rebuild(child);
    children.push(rebuilt.element);
    if (rebuilt.cut) {
      cut = true;
      break;
    }
  }
  return { element: { ...element, children }, cut };
}
