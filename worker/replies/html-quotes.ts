// Finds the quote containers mail clients put around quoted history in HTML and replaces them with a placeholder.
import { type HtmlElement, type HtmlNode, hasClass } from '../html/tree.ts';
import { QUOTE_PLACEHOLDER_TAG } from '../html/to-text.ts';
import { getReplyPatterns, type ReplyPatterns } from './patterns.ts';
import type { ReplyRuleOptions } from './provenance.ts';

/** Class names of containers that hold quoted history; the text after them (an interleaved answer, a disclaimer) stays. */
const QUOTE_CONTAINER_CLASSES = [
  'gmail_quote', // Gmail (and clients that write Gmail's markup: Superhuman, Mailspring)
  'gmail_quote_container', // Gmail since 2024
  'gmail_attr', // Gmail's "On … wrote:" line
  'gmail_extra', // Gmail before 2017
  'moz-cite-prefix', // Thunderbird's "On … wrote:" line
  'yahoo_quoted', // Yahoo Mail (also prefixed: "ydp12ab34yahoo_quoted")
  'protonmail_quote', // Proton Mail
  'zmail_extra', // Zoho Mail
  'tutanota_quote', // Tuta
  'front-blockquote', // Front
  'freshdesk_quote', // Freshdesk
  'missive_quote', // Missive
  'notion-mail-quote', // Notion Mail
  'ms-outlook-mobile-reference-message', // Outlook for iOS/Android
  'outlookmessageheader', // Outlook 2003
];
/** Class names that may carry a client's prefix (Yahoo writes "ydp<hash>yahoo_quoted"). */
const PREFIXED_QUOTE_CLASSES = ['yahoo_quoted'];
const QUOTE_CONTAINER_IDS = ['olk_src_body_section', 'yahoo_quoted', 'isforwardcontent', 'aolmsgpart', 'qt'];
/** Attribute markers: Zimbra's data-marker sections, Spark's name attribute. */
const QUOTE_DATA_MARKERS = ['__quoted_text__', '__headers__'];
const QUOTE_NAMES = ['messagereplysection'];

/** Signature containers that clients mark as such. */
const SIGNATURE_CLASSES = [
  'gmail_signature',
  'moz-signature',
  'ms-outlook-mobile-signature',
  'signature',
  'protonmail_signature_block',
  'zmail_signature_below',
];
const SIGNATURE_IDS = [
  'signature',
  'applemailsignature',
  'ms-outlook-mobile-signature',
  'mailsignature',
  'ymail_android_signature',
  '_rc_sig',
];
const SIGNATURE_DATA_MARKERS = ['__sig_pre__', '__sig_post__'];

/** Markers after which everything in document order is the quoted message (Outlook, Hotmail, Zimbra). */
const CUT_FROM_IDS = [
  'divrplyfwdmsg',
  'appendonsend',
  'stopspelling',
  'mail-editor-reference-message-container',
  'zwchr',
];
const CUT_DATA_MARKERS = ['__divider__'];

/** Outlook desktop puts the quoted header block in a div with a top border (and no other mark). */
const OUTLOOK_HEADER_BORDER = /border-top\s*:\s*solid\s+#(?:e1e1e1|b5c4df)/i;

/** Outlook on the web prefixes the classes and ids of the quoted message with "x_". */
function normalizeName(name: string): string {
  return name.toLowerCase().replace(/^(?:x_)+/, '');
}

function hasAnyClass(element: HtmlElement, names: readonly string[], prefixed: readonly string[] = []): boolean {
  const classes = element.attributes['class'];
  if (!classes) return false;
  return classes.split(/\s+/).some((raw) => {
    const name = normalizeName(raw);
    return names.includes(name) || prefixed.some((suffix) => name.endsWith(suffix));
  });
}

function hasAnyId(element: HtmlElement, ids: readonly string[]): boolean {
  const id = element.attributes['id'];
  if (!id) return false;
  const normalized = normalizeName(id);
  return ids.some((candidate) => normalized === candidate || normalized.startsWith(`${candidate}_`));
}

function hasAttributeIn(element: HtmlElement, attribute: string, values: readonly string[]): boolean {
  const value = element.attributes[attribute];
  return value !== undefined && values.includes(value.toLowerCase());
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

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').trim();
}

/**
 * A forwarded message is the content, not history: Gmail wraps it in the same gmail_quote container,
 * Thunderbird in moz-forward-container, Apple Mail in a cite blockquote under "Begin forwarded message:".
 */
