// The sanitizer against the OWASP and DOMPurify vector lists: each output is re-parsed by a spec parser (parse5,
// the HTML Standard's tree construction) and walked, so what is checked is what a browser would build from it.
import { type DefaultTreeAdapterMap, parseFragment } from 'parse5';
import { describe, expect, it } from 'vitest';
import { XSS_VECTORS } from './fixtures/xss-vectors.ts';
import { BLOCKED_IMAGE_ATTRIBUTE, sanitizeHtml } from './sanitize.ts';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';
/** Elements that can neither run code, load anything, submit anything, nor change how the markup inside is read. */
const INERT_ELEMENTS = new Set([
  'a',
  'abbr',
  'address',
  'b',
  'bdi',
  'bdo',
  'big',
  'blockquote',
  'br',
  'caption',
  'center',
  'cite',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'font',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'time',
  'tr',
  'tt',
  'u',
  'ul',
  'var',
  'wbr',
]);
const INERT_ATTRIBUTES = new Set([
  'align',
  'valign',
  'bgcolor',
  'color',
  'width',
  'height',
  'dir',
  'lang',
  'title',
  'style',
  'class',
  'border',
  'alt',
  'span',
  'start',
  'type',
  'value',
  'colspan',
  'rowspan',
  'headers',
  'nowrap',
  'scope',
  'cellpadding',
  'cellspacing',
  'summary',
  'face',
  'size',
  'rel',
  'target',
  'href',
  'cite',
  'src',
  BLOCKED_IMAGE_ATTRIBUTE,
]);
const SAFE_LINK = /^(?:(?:https?|mailto|tel):|#)/i;
const SAFE_IMAGE = /^(?:cid:|data:image\/(?:png|gif|jpe?g|webp|bmp);base64,)/i;
/** What CSS must never contain once its escapes are decoded and its comments removed. */
const ACTIVE_CSS =
  /url\(|image-set\(|image\(|cross-fade\(|element\(|expression\(|@import|behavior|-moz-binding|javascript:|position:\s*(?:fixed|absolute|sticky)/i;

/** CSS Syntax §4.3.7: `\` + up to six hex digits (+ one whitespace), or `\` + any other character. */
function decodeCss(style: string): string {
  return style
    .replace(/\\([0-9a-f]{1,6})[ \t\n\r\f]?/gi, (_, hex: string) =>
      String.fromCodePoint(Math.min(Number.parseInt(hex, 16), 0x10ffff) || 0xfffd),
    )
    .replace(/\\(.)/g, '$1')
    .replace(/\/\*[\s\S]*?\*\//g, '');
}

/** Every problem a browser-built tree of the output has; an empty list means inert. */
function findActiveConstructs(html: string): string[] {
  const problems: string[] = [];
  const visit = (node: Node): void => {
    if (node.nodeName === '#comment') problems.push('a comment (markup the sanitizer did not write)');
    if ('tagName' in node) checkElement(node, problems);
    if ('childNodes' in node) node.childNodes.forEach(visit);
  };
  visit(parseFragment(html));
  return problems;
}

function checkElement(element: Element, problems: string[]): void {
  if (element.namespaceURI !== HTML_NAMESPACE) problems.push(`<${element.tagName}> in ${element.namespaceURI}`);
  if (!INERT_ELEMENTS.has(element.tagName)) problems.push(`<${element.tagName}>`);
  for (const { name, value } of element.attrs) {
    if (!INERT_ATTRIBUTES.has(name)) problems.push(`${name}= on <${element.tagName}>`);
    const compact = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
    if ((name === 'href' || name === 'cite') && !SAFE_LINK.test(compact)) problems.push(`${name}="${value}"`);
    if (name === 'src' && !SAFE_IMAGE.test(compact)) problems.push(`src="${value}"`);
    if (name === 'style' && ACTIVE_CSS.test(decodeCss(value))) problems.push(`style="${value}"`);
  }
}

function readText(html: string): string {
  const texts: string[] = [];
  const visit = (node: Node): void => {
    if (node.nodeName === '#text' && 'value' in node) texts.push(node.value);
    if ('childNodes' in node) node.childNodes.forEach(visit);
  };
  visit(parseFragment(html));
  return texts.join('');
}

describe('sanitizeHtml against the vector lists (re-parsed by a spec parser)', () => {
  it('the checker itself finds what it looks for', () => {
    expect(findActiveConstructs('<img src=x onerror=alert(1)><svg><a href="javascript:1"></a></svg>')).toEqual([
      'src="x"',
      'onerror= on <img>',
      '<svg> in http://www.w3.org/2000/svg',
      '<svg>',
      '<a> in http://www.w3.org/2000/svg',
      'href="javascript:1"',
    ]);
    expect(
      findActiveConstructs(String.raw`<p style="background:u\72l(x)"></p><p style="position:fi/**/xed"></p>`),
    ).toHaveLength(2);
  });

  it.each(XSS_VECTORS.map((vector) => [vector.source, vector.html, vector.keeps] as const))(
    '%s: %s',
    (_source, html, keeps) => {
      const sanitized = sanitizeHtml(html);
      expect(findActiveConstructs(sanitized)).toEqual([]);
      // A fixed point: sanitizing the output again changes nothing, so no second parse can grow new markup from it.
      expect(sanitizeHtml(sanitized)).toBe(sanitized);
      if (keeps !== undefined) expect(readText(sanitized)).toContain(keeps);
    },
  );

  it('keeps remote images out unless allowed, in the blocked-image attribute', () => {
    const blocked = sanitizeHtml('<img src="https://tracker.example/p.gif">');
    expect(parseFragment(blocked).childNodes[0]).toMatchObject({
      tagName: 'img',
      attrs: [{ name: BLOCKED_IMAGE_ATTRIBUTE, value: 'https://tracker.example/p.gif' }],
    });
  });
});
