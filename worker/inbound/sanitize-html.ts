// An allow-list HTML sanitizer for mail bodies served for display: a small tokenizer, no DOM (it runs in workerd).
import { decodeHtmlEntities } from '../replies/html-entities.ts';

export type SanitizeOptions = { allowRemoteImages: boolean };

/** The attribute a blocked remote image keeps its address in, so a client can offer "show images". */
export const BLOCKED_IMAGE_ATTRIBUTE = 'data-mailgate-blocked-src';

/** Elements kept, with their attributes (plus GLOBAL_ATTRIBUTES). Everything else loses its tags, keeps its text. */
const ALLOWED_ELEMENTS: Record<string, readonly string[]> = {
  a: ['href'],
  abbr: [], address: [], b: [], bdi: [], bdo: [], big: [], blockquote: ['cite'], br: [], caption: [], center: [],
  cite: [], code: [], col: ['span'], colgroup: ['span'], dd: [], del: [], details: [], dfn: [], div: [], dl: [],
  dt: [], em: [], figcaption: [], figure: [], font: ['color', 'face', 'size'], h1: [], h2: [], h3: [], h4: [],
  h5: [], h6: [], hr: [], i: [], img: ['src', 'alt'], ins: [], kbd: [], li: ['value'], mark: [],
  ol: ['start', 'type'], p: [], pre: [], q: [], s: [], samp: [], small: [], span: [], strike: [], strong: [],
  sub: [], summary: [], sup: [], table: ['cellpadding', 'cellspacing', 'border', 'summary'], tbody: [], td: ['colspan', 'rowspan', 'headers', 'nowrap'],
  tfoot: [], th: ['colspan', 'rowspan', 'scope', 'nowrap'], thead: [], time: [], tr: [], tt: [], u: [], ul: ['type'], var: [], wbr: [],
};
/** Presentational attributes every kept element may carry; ids and names are dropped (DOM clobbering). */
const GLOBAL_ATTRIBUTES = new Set(['align', 'valign', 'bgcolor', 'color', 'width', 'height', 'dir', 'lang', 'title', 'style', 'class', 'border']);
/** Elements removed with everything inside them: active content, or text that is not body text. */
const DROPPED_WITH_CONTENT = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'noscript', 'noembed', 'noframes',
  'template', 'svg', 'math', 'title', 'head', 'textarea', 'select', 'xmp', 'plaintext', 'audio', 'video', 'canvas',
]);
/** HTML's raw-text and RCDATA elements: their content is not markup, it runs to the matching end tag. */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'iframe', 'noembed', 'noframes', 'noscript', 'textarea', 'title', 'xmp', 'plaintext']);
const VOID_ELEMENTS = new Set(['br', 'col', 'hr', 'img', 'wbr', 'input', 'meta', 'link', 'base', 'area', 'param', 'source', 'track', 'embed']);

