// A small tree builder over the toolkit's tokenizer: enough structure to find quote containers and to sanitize.
import { FOREIGN_ROOTS, HEAD_CONTENT, IMPLIED_END_TAGS, RAW_TEXT_ELEMENTS, VOID_ELEMENTS } from './elements.ts';
import { type HtmlAttributes, type HtmlTokenSink, tokenizeHtml } from './tokenize.ts';

export type HtmlText = { kind: 'text'; text: string };
export type HtmlElement = {
  kind: 'element';
  tag: string;
  attributes: HtmlAttributes;
  children: HtmlNode[];
};
export type HtmlNode = HtmlElement | HtmlText;

/** Nesting deeper than this is flattened: real mail never needs it, and it bounds recursion for hostile input. */
export const MAX_DEPTH = 400;

const NOT_WHITESPACE = /[^\t\n\f\r ]/;

/** Parses HTML into a tree under a synthetic `#root` element; never throws, and works in time linear in the input. */
export function parseHtml(html: string): HtmlElement {
  const builder = new TreeBuilder();
  tokenizeHtml(html, builder);
  return builder.root;
}

export function hasClass(element: HtmlElement, className: string): boolean {
  const classes = element.attributes['class'];
  if (!classes) return false;
  return classes.split(/\s+/).some((name) => name.toLowerCase() === className);
}

function createElement(tag: string, attributes: HtmlAttributes): HtmlElement {
  return { kind: 'element', tag, attributes, children: [] };
}

/**
 * The stack of open elements, with a count per tag name so that an end tag with nothing to close costs O(1);
 * every other step pops what it scans, so the whole build stays linear.
 */
class TreeBuilder implements HtmlTokenSink {
  readonly root = createElement('#root', Object.freeze({}));
  private readonly stack: HtmlElement[] = [this.root];
  private readonly openCounts = new Map<string, number>();
  private foreignDepth = 0;

  onText(text: string): void {
    if (this.current().tag === 'head' && NOT_WHITESPACE.test(text)) this.pop();
    const siblings = this.current().children;
    const last = siblings[siblings.length - 1];
    if (last?.kind === 'text') last.text += text;
    else siblings.push({ kind: 'text', text });
  }

  onStartTag(name: string, attributes: HtmlAttributes, selfClosing: boolean): void {
    const impliedEnds = IMPLIED_END_TAGS.get(name);
    while (impliedEnds?.has(this.current().tag)) this.pop();
    if (this.current().tag === 'head' && !HEAD_CONTENT.has(name)) this.pop();
    const element = createElement(name, attributes);
    this.current().children.push(element);
    // HTML ignores the self-closing flag on HTML elements; only foreign content (SVG, MathML) honours it.
    if (VOID_ELEMENTS.has(name) || (selfClosing && this.isInForeignContent())) return;
    // Raw-text elements hold only text: still opened at the depth limit, so their text never leaks into the parent.
    if (this.stack.length > MAX_DEPTH && !RAW_TEXT_ELEMENTS.has(name)) return;
    this.push(element);
  }

  onEndTag(name: string): void {
    // HTML §13.2.6.4.7: `</br>` is read as `<br>`.
    if (name === 'br') {
      this.onStartTag('br', Object.freeze({}), false);
      return;
    }
    if (!this.openCounts.get(name)) return;
    while (this.stack.length > 1) {
      if (this.pop().tag === name) return;
    }
  }

  isInForeignContent(): boolean {
    return this.foreignDepth > 0;
  }

  private current(): HtmlElement {
    return this.stack[this.stack.length - 1]!;
  }

  private push(element: HtmlElement): void {
    this.stack.push(element);
    this.openCounts.set(element.tag, (this.openCounts.get(element.tag) ?? 0) + 1);
    if (FOREIGN_ROOTS.has(element.tag)) this.foreignDepth++;
  }

  private pop(): HtmlElement {
    const element = this.stack.pop()!;
    this.openCounts.set(element.tag, (this.openCounts.get(element.tag) ?? 1) - 1);
    if (FOREIGN_ROOTS.has(element.tag)) this.foreignDepth--;
    return element;
  }
}
