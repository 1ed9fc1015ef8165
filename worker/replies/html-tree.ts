// A small, forgiving HTML tokenizer and tree builder: enough structure to find quote containers (no DOM in workerd).
import { decodeHtmlEntities } from './html-entities.ts';

export type HtmlText = { kind: 'text'; text: string };
export type HtmlElement = {
  kind: 'element';
  tag: string;
  attributes: Record<string, string>;
  children: HtmlNode[];
};
export type HtmlNode = HtmlElement | HtmlText;

/** Elements that never have content (HTML §13.1.2). */
const VOID_ELEMENTS = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]);

/** Elements whose content is raw text up to their end tag, never markup. */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'title', 'textarea', 'xmp']);

/** An open element of one of these is closed by a new start tag of the same family (the common implied end tags). */
const SELF_CLOSING_FAMILIES: Record<string, readonly string[]> = {
  p: ['p'],
  li: ['li'],
  dt: ['dt', 'dd'],
  dd: ['dt', 'dd'],
  tr: ['tr'],
  td: ['td', 'th'],
  th: ['td', 'th'],
  option: ['option'],
};

/** Nesting deeper than this is flattened: real mail never needs it, and it bounds recursion for hostile input. */
const MAX_DEPTH = 400;

/** Sticky: matched in place at lastIndex, so no substring is copied per tag. */
const TAG_NAME = /[A-Za-z][A-Za-z0-9:-]*/y;
const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/** Parses HTML into a tree under a synthetic root element; never throws. */
export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { kind: 'element', tag: '#root', attributes: {}, children: [] };
  const stack: HtmlElement[] = [root];
  const current = (): HtmlElement => stack[stack.length - 1] ?? root;
  const appendText = (text: string): void => {
    if (text.length === 0) return;
    const siblings = current().children;
    const last = siblings[siblings.length - 1];
    if (last?.kind === 'text') last.text += text;
    else siblings.push({ kind: 'text', text });
  };

  let position = 0;
  while (position < html.length) {
    const open = html.indexOf('<', position);
    if (open === -1) {
      appendText(decodeHtmlEntities(html.slice(position)));
      break;
    }
    if (open > position) appendText(decodeHtmlEntities(html.slice(position, open)));
    const next = html[open + 1] ?? '';

    if (html.startsWith('<!--', open)) {
      const close = html.indexOf('-->', open + 4);
      position = close === -1 ? html.length : close + 3;
      continue;
    }
    if (next === '!' || next === '?') {
      // Doctype, CDATA, processing instructions (<?xml …?>): no visible text for a reader.
      const close = html.indexOf('>', open);
      position = close === -1 ? html.length : close + 1;
      continue;
    }
    if (next === '/') {
      const nameMatch = matchTagName(html, open + 2);
      const close = html.indexOf('>', open);
      position = close === -1 ? html.length : close + 1;
      if (!nameMatch) continue;
      closeElement(stack, nameMatch[0].toLowerCase());
      continue;
    }
    const nameMatch = matchTagName(html, open + 1);
    if (!nameMatch) {
      appendText('<');
      position = open + 1;
      continue;
    }
    const tagEnd = findTagEnd(html, open + 1 + nameMatch[0].length);
    const tag = nameMatch[0].toLowerCase();
    const attributeText = html.slice(open + 1 + nameMatch[0].length, tagEnd);
    position = tagEnd + 1;
    const element: HtmlElement = { kind: 'element', tag, attributes: parseAttributes(attributeText), children: [] };

    const family = SELF_CLOSING_FAMILIES[tag];
    if (family && family.includes(current().tag)) stack.pop();
    current().children.push(element);

    if (RAW_TEXT_ELEMENTS.has(tag)) {
      const closeAt = findEndTag(html, tag, position);
      const rawEnd = closeAt === -1 ? html.length : closeAt;
      const raw = html.slice(position, rawEnd);
      if (raw.length > 0) element.children.push({ kind: 'text', text: tag === 'textarea' ? decodeHtmlEntities(raw) : raw });
      const close = closeAt === -1 ? -1 : html.indexOf('>', closeAt);
      position = close === -1 ? html.length : close + 1;
      continue;
    }
    const selfClosed = attributeText.trimEnd().endsWith('/');
    if (!VOID_ELEMENTS.has(tag) && !selfClosed && stack.length < MAX_DEPTH) stack.push(element);
  }
  return root;
}

/** Finds `</tag` case-insensitively from `from` without copying the document. */
function findEndTag(html: string, tag: string, from: number): number {
  const endTag = new RegExp(`</${tag}`, 'ig');
  endTag.lastIndex = from;
  return endTag.exec(html)?.index ?? -1;
}

function matchTagName(html: string, at: number): RegExpExecArray | null {
  TAG_NAME.lastIndex = at;
  return TAG_NAME.exec(html);
}

/** Finds the `>` that ends a start tag, skipping quoted attribute values. */
function findTagEnd(html: string, from: number): number {
  let quote: string | null = null;
  for (let index = from; index < html.length; index++) {
    const char = html[index];
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      return index;
    }
  }
  return html.length;
}

function parseAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  if (text.trim().length === 0) return attributes;
  for (const match of text.matchAll(ATTRIBUTE)) {
    const name = (match[1] ?? '').toLowerCase();
    if (name.length === 0 || name in attributes) continue;
    attributes[name] = decodeHtmlEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attributes;
}

/** Closes the nearest open element of that name; an end tag with no open element is ignored, as browsers do. */
function closeElement(stack: HtmlElement[], tag: string): void {
  for (let index = stack.length - 1; index > 0; index--) {
    if (stack[index]?.tag === tag) {
      stack.length = index;
      return;
    }
  }
}

export function hasClass(element: HtmlElement, className: string): boolean {
  const classes = element.attributes['class'];
  if (!classes) return false;
  return classes.split(/\s+/).some((name) => name.toLowerCase() === className);
}