const LINK_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);
const REMOTE_IMAGE_SCHEMES = new Set(['http', 'https']);
/** Raster types only: an SVG image can carry script in some viewers. */
const DATA_IMAGE = /^data:image\/(png|gif|jpe?g|webp|bmp);base64,[a-z0-9+/=\s]*$/i;
/** CSS that can run code or fetch (IE expressions, bindings, url() loads, imports) or hide it behind escapes. */
const UNSAFE_CSS = /expression\s*\(|javascript:|vbscript:|behavior\s*:|-moz-binding|@import|url\s*\(|\\|\/\*/i;

type Attribute = { name: string; value: string };
type Token =
  | { type: 'text'; text: string }
  | { type: 'start'; name: string; attributes: Attribute[]; selfClosing: boolean }
  | { type: 'end'; name: string };

const TAG_NAME = /[^\s/>]+/y;
const ATTRIBUTE_NAME = /[^\s/>=][^\s/>=]*/y;

/** Splits HTML into tokens the way HTML5's tokenizer would, dropping comments, doctypes and processing instructions. */
function* tokenize(html: string): Generator<Token> {
  let index = 0;
  let textStart = 0;
  const flushText = function* (end: number): Generator<Token> {
    if (end > textStart) yield { type: 'text', text: html.slice(textStart, end) };
  };
  while (index < html.length) {
    const lt = html.indexOf('<', index);
    if (lt < 0) break;
    const next = html[lt + 1] ?? '';
    if (html.startsWith('<!--', lt)) {
      yield* flushText(lt);
      const close = html.indexOf('-->', lt + 4);
      index = textStart = close < 0 ? html.length : close + 3;
      continue;
    }
    if (next === '!' || next === '?') {
      yield* flushText(lt);
      const close = html.indexOf('>', lt + 2);
      index = textStart = close < 0 ? html.length : close + 1;
      continue;
    }
    const isEnd = next === '/';
    const nameStart = isEnd ? lt + 2 : lt + 1;
    if (!/[a-zA-Z]/.test(html[nameStart] ?? '')) {
      index = lt + 1;
      continue;
    }
    yield* flushText(lt);
    TAG_NAME.lastIndex = nameStart;
    const name = (TAG_NAME.exec(html)?.[0] ?? '').toLowerCase();
    let cursor = nameStart + name.length;
    const attributes: Attribute[] = [];
    let selfClosing = false;
    let closed = false;
    while (cursor < html.length) {
      const char = html[cursor]!;
      if (char === '>') {
        closed = true;
        cursor++;
        break;
      }
      if (char === '/' ) {
        selfClosing = html[cursor + 1] === '>';
        cursor++;
        continue;
      }
      if (/\s/.test(char)) {
        cursor++;
        continue;
      }
      ATTRIBUTE_NAME.lastIndex = cursor;
      const attributeName = (ATTRIBUTE_NAME.exec(html)?.[0] ?? html[cursor]!).toLowerCase();
      cursor += attributeName.length;
      while (/\s/.test(html[cursor] ?? '')) cursor++;
      let value = '';
      if (html[cursor] === '=') {
        cursor++;
        while (/\s/.test(html[cursor] ?? '')) cursor++;
        const quote = html[cursor];
        if (quote === '"' || quote === "'") {
          const closeQuote = html.indexOf(quote, cursor + 1);
          const end = closeQuote < 0 ? html.length : closeQuote;
          value = html.slice(cursor + 1, end);
          cursor = end + 1;
        } else {
          const start = cursor;
          while (cursor < html.length && !/[\s>]/.test(html[cursor]!)) cursor++;
          value = html.slice(start, cursor);
        }
      }
      attributes.push({ name: attributeName, value: decodeHtmlEntities(value) });
    }
    // HTML5: a tag cut off by the end of input is dropped, not guessed at.
    if (!closed) {
      index = textStart = html.length;
      break;
    }
    index = textStart = cursor;
    if (isEnd) {
      yield { type: 'end', name };
      continue;
    }
    yield { type: 'start', name, attributes, selfClosing };
    if (RAW_TEXT_ELEMENTS.has(name)) {
      const closing = new RegExp(`</${name}[\\s/>]`, 'ig');
      closing.lastIndex = index;
      const found = closing.exec(html);
      const contentEnd = found ? found.index : html.length;
      if (contentEnd > index) yield { type: 'text', text: html.slice(index, contentEnd) };
      index = textStart = contentEnd;
    }
  }
  yield* flushText(html.length);
}

function escapeText(text: string): string {
  return text.replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The scheme a browser would see: it ignores ASCII whitespace and controls inside the URL (URL Standard). */
function readScheme(url: string): string | null {
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  return compact.match(/^([a-z][a-z0-9+.-]*):/i)?.[1]?.toLowerCase() ?? null;
}

function sanitizeAttributes(element: string, attributes: Attribute[], options: SanitizeOptions): Attribute[] {
  const allowed = ALLOWED_ELEMENTS[element] ?? [];
  const kept: Attribute[] = [];
  const seen = new Set<string>();
  for (const { name, value } of attributes) {
    if (seen.has(name)) continue;
    seen.add(name);
    if (!allowed.includes(name) && !GLOBAL_ATTRIBUTES.has(name)) continue;
    if (name === 'style') {
      if (!UNSAFE_CSS.test(value)) kept.push({ name, value });
      continue;
    }
    if (name === 'href' || name === 'cite') {
      const scheme = readScheme(value);
      if ((scheme && LINK_SCHEMES.has(scheme)) || (!scheme && value.trim().startsWith('#'))) kept.push({ name, value });
      continue;
    }
    if (name === 'src') {
      const scheme = readScheme(value);
      if (scheme === 'cid' || DATA_IMAGE.test(value.trim())) kept.push({ name, value });
      else if (scheme && REMOTE_IMAGE_SCHEMES.has(scheme)) {
        kept.push(options.allowRemoteImages ? { name, value } : { name: BLOCKED_IMAGE_ATTRIBUTE, value });
      }
      continue;
    }
    kept.push({ name, value });
  }
  if (element === 'a' && kept.some((attribute) => attribute.name === 'href')) {
    kept.push({ name: 'rel', value: 'noopener noreferrer nofollow' }, { name: 'target', value: '_blank' });
  }
  return kept;
}

/**
 * Keeps the allowed elements and attributes, drops active content with what it contains, blocks remote images
 * unless allowed (tracking pixels), keeps `cid:` and raster `data:` images, and balances the tags it emits.
 */
export function sanitizeHtml(html: string, options: SanitizeOptions = { allowRemoteImages: false }): string {
  const output: string[] = [];
  const open: string[] = [];
  let droppedElement: string | null = null;
  let droppedDepth = 0;
  for (const token of tokenize(html)) {
    if (droppedElement !== null) {
      if (token.type === 'start' && token.name === droppedElement && !token.selfClosing) droppedDepth++;
      if (token.type === 'end' && token.name === droppedElement && --droppedDepth === 0) droppedElement = null;
      continue;
    }
    if (token.type === 'text') {
      output.push(escapeText(token.text));
      continue;
    }
    if (token.type === 'start') {
      if (DROPPED_WITH_CONTENT.has(token.name)) {
        if (!token.selfClosing && !VOID_ELEMENTS.has(token.name)) {
          droppedElement = token.name;
          droppedDepth = 1;
        }
        continue;
      }
      if (!(token.name in ALLOWED_ELEMENTS)) continue;
      const attributes = sanitizeAttributes(token.name, token.attributes, options);
      const rendered = attributes.map(({ name, value }) => ` ${name}="${escapeAttribute(value)}"`).join('');
      output.push(`<${token.name}${rendered}>`);
      if (!VOID_ELEMENTS.has(token.name)) open.push(token.name);
      continue;
    }
    const position = open.lastIndexOf(token.name);
    if (position < 0) continue;
    // Close what was left open inside it, as a browser's tree builder would.
    while (open.length > position) output.push(`</${open.pop()}>`);
  }
  while (open.length > 0) output.push(`</${open.pop()}>`);
  return output.join('');
}