function isForwardContainer(element: HtmlElement, patterns: ReplyPatterns, previousText: string): boolean {
  if (hasClass(element, 'moz-forward-container')) return true;
  if (patterns.forwardMarker.test(firstLine(readLeadingText(element)))) return true;
  return patterns.forwardMarker.test(previousText);
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
  return (
    hasAnyClass(element, QUOTE_CONTAINER_CLASSES, PREFIXED_QUOTE_CLASSES) ||
    hasAnyId(element, QUOTE_CONTAINER_IDS) ||
    hasAttributeIn(element, 'data-marker', QUOTE_DATA_MARKERS) ||
    hasAttributeIn(element, 'name', QUOTE_NAMES)
  );
}

function isSignatureContainer(element: HtmlElement): boolean {
  if (element.attributes['data-smartmail'] === 'gmail_signature') return true;
  return (
    hasAnyClass(element, SIGNATURE_CLASSES) ||
    hasAnyId(element, SIGNATURE_IDS) ||
    hasAttributeIn(element, 'data-marker', SIGNATURE_DATA_MARKERS)
  );
}

function isCutMarker(element: HtmlElement, patterns: ReplyPatterns): boolean {
  if (hasAnyId(element, CUT_FROM_IDS) || hasAttributeIn(element, 'data-marker', CUT_DATA_MARKERS)) return true;
  const style = element.attributes['style'];
  if (style === undefined || !OUTLOOK_HEADER_BORDER.test(style)) return false;
  return patterns.headerFieldLine.test(firstLine(readLeadingText(element).replace(/\*/g, '')));
}

const placeholder = (): HtmlElement => ({ kind: 'element', tag: QUOTE_PLACEHOLDER_TAG, attributes: {}, children: [] });

/**
 * Returns a copy of the tree with quote containers replaced by a placeholder, signature containers dropped,
 * and everything from an Outlook-style cut marker on removed.
 */
export function removeHtmlQuotes(root: HtmlElement, options: ReplyRuleOptions = {}): HtmlElement {
  return rebuild(root, getReplyPatterns(options)).element;
}

function rebuild(element: HtmlElement, patterns: ReplyPatterns): { element: HtmlElement; cut: boolean } {
  const children: HtmlNode[] = [];
  let cut = false;
  for (const [index, child] of element.children.entries()) {
    if (child.kind === 'text') {
      children.push(child);
      continue;
    }
    if (isCutMarker(child, patterns) || isRuleAboveHeaderBlock(element.children, index, patterns)) {
      children.push(placeholder());
      cut = true;
      break;
    }
    if (isQuoteContainer(child) && !isForwardContainer(child, patterns, readTextBefore(element.children, index))) {
      children.push(placeholder());
      continue;
    }
    if (isSignatureContainer(child)) continue;
    const rebuilt = rebuild(child, patterns);
    children.push(rebuilt.element);
    if (rebuilt.cut) {
      cut = true;
      break;
    }
  }
  return { element: { ...element, children }, cut };
}

/**
 * Outlook on the web, Hotmail and Windows Mail draw a horizontal rule right above the header block of the quoted
 * message ("<hr>From: …<br>Sent: …"): the rule is where the history starts.
 */
function isRuleAboveHeaderBlock(siblings: readonly HtmlNode[], index: number, patterns: ReplyPatterns): boolean {
  const rule = siblings[index];
  if (rule?.kind !== 'element' || rule.tag !== 'hr') return false;
  let text = '';
  for (let sibling = index + 1; sibling < siblings.length && text.trim().length < 40; sibling++) {
    const node = siblings[sibling]!;
    text += node.kind === 'text' ? node.text : `\n${readLeadingText(node)}`;
  }
  return patterns.headerFieldLine.test(firstLine(text.trimStart()).replace(/\*/g, ''));
}

/** The last line of text written before the sibling at `index` ("Begin forwarded message:" above a blockquote). */
function readTextBefore(siblings: readonly HtmlNode[], index: number, limit = 200): string {
  let text = '';
  const visit = (node: HtmlNode): void => {
    if (text.length >= limit) return;
    if (node.kind === 'text') {
      text = node.text + text;
      return;
    }
    if (node.tag === 'style' || node.tag === 'script' || node.tag === 'head') return;
    for (let child = node.children.length - 1; child >= 0 && text.length < limit; child--) visit(node.children[child]!);
    if (node.tag === 'br' || node.tag === 'div' || node.tag === 'p') text = `\n${text}`;
  };
  for (let sibling = index - 1; sibling >= 0 && text.trim().length === 0; sibling--) visit(siblings[sibling]!);
  const lines = text.trim().split('\n');
  return (lines[lines.length - 1] ?? '').trim();
}
