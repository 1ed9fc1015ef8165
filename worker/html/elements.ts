// The element categories of HTML (WHATWG HTML §13.1.2 and the tree-construction rules) that the toolkit needs.

/** Elements that never have content: no end tag, no children. */
export const VOID_ELEMENTS: ReadonlySet<string> = new Set([
  'area',
  'base',
  'basefont',
  'bgsound',
  'br',
  'col',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

/**
 * Elements whose content the tokenizer reads as raw text (or RCDATA) up to their end tag, never as markup.
 * The same set as the tokenizer's own (htmlparser2), so that the unclosed-element rule below sees what it sees.
 */
export const RAW_TEXT_ELEMENTS: ReadonlySet<string> = new Set([
  'iframe',
  'noembed',
  'noframes',
  'plaintext',
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
]);

/** Elements that switch the tokenizer to foreign content (CDATA sections, no raw-text elements inside). */
export const FOREIGN_ROOTS: ReadonlySet<string> = new Set(['svg', 'math']);

/** What may stay inside <head>; any other start tag or visible text ends the head (HTML §13.2.6.4.4 "in head"). */
export const HEAD_CONTENT: ReadonlySet<string> = new Set([
  'base',
  'basefont',
  'bgsound',
  'link',
  'meta',
  'noframes',
  'noscript',
  'script',
  'style',
  'template',
  'title',
]);

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

/** Start tags that end an open <p> (HTML §13.2.6.4.7 "close a p element"); <table> is left out as quirks mode does. */
const CLOSES_PARAGRAPH = [
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'header',
  'hgroup',
  'hr',
  'listing',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'plaintext',
  'pre',
  'search',
  'section',
  'summary',
  'ul',
  'xmp',
  ...HEADINGS,
];

/**
 * For a start tag, the elements it ends when one of them is the current node (the implied end tags of HTML's tree
 * construction, applied to the current node only: enough for real mail and constant work per tag).
 */
export const IMPLIED_END_TAGS: ReadonlyMap<string, ReadonlySet<string>> = new Map<string, ReadonlySet<string>>([
  ...CLOSES_PARAGRAPH.map((tag) => [tag, new Set(['p'])] as const),
  ...HEADINGS.map((tag) => [tag, new Set(['p', ...HEADINGS])] as const),
  ['li', new Set(['li', 'p'])],
  ['dd', new Set(['dd', 'dt', 'p'])],
  ['dt', new Set(['dd', 'dt', 'p'])],
  ['tr', new Set(['tr', 'td', 'th', 'p'])],
  ['td', new Set(['td', 'th', 'p'])],
  ['th', new Set(['td', 'th', 'p'])],
  ['thead', new Set(['thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'p'])],
  ['tbody', new Set(['thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'p'])],
  ['tfoot', new Set(['thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'p'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['option', 'optgroup'])],
  ['body', new Set(['head'])],
]);
