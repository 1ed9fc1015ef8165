// Renders an HTML tree as plain text the way a reader sees it: blocks and <br> become line breaks, spaces collapse.
import { type HtmlElement, type HtmlNode, parseHtml } from './tree.ts';

/**
 * A line holding only this character stands where a quote container was removed from the HTML, so the
 * plain-text stage can treat the attribution line before it ("On … wrote:") as part of the quote.
 * A private-use code point never appears in real text.
 */
export const QUOTE_PLACEHOLDER = '\ue000';

/** The tag the quote finder puts in place of a removed quote container. */
export const QUOTE_PLACEHOLDER_TAG = '#quote';

/** Elements a reader never sees. */
const INVISIBLE_ELEMENTS = new Set(['head', 'style', 'script', 'title', 'template', 'noscript', 'xml', 'o:p-hidden']);

/** Elements that begin and end a line of their own. */
const BLOCK_ELEMENTS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'section',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'ul',
  'caption',
  'body',
  'html',
]);

/** Elements separated from each other by a blank line (paragraphs). */
const PARAGRAPH_ELEMENTS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre']);

const COLLAPSIBLE_WHITESPACE = /[ \t\n\r\f]+/g;
/** Whitespace that `trimEnd` would take off a line (`\s` is its set: ECMAScript WhiteSpace and LineTerminator). */
const SPACE_BEFORE_LINE_END = /[^\S\n]\n/;

/** Builds the text line by line, keeping at most one blank line in a row. */
class TextWriter {
  private readonly chunks: string[] = [];
  private atLineStart = true;
  private pendingSpace = false;
  private newlinesAtEnd = 2;

  writeText(text: string): void {
    const collapsed = text.replace(COLLAPSIBLE_WHITESPACE, ' ');
    if (collapsed === ' ') {
      if (!this.atLineStart) this.pendingSpace = true;
      return;
    }
    if (collapsed.length === 0) return;
    const leadingSpace = collapsed.startsWith(' ');
    const trailingSpace = collapsed.endsWith(' ');
    const core = collapsed.trim();
    if ((this.pendingSpace || leadingSpace) && !this.atLineStart) this.chunks.push(' ');
    this.chunks.push(core);
    this.pendingSpace = trailingSpace;
    this.atLineStart = false;
    this.newlinesAtEnd = 0;
  }

  writePreformatted(text: string): void {
    if (text.length === 0) return;
    if (this.pendingSpace && !this.atLineStart) this.chunks.push(' ');
    this.chunks.push(text);
    this.pendingSpace = false;
    const trailingNewlines = /\n*$/.exec(text)?.[0].length ?? 0;
    this.atLineStart = trailingNewlines > 0;
    this.newlinesAtEnd = trailingNewlines === text.length ? this.newlinesAtEnd + trailingNewlines : trailingNewlines;
  }

  /** A hard line break (<br>): always a new line, even an empty one. */
  writeLineBreak(): void {
    this.chunks.push('\n');
    this.atLineStart = true;
    this.pendingSpace = false;
    this.newlinesAtEnd++;
  }

  /** A block edge: ends the current line if it has text. */
  endLine(): void {
    this.pendingSpace = false;
    if (this.atLineStart) return;
    this.writeLineBreak();
  }

  /** A paragraph edge: ends the current line and leaves one blank line. */
  endParagraph(): void {
    this.endLine();
    if (this.newlinesAtEnd < 2) this.writeLineBreak();
  }

  toString(): string {
    const text = this.chunks.join('');
    // Only a line that ends in whitespace needs trimming (the last one's is trimmed with the whole): on a large body
    // the line-by-line copy would be one more pass over all of it for nothing.
    const linesTrimmed = SPACE_BEFORE_LINE_END.test(text)
      ? text
          .split('\n')
          .map((line) => line.trimEnd())
          .join('\n')
      : text;
    return linesTrimmed.replace(/\n{3,}/g, '\n\n').trim();
  }
}

/** Converts an HTML string to readable text (mail bodies, bounce prose, reply extraction). */
export function convertHtmlToText(html: string): string {
  return renderTreeAsText(parseHtml(html));
}

/** Converts an already parsed tree (possibly with quote placeholders) to readable text. */
export function renderTreeAsText(root: HtmlElement): string {
  const writer = new TextWriter();
  renderChildren(root.children, writer, false);
  return writer.toString();
}

function renderChildren(nodes: readonly HtmlNode[], writer: TextWriter, preformatted: boolean): void {
  for (const node of nodes) {
    if (node.kind === 'text') {
      if (preformatted) writer.writePreformatted(node.text);
      else writer.writeText(node.text);
      continue;
    }
    renderElement(node, writer, preformatted);
  }
}

function renderElement(element: HtmlElement, writer: TextWriter, preformatted: boolean): void {
  const { tag } = element;
  if (INVISIBLE_ELEMENTS.has(tag)) return;
  if (tag === QUOTE_PLACEHOLDER_TAG) {
    writer.endLine();
    writer.writeText(QUOTE_PLACEHOLDER);
    writer.endLine();
    return;
  }
  if (tag === 'br') {
    writer.writeLineBreak();
    return;
  }
  if (tag === 'td' || tag === 'th') {
    writer.writeText(' ');
    renderChildren(element.children, writer, preformatted);
    writer.writeText(' ');
    return;
  }
  // Outlook writes every line as <p class=MsoNormal> with no margin: those are lines, not paragraphs.
  const isParagraph = PARAGRAPH_ELEMENTS.has(tag) && !/\bmso/i.test(element.attributes['class'] ?? '');
  const isBlock = isParagraph || BLOCK_ELEMENTS.has(tag) || tag === 'p';
  if (isParagraph) writer.endParagraph();
  else if (isBlock) writer.endLine();
  if (tag === 'li') writer.writeText('- ');
  renderChildren(element.children, writer, preformatted || tag === 'pre' || tag === 'plaintext');
  if (isParagraph) writer.endParagraph();
  else if (isBlock) writer.endLine();
}
